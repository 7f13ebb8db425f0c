import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { DataTableToggle } from '../../../components/data-table-toggle';
import { DownloadMenu } from '../../../components/download-menu';
import { Panel } from '../../../components/panel';
import { QueryView } from '../../../components/query-view';
import { exportUrl } from '../../../lib/export-url';
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
  const query = useQuery(heatmapQuery(filters));
  const matrix = useMemo(
    () => (query.data ? heatmapMatrix(query.data, language, { field: filters.field, ministry: filters.ministry }) : null),
    [query.data, language, filters.field, filters.ministry],
  );
  const n = (v: number) => formatNumber(v, language);
  const cellLabel = (cell: HeatCell, field: string, ministry: string) =>
    t('dashboard.heatmapCell', { field, ministry, count: cell.total, behind: cell.behind });

  return (
    <Panel
      title={t('dashboard.heatmap')}
      description={t('dashboard.heatmapHelp')}
      className="dashboard-row"
      testId="heatmap"
      actions={
        <DownloadMenu context={t('dashboard.heatmap')} hrefOf={(format) => exportUrl('heatmap', format, filters, language)} />
      }
    >
      <QueryView query={query} data={matrix} skeletonHeight={420} isEmpty={(m) => m.rows.length === 0}>
        {(matrix) => (
          <>
            <DataTable
              caption={t('dashboard.heatmap')}
              captionHidden
              className="heatmap"
              columns={[
                { key: 'corner', label: <span className="visually-hidden">{t('dashboard.heatmapCorner')}</span> },
                ...matrix.columns.map((c) => ({
                  key: c.code,
                  label: c.label === c.name ? c.name : <abbr title={c.name}>{c.label}</abbr>,
                  className: 'heatmap-col',
                })),
              ]}
            >
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
            </DataTable>
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
              <DataTable
                caption={t('dashboard.heatmap')}
                columns={[
                  { key: 'field', label: t('filters.field') },
                  { key: 'ministry', label: t('filters.ministry') },
                  { key: 'count', label: t('dashboard.measureCount'), numeric: true },
                  { key: 'share', label: t('dashboard.heatmapScale'), numeric: true },
                  { key: 'progress', label: t('dashboard.progressTowardDeadline'), numeric: true },
                ]}
                size="small"
                scroll={false}
              >
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
              </DataTable>
            </DataTableToggle>
          </>
        )}
      </QueryView>
    </Panel>
  );
}
