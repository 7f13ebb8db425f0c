import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { DataTableToggle } from '../../../components/data-table-toggle';
import { Panel } from '../../../components/panel';
import { QueryView } from '../../../components/query-view';
import { explorerHref } from '../../../lib/filters';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { matrixQuery } from '../api/analysis-queries';
import type { AnalysisFilters, MatrixPair } from '../api/analysis-queries';
import { axisFilter, legendSwatches, matrixGrid } from '../matrix-data';

/**
 * One matrix of the analysis page as an HTML table (keyboard- and screen-reader-friendly like the
 * heat map): the count in each cell, coloured by the share behind, each a link to its measures. With
 * `gaps` an empty cell is a coverage gap (docs/product.md §5): hatched, named 「空白」 for screen
 * readers, and counted per row.
 */
export function MatrixSection({
  pair,
  filters,
  title,
  description,
  gaps = false,
  testId,
}: {
  pair: MatrixPair;
  filters: AnalysisFilters;
  title: string;
  description: string;
  gaps?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const query = useQuery(matrixQuery(pair, filters));
  const grid = useMemo(() => {
    if (!query.data) return null;
    return matrixGrid(query.data, language, {
      rows: filters[axisFilter(query.data, 'rows')],
      cols: filters[axisFilter(query.data, 'cols')],
    });
  }, [query.data, language, filters]);
  const n = (v: number) => formatNumber(v, language);
  // The axes named as the filter bar names them (the co-ownership columns are the partners, 共管府省庁).
  const rowAxis = t(`filters.${pair.rows}`);
  const colAxis = t(`filters.${pair.rows === 'ministry' ? 'partner' : pair.cols}`);
  const nothing = (g: NonNullable<typeof grid>) => g.rows.every((r) => r.cells.every((c) => c === null));

  return (
    <Panel title={title} description={description} className="dashboard-row" testId={testId}>
      <QueryView
        query={query}
        data={grid}
        skeletonHeight={360}
        isEmpty={nothing}
        empty={<p className="muted">{t('analysis.noCells')}</p>}
      >
        {(grid) => (
          <>
            <div className="table-scroll">
              <DataTable
                caption={title}
                captionHidden
                className="heatmap analysis-matrix"
                scroll={false}
                columns={[
                  {
                    key: 'corner',
                    label: <span className="visually-hidden">{t('analysis.corner', { row: rowAxis, col: colAxis })}</span>,
                  },
                  ...grid.columns.map((c) => ({
                    key: c.code,
                    label: c.label === c.name ? c.name : <abbr title={c.name}>{c.label}</abbr>,
                    className: 'heatmap-col',
                  })),
                  ...(gaps ? [{ key: 'gaps', label: t('analysis.gapsColumn'), className: 'heatmap-col', numeric: true }] : []),
                ]}
              >
                {grid.rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      <Link to={explorerHref(filters, row.link)}>{row.name}</Link>
                    </th>
                    {row.cells.map((cell, i) => {
                      const column = grid.columns[i];
                      if (!column) return null;
                      if (!cell) {
                        const label = t(gaps ? 'analysis.gapCell' : 'analysis.emptyCell', { row: row.name, col: column.name });
                        return (
                          <td key={column.code} className={gaps ? 'heatmap-empty analysis-gap' : 'heatmap-empty'} title={label}>
                            <span className="visually-hidden">{gaps ? t('analysis.gap') : n(0)}</span>
                          </td>
                        );
                      }
                      const label = t('analysis.cell', {
                        row: row.name,
                        col: column.name,
                        count: n(cell.total),
                        behind: n(cell.behind),
                      });
                      return (
                        <td key={column.code}>
                          <Link
                            to={explorerHref(filters, cell.link)}
                            style={{ background: cell.background, color: cell.color }}
                            aria-label={label}
                            title={label}
                          >
                            {n(cell.total)}
                          </Link>
                        </td>
                      );
                    })}
                    {gaps && (
                      <td className="num analysis-gap-count" data-testid={`gaps-${row.code}`}>
                        {n(row.gaps)}
                      </td>
                    )}
                  </tr>
                ))}
              </DataTable>
            </div>
            <div className="heatmap-legend" aria-hidden="true">
              <span>{t('analysis.scale')}</span>
              {legendSwatches(language).map((s) => (
                <span key={s.share} className="heatmap-swatch">
                  <span style={{ background: s.color }} />
                  {s.label}
                </span>
              ))}
              {gaps && (
                <span className="heatmap-swatch">
                  <span className="analysis-gap-swatch" />
                  {t('analysis.gapLegend')}
                </span>
              )}
            </div>
            {gaps && <p className="muted">{t('analysis.totalGaps', { count: grid.gaps, formatted: n(grid.gaps) })}</p>}
            <DataTableToggle>
              <DataTable
                caption={title}
                columns={[
                  { key: 'row', label: rowAxis },
                  { key: 'col', label: colAxis },
                  { key: 'count', label: t('analysis.count'), numeric: true },
                  { key: 'behind', label: t('analysis.behind'), numeric: true },
                  { key: 'share', label: t('analysis.scale'), numeric: true },
                  { key: 'progress', label: t('analysis.progress'), numeric: true },
                ]}
                size="small"
                scroll={false}
              >
                {grid.rows.flatMap((row) =>
                  row.cells.map((cell, i) => {
                    const column = grid.columns[i];
                    if (!column) return null;
                    if (!cell) {
                      if (!gaps) return null;
                      return (
                        <tr key={`${row.code}/${column.code}`} className="analysis-gap-row">
                          <th scope="row">{row.name}</th>
                          <td>{column.name}</td>
                          <td className="num">{t('analysis.gap')}</td>
                          <td className="num" />
                          <td className="num" />
                          <td className="num" />
                        </tr>
                      );
                    }
                    return (
                      <tr key={`${row.code}/${column.code}`}>
                        <th scope="row">{row.name}</th>
                        <td>{column.name}</td>
                        <td className="num">
                          <Link to={explorerHref(filters, cell.link)}>{n(cell.total)}</Link>
                        </td>
                        <td className="num">{n(cell.behind)}</td>
                        <td className="num">{formatPercent(cell.share, language)}</td>
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
