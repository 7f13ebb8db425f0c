import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { DataTableToggle } from '../../../components/data-table-toggle';
import { DownloadMenu } from '../../../components/download-menu';
import { Panel } from '../../../components/panel';
import { Skeleton } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { exportUrl } from '../../../lib/export-url';
import { explorerHref } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useLanguage, useMeta } from '../../../lib/meta';
import { stackedBars } from '../chart-data';
import type { BreakdownMode, StackedBars, StackedRow } from '../chart-data';
import { breakdownQuery } from '../api/dashboard-queries';
import type { BreakdownDimension, DashboardFilters } from '../api/dashboard-queries';

// Recharts is loaded on demand, in its own chunk (shared with the burn-up).
const loadBreakdownChart = () => import('./breakdown-chart');
const BreakdownChart = lazy(() => loadBreakdownChart().then((m) => ({ default: m.BreakdownChart })));

export function preloadBreakdownChart(): void {
  void loadBreakdownChart();
}

/** Row height of the horizontal bars: room for a two-line label on a projector. */
const ROW_HEIGHT = 34;

/** Where a row (and, with a series, one segment of it) of a breakdown leads in the explorer. */
export function breakdownHref(
  filters: Filters,
  dimension: BreakdownDimension,
  mode: BreakdownMode,
  row: string,
  series?: string,
): string {
  return explorerHref(filters, series === undefined ? { [dimension]: row } : { [dimension]: row, [mode]: series });
}

/** Status or health by field (or by ministry): stacked bars, the same numbers as a table, links to the measures. */
export function BreakdownSection({ dimension, filters }: { dimension: BreakdownDimension; filters: DashboardFilters }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const [mode, setMode] = useState<BreakdownMode>('status');
  const query = useQuery(breakdownQuery(dimension, filters));
  const { data: meta } = useMeta();
  const title = t(dimension === 'field' ? 'dashboard.byField' : 'dashboard.byMinistry');
  const data = useMemo(
    () => (query.data && meta ? stackedBars(query.data.items, mode, meta, language, filters[dimension]) : null),
    [query.data, meta, mode, language, filters, dimension],
  );

  return (
    <Panel
      title={title}
      testId={`breakdown-${dimension}`}
      actions={
        <div className="panel-actions">
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('dashboard.splitBy')}</legend>
            {(['status', 'health'] as const).map((m) => (
              <label key={m} className={mode === m ? 'selected' : undefined}>
                <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
                {t(m === 'status' ? 'dashboard.byStatus' : 'dashboard.byHealth')}
              </label>
            ))}
          </fieldset>
          {/* The file has the counts by status and by health alike, whichever the chart shows. */}
          <DownloadMenu
            context={title}
            hrefOf={(format) => exportUrl(dimension === 'field' ? 'by-field' : 'by-ministry', format, filters, language)}
          />
        </div>
      }
    >
      <QueryView query={query} data={data} skeletonHeight={320} isEmpty={(bars) => bars.rows.length === 0}>
        {(bars) => (
          <>
            <p className="muted chart-help">{t('dashboard.chartHelp')}</p>
            <Suspense fallback={<Skeleton height={bars.rows.length * ROW_HEIGHT + 70} label={t('dashboard.chartLoading')} />}>
              <BreakdownChart
                data={bars}
                rowHeight={ROW_HEIGHT}
                hrefOf={(row, series) => breakdownHref(filters, dimension, mode, row, series)}
                label={`${title} · ${t(mode === 'status' ? 'dashboard.byStatus' : 'dashboard.byHealth')}`}
              />
            </Suspense>
            <DataTableToggle>
              <BreakdownTable
                data={bars}
                caption={`${title} · ${t(mode === 'status' ? 'dashboard.byStatus' : 'dashboard.byHealth')}`}
                headerLabel={t(`filters.${dimension}`)}
                hrefOf={(row, series) => breakdownHref(filters, dimension, mode, row, series)}
              />
            </DataTableToggle>
          </>
        )}
      </QueryView>
    </Panel>
  );
}

function BreakdownTable({
  data,
  caption,
  headerLabel,
  hrefOf,
}: {
  data: StackedBars;
  caption: string;
  headerLabel: string;
  hrefOf: (row: string, series?: string) => string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const cell = (row: StackedRow, key: string) => {
    const value = row.values[key] ?? 0;
    const segment = data.series.find((s) => s.key === key)?.name ?? key;
    // Zero has no measures to show; a link would also widen a filter that excluded that value.
    return value > 0 ? (
      <Link to={hrefOf(row.code, key)} aria-label={t('dashboard.openSegment', { name: row.name, segment, count: value })}>
        {n(value)}
      </Link>
    ) : (
      n(0)
    );
  };
  return (
    <DataTable
      caption={caption}
      columns={[
        { key: 'row', label: headerLabel },
        ...data.series.map((s) => ({ key: s.key, label: s.name, numeric: true })),
        { key: 'total', label: t('common.total'), numeric: true },
        { key: 'progress', label: t('dashboard.progressTowardDeadline'), numeric: true },
      ]}
      size="small"
      scroll={false}
    >
      {data.rows.map((row) => (
        <tr key={row.code} data-code={row.code}>
          <th scope="row">
            <Link to={hrefOf(row.code)}>{row.name}</Link>
          </th>
          {data.series.map((s) => (
            <td className="num" key={s.key}>
              {cell(row, s.key)}
            </td>
          ))}
          <td className="num">
            <Link to={hrefOf(row.code)} aria-label={t('dashboard.openCount', { name: row.name, count: row.total })}>
              {n(row.total)}
            </Link>
          </td>
          <td className="num">{formatPercent(row.progress, language)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
