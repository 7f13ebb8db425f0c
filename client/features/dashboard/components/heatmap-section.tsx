import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableToggle } from '../../../components/data-table-toggle';
import { EmptyState, ErrorState, Skeleton } from '../../../components/query-state';
import { explorerHref } from '../../../lib/filters';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { heatLegend, heatmapMatrix } from '../chart-data';
import type { HeatCell } from '../chart-data';
import { heatmapQuery } from '../api/dashboard-queries';
import type { DashboardFilters } from '../api/dashboard-queries';

/**
 * Field × ministry: an HTML table, so it needs no chart library, reads cell by cell with a screen
 * reader and every cell is a keyboard-reachable link. The number is the count; the colour (a
 * lightness scale) the share of those measures that are off track or stale.
 */
export function HeatmapSection({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const query = useQuery(heatmapQuery(filters));
  const matrix = useMemo(
    () => (query.data ? heatmapMatrix(query.data, language, { field: filters.field, ministry: filters.ministry }) : null),
    [query.data, language, filters.field, filters.ministry],
  );
  const n = (v: number) => formatNumber(v, language);
  const cellLabel = (cell: HeatCell, field: string, ministry: string) =>
    t('dashboard.heatmapCell', { field, ministry, count: cell.total, behind: cell.behind });

  return (
    <section className="panel dashboard-panel dashboard-row" aria-labelledby={`${id}-h`} data-testid="heatmap">
      <h2 id={`${id}-h`}>{t('dashboard.heatmap')}</h2>
      <p className="muted chart-help">{t('dashboard.heatmapHelp')}</p>
      {query.isPending || (!matrix && !query.isError) ? (
        <Skeleton height={420} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : matrix && matrix.rows.length === 0 ? (
        <EmptyState />
      ) : matrix ? (
        <>
          <div className="heatmap">
            <table>
              <caption className="visually-hidden">{t('dashboard.heatmap')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('dashboard.heatmapCorner')}</span>
                  </th>
                  {matrix.columns.map((c) => (
                    <th scope="col" key={c.code} className="heatmap-col">
                      {c.label === c.name ? c.name : <abbr title={c.name}>{c.label}</abbr>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      <Link to={explorerHref(filters, { field: row.code })}>{row.name}</Link>
                    </th>
                    {row.cells.map((cell, i) => {
                      const column = matrix.columns[i];
                      if (!cell || !column) {
                        return (
                          <td key={column?.code ?? i} className="heatmap-empty">
                            <span className="visually-hidden">{n(0)}</span>
                          </td>
                        );
                      }
                      return (
                        <td key={column.code}>
                          <Link
                            to={explorerHref(filters, { field: row.code, ministry: column.code })}
                            style={{ background: cell.background, color: cell.color }}
                            aria-label={cellLabel(cell, row.name, column.name)}
                            title={cellLabel(cell, row.name, column.name)}
                          >
                            {n(cell.total)}
                          </Link>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="heatmap-legend" aria-hidden="true">
            <span>{t('dashboard.heatmapScale')}</span>
            {heatLegend(language).map((s) => (
              <span key={s.share} className="heatmap-swatch">
                <span style={{ background: s.color }} />
                {s.label}
              </span>
            ))}
          </div>
          {(matrix.omittedRows > 0 || matrix.omittedColumns > 0) && (
            <p className="muted">
              {t('dashboard.heatmapOmitted', { rows: n(matrix.omittedRows), columns: n(matrix.omittedColumns) })}
            </p>
          )}
          <DataTableToggle>
            <table className="data-table">
              <caption>{t('dashboard.heatmap')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('filters.field')}</th>
                  <th scope="col">{t('filters.ministry')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.measureCount')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.heatmapScale')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.progressTowardDeadline')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {matrix.rows.flatMap((row) =>
                  row.cells.map((cell, i) => {
                    const column = matrix.columns[i];
                    if (!cell || !column) return null;
                    return (
                      <tr key={`${row.code}/${column.code}`}>
                        <th scope="row">{row.name}</th>
                        <td>{column.name}</td>
                        <td className="num">
                          <Link to={explorerHref(filters, { field: row.code, ministry: column.code })}>{n(cell.total)}</Link>
                        </td>
                        <td className="num">
                          {t('dashboard.withNote', { text: formatPercent(cell.share, language), note: n(cell.behind) })}
                        </td>
                        <td className="num">{formatPercent(cell.progress, language)}</td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </DataTableToggle>
        </>
      ) : null}
    </section>
  );
}
