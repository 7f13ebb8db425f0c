import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryView } from '../../../components/query-view';
import { parseFilters } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { useMeta } from '../../../lib/meta';
import {
  changesQueryOf,
  reportBehindQuery,
  reportBreakdownQuery,
  reportBurnupQuery,
  reportChangesQuery,
  reportEditionQuery,
  reportSourceOf,
  reportSummaryQuery,
} from '../api/report-queries';
import type { ReportParams } from '../api/report-queries';
import { filterRecordOf } from '../report-data';
import type { FilterRecord } from '../report-data';
import { ReportBehind } from './report-behind';
import { ReportBreakdown } from './report-breakdown';
import { ReportBurnup } from './report-burnup';
import { ReportChanges } from './report-changes';
import { ReportKpis } from './report-kpis';
import { ReportTitlePage } from './report-title-page';

/** The filters an edition was made with, as the explorer's links take them (its as-of date included). */
function filtersOfRecord(record: FilterRecord, asOf: string, basis: string): Filters {
  const params = new URLSearchParams();
  for (const [key, values] of Object.entries(record)) params.set(key, values.join(','));
  params.set('asOf', asOf);
  params.set('basis', basis);
  return parseFilters(params);
}

/**
 * The A4 report for a meeting (docs/product.md §5 "A4 report", decision 015): the dashboard's figures
 * under the dashboard's parameters, or an edition's (`?edition=CODE`), laid out for paper — a title
 * page, the headline figures, the burn-up with its forecast in words, by field, by ministry, the
 * measures most behind and what changed since the last meeting, each chart with its numbers as a table.
 */
export function MeetingReportPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const params = useMemo(
    (): ReportParams => ({
      ...parseFilters(searchParams),
      deadline: searchParams.get('deadline') ?? '',
      edition: searchParams.get('edition') ?? '',
    }),
    [searchParams],
  );
  const source = useMemo(() => reportSourceOf(params), [params]);
  const meta = useMeta();
  const edition = useQuery({ ...reportEditionQuery(params.edition), enabled: source.kind === 'edition' });
  const summary = useQuery(reportSummaryQuery(source));
  const byField = useQuery(reportBreakdownQuery('field', source));
  const byMinistry = useQuery(reportBreakdownQuery('ministry', source));
  const burnup = useQuery(reportBurnupQuery(source));
  const behind = useQuery(reportBehindQuery(source));
  const changesRequest = changesQueryOf(source, edition.data);
  const changes = useQuery(reportChangesQuery(changesRequest));

  // What the title page names and the links narrow to: the URL's filters, or the edition's own.
  const record: FilterRecord | undefined = source.kind === 'edition' ? edition.data?.filters : filterRecordOf(params);
  const linkFilters: Filters | undefined =
    source.kind === 'edition'
      ? edition.data && filtersOfRecord(edition.data.filters, edition.data.asOf, edition.data.basis)
      : params;

  const settled = (q: { isSuccess: boolean; isError: boolean }) => q.isSuccess || q.isError;
  const ready =
    settled(meta) &&
    [summary, byField, byMinistry, burnup, behind].every(settled) &&
    // Without its edition, an edition's changes are never asked for.
    (changesRequest === null ? settled(edition) : settled(changes));
  const back = `/?${searchParams.toString()}`;

  return (
    <article className="meeting-report" data-testid="meeting-report" data-ready={ready ? 'true' : 'false'}>
      <div className="report-toolbar no-print" role="group" aria-label={t('meetingReport.toolbar')}>
        <button type="button" onClick={() => window.print()}>
          {t('meetingReport.print')}
        </button>
        <Link to={back === '/?' ? '/' : back}>
          {t(source.kind === 'edition' ? 'meetingReport.backToEdition' : 'meetingReport.back')}
        </Link>
      </div>
      <ReportTitlePage
        source={source}
        edition={edition}
        summary={summary.data}
        record={record}
        basis={source.kind === 'edition' ? edition.data?.basis : params.basis}
        sampleData={meta.data?.sampleData ?? false}
      />
      <QueryView query={summary} data={summary.data} skeletonHeight={200}>
        {(data) => (
          <>
            <ReportKpis summary={data} filters={linkFilters} />
            <ReportBurnup query={burnup} summary={data} />
          </>
        )}
      </QueryView>
      <ReportBreakdown dimension="field" query={byField} filters={linkFilters} only={record?.field ?? []} />
      <ReportBreakdown dimension="ministry" query={byMinistry} filters={linkFilters} only={record?.ministry ?? []} />
      <ReportBehind query={behind} />
      <ReportChanges query={changes} request={changesRequest} />
    </article>
  );
}
