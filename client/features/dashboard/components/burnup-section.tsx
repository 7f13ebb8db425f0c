import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SummaryResponse } from '../../../../server/schemas/responses';
import { DataTable } from '../../../components/data-table';
import { DataTableToggle } from '../../../components/data-table-toggle';
import { DownloadMenu } from '../../../components/download-menu';
import { Panel } from '../../../components/panel';
import { Skeleton } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { exportUrl } from '../../../lib/export-url';
import { explorerHref } from '../../../lib/filters';
import { formatDate, formatList, formatPercent } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { burnupChartData, forecastSentences } from '../chart-data';
import { burnupQuery } from '../api/dashboard-queries';
import type { DashboardFilters } from '../api/dashboard-queries';

// Recharts is loaded on demand, in its own chunk: the page's text, tables and links do not wait for it.
const loadBurnupChart = () => import('./burnup-chart');
const BurnupChart = lazy(() => loadBurnupChart().then((m) => ({ default: m.BurnupChart })));

export function preloadBurnupChart(): void {
  void loadBurnupChart();
}

const CHART_HEIGHT = 320;

/** Progress toward the deadline: the burn-up, the forecast in words and its method, and the numbers. */
export function BurnupSection({ filters, summary }: { filters: DashboardFilters; summary: SummaryResponse }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const query = useQuery(burnupQuery(filters));
  const data = useMemo(() => (query.data ? burnupChartData(query.data) : null), [query.data]);
  const sentences = forecastSentences(summary, language, query.data?.totalWeight);
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v / 100, language));
  const markers = (date: string) =>
    [date === data?.asOf ? t('dashboard.asOfLine') : '', date === data?.deadline ? t('dashboard.deadlineLine') : ''].filter(
      Boolean,
    );

  return (
    <Panel
      title={t('dashboard.progressTowardDeadline')}
      testId="burnup"
      actions={
        <DownloadMenu
          context={t('dashboard.progressTowardDeadline')}
          hrefOf={(format) => exportUrl('burnup', format, filters, language)}
        />
      }
    >
      <p className="forecast-sentence" id={`${id}-forecast`} data-testid="forecast-sentence">
        {sentences.map((s) => t(s.key, s.params)).join(' ')}
      </p>
      {/* Without milestones there is no line to draw, and the forecast sentence above says so. */}
      <QueryView
        query={query}
        data={data}
        skeletonHeight={CHART_HEIGHT}
        isEmpty={(chart) => chart.totalWeight === 0}
        empty={null}
      >
        {(chart) => (
          <>
            <figure className="chart-figure" aria-describedby={`${id}-forecast`}>
              <figcaption className="muted chart-help">{t('dashboard.burnupHelp')}</figcaption>
              <Suspense fallback={<Skeleton height={CHART_HEIGHT} label={t('dashboard.chartLoading')} />}>
                <BurnupChart data={chart} height={CHART_HEIGHT} />
              </Suspense>
            </figure>
            <DataTableToggle>
              <DataTable
                caption={t('dashboard.withNote', {
                  text: t('dashboard.progressTowardDeadline'),
                  note: t('dashboard.deadlineDue', { date: formatDate(chart.deadline, language) }),
                })}
                columns={[
                  { key: 'date', label: t('dashboard.date') },
                  { key: 'planned', label: t('dashboard.planned'), numeric: true },
                  { key: 'completed', label: t('dashboard.completed'), numeric: true },
                  { key: 'ideal', label: t('dashboard.ideal'), numeric: true },
                  { key: 'forecast', label: t('dashboard.forecast'), numeric: true },
                ]}
                size="small"
                scroll={false}
              >
                {chart.rows.map((row) => {
                  const notes = markers(row.date);
                  return (
                    <tr key={row.date}>
                      <th scope="row">
                        {notes.length > 0
                          ? t('dashboard.withNote', { text: formatDate(row.date, language), note: formatList(notes, language) })
                          : formatDate(row.date, language)}
                      </th>
                      <td className="num">{pct(row.planned)}</td>
                      <td className="num">{pct(row.completed)}</td>
                      <td className="num">{pct(row.ideal)}</td>
                      <td className="num">{pct(row.forecast)}</td>
                    </tr>
                  );
                })}
              </DataTable>
            </DataTableToggle>
          </>
        )}
      </QueryView>
      <p className="chart-method muted">
        <strong>{t('dashboard.method')}</strong>
        {t('dashboard.colon')}
        {language === 'en' ? summary.forecast.method : summary.forecast.methodJa}
      </p>
      <p>
        <Link to={explorerHref(filters)}>{t('common.openInExplorer')}</Link>
      </p>
    </Panel>
  );
}
