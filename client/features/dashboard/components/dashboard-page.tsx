import { usePrefetchQuery, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { FilterBar } from '../../../components/filter-bar';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { emptyFilters } from '../../../lib/filters';
import { formatDate } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { useUrlFilters } from '../../../lib/use-url-filters';
import {
  behindQuery,
  burnupQuery,
  editionQuery,
  byFieldQuery,
  byMinistryQuery,
  heatmapQuery,
  kpiStatsQuery,
  summaryQuery,
} from '../api/dashboard-queries';
import { BehindList } from './behind-list';
import { BreakdownSection, preloadBreakdownChart } from './breakdown-section';
import { BurnupSection, preloadBurnupChart } from './burnup-section';
import { DeadlineSelect } from './deadline-select';
import { EditionBanner, EditionProblem, NotFrozenNote, latestHref } from './edition-banner';
import { FreezeEditionButton } from './freeze-edition-dialog';
import { editionFilters } from '../edition-filters';
import { HeatmapSection } from './heatmap-section';
import { KpiCategorySection } from './kpi-category-section';
import { KpiTiles } from './kpi-tiles';
import { SlippageSection } from './slippage-section';

/** The executive dashboard (docs/product.md §5): one page, the explorer's filters, everything traceable to measures. */
export function DashboardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [urlFilters, setFilters] = useUrlFilters();
  // ?edition=CODE: every section reads the edition's frozen views; its own filters replace the URL's.
  const [params] = useSearchParams();
  const editionCode = params.get('edition') ?? '';
  const edition = useQuery({ ...editionQuery(editionCode), enabled: editionCode !== '' });
  const filters = edition.data
    ? editionFilters(edition.data)
    : editionCode
      ? { ...urlFilters, edition: editionCode }
      : urlFilters;
  const summary = useQuery(summaryQuery(filters));
  // The A4 report takes the dashboard's own parameters (decision 015).
  const { search } = useLocation();

  // Every panel's request starts now, in parallel with the summary, rather than after the summary has
  // answered and the panels have mounted; and the chart code starts loading alongside the data.
  usePrefetchQuery(byFieldQuery(filters));
  usePrefetchQuery(byMinistryQuery(filters));
  usePrefetchQuery(burnupQuery(filters));
  usePrefetchQuery(heatmapQuery(filters));
  usePrefetchQuery(behindQuery(filters));
  usePrefetchQuery(kpiStatsQuery('field', filters));
  useEffect(() => {
    preloadBurnupChart();
    preloadBreakdownChart();
  }, []);

  return (
    <div className="dashboard">
      <div className="dashboard-head">
        <h1>{t('dashboard.title')}</h1>
        {summary.data && <p className="muted">{t('dashboard.summaryAsOf', { date: formatDate(summary.data.asOf, language) })}</p>}
        <Link className="button-link print-report-link" to={`/report${search}`} title={t('meetingReport.printOrPdfHelp')}>
          {t('meetingReport.printOrPdf')}
        </Link>
      </div>
      {editionCode && edition.error && <EditionProblem code={editionCode} error={edition.error} latest={latestHref(params)} />}
      {editionCode && edition.data && <EditionBanner edition={edition.data} latest={latestHref(params)} />}
      {!editionCode && (
        <>
          <FilterBar filters={filters} onChange={(next) => setFilters({ ...next, deadline: filters.deadline })} />
          <DeadlineSelect
            value={filters.deadline || summary.data?.deadline.code || ''}
            deadline={summary.data?.deadline}
            onChange={(deadline) => setFilters({ ...filters, deadline })}
          />
          {summary.data && <FreezeEditionButton filters={filters} asOf={summary.data.asOf} />}
        </>
      )}
      {!(editionCode && edition.error) && (
        <QueryView
          query={summary}
          data={summary.data}
          skeletonHeight={110}
          isEmpty={(data) => data.total === 0}
          empty={
            <EmptyState>
              <button
                type="button"
                className="secondary"
                onClick={() => setFilters({ ...emptyFilters(), deadline: filters.deadline })}
              >
                {t('common.clearFilters')}
              </button>
            </EmptyState>
          }
        >
          {(data) => (
            <>
              <KpiTiles summary={data} filters={filters} />
              <div className="grid grid-2 dashboard-row">
                <BurnupSection filters={filters} summary={data} />
                <BehindList filters={filters} />
              </div>
              <div className="grid grid-2 dashboard-row">
                <BreakdownSection dimension="field" filters={filters} />
                <BreakdownSection dimension="ministry" filters={filters} />
              </div>
              <HeatmapSection filters={filters} />
              <KpiCategorySection filters={filters} />
              {editionCode ? <NotFrozenNote /> : <SlippageSection filters={filters} />}
            </>
          )}
        </QueryView>
      )}
    </div>
  );
}
