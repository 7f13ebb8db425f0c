import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EditionDto } from '../../../../server/schemas/meeting-pack';
import type { SummaryResponse } from '../../../../server/schemas/responses';
import { ErrorState } from '../../../components/query-state';
import { formatDate, formatDateTime, formatList } from '../../../lib/format';
import { nameOf, useLanguage, useMeta } from '../../../lib/meta';
import type { ReportSource } from '../api/report-queries';
import { filterLines } from '../report-data';
import type { FilterRecord } from '../report-data';

/**
 * The report's first page: what it is, for which meeting (the edition's, else the next one), as of
 * when, over which measures, on which basis and toward which deadline; and the illustrative-data note
 * when the figures are the sample's (docs/product.md §6).
 */
export function ReportTitlePage({
  source,
  edition,
  summary,
  record,
  basis,
  sampleData,
}: {
  source: ReportSource;
  edition: UseQueryResult<EditionDto>;
  summary: SummaryResponse | undefined;
  record: FilterRecord | undefined;
  basis: string | undefined;
  sampleData: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const meeting = source.kind === 'edition' ? edition.data?.meeting : meta?.meetings.find((m) => m.code === meta.nextMeeting);
  const lines = record ? filterLines(record, meta, language) : [];
  const deadline = summary?.deadline;
  const days = (count: number) =>
    count === 0
      ? t('dashboard.deadlineToday')
      : count > 0
        ? t('dashboard.daysLeft', { count })
        : t('dashboard.daysPast', { count: -count });
  const dash = '—';

  return (
    <section className="report-title-page" aria-labelledby="report-title" data-testid="report-title-page">
      <h1 id="report-title">{t('meetingReport.title')}</h1>
      {source.kind === 'edition' && edition.isError && (
        <ErrorState error={edition.error} onRetry={() => void edition.refetch()} />
      )}
      <dl className="report-facts">
        <dt>{t('meetingReport.meeting')}</dt>
        <dd data-testid="report-meeting">
          {meeting
            ? t('meetingReport.meetingWithDate', { name: nameOf(meeting, language), date: formatDate(meeting.date, language) })
            : meta || edition.data
              ? t('meetingReport.noMeeting')
              : dash}
        </dd>
        <dt>{t('meetingReport.asOf')}</dt>
        <dd data-testid="report-as-of">{summary ? formatDate(summary.asOf, language) : dash}</dd>
        <dt>{t('meetingReport.filters')}</dt>
        <dd data-testid="report-filters">
          {!record ? (
            dash
          ) : lines.length === 0 ? (
            t('meetingReport.allMeasures')
          ) : (
            <ul className="report-filter-list">
              {lines.map((line) => (
                <li key={line.key}>
                  {t('meetingReport.filterLine', { label: t(`filters.${line.key}`), values: formatList(line.values, language) })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('meetingReport.basis')}</dt>
        <dd data-testid="report-basis">{basis ? t(`filters.basisValues.${basis}`) : dash}</dd>
        <dt>{t('meetingReport.deadline')}</dt>
        <dd data-testid="report-deadline">
          {deadline
            ? t('meetingReport.deadlineWithDate', {
                name: language === 'en' ? deadline.nameEn : deadline.nameJa,
                date: formatDate(deadline.date, language),
                days: days(deadline.daysLeft),
              })
            : dash}
        </dd>
        {source.kind === 'edition' && (
          <>
            <dt>{t('meetingReport.edition')}</dt>
            <dd data-testid="report-edition">{source.code}</dd>
          </>
        )}
      </dl>
      <p className="report-provenance">
        {source.kind === 'edition'
          ? edition.data &&
            t('meetingReport.editionNote', { code: edition.data.code, date: formatDateTime(edition.data.createdAt, language) })
          : summary && t('meetingReport.liveNote', { date: formatDate(summary.asOf, language) })}
      </p>
      {sampleData && (
        <p className="report-sample-note" role="note">
          {t('app.sampleNote')}
        </p>
      )}
      <p className="muted report-generated">
        {t('meetingReport.generated', { date: formatDateTime(new Date().toISOString(), language) })}
      </p>
    </section>
  );
}
