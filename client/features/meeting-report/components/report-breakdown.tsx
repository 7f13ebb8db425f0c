import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BreakdownResponse } from '../../../../server/schemas/responses';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { explorerHref } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useLanguage, useMeta } from '../../../lib/meta';
import { STATUS_COLORS } from '../../../lib/palette';
import { CHART_WIDTH, breakdownBars } from '../report-data';
import type { BreakdownBar } from '../report-data';

const LABEL_WIDTH = 190;
const ROW_HEIGHT = 22;
const TOTAL_ROOM = 36;

/** Measures by field (or ministry) and status: stacked bars drawn for A4, then the same numbers as a table. */
export function ReportBreakdown({
  dimension,
  query,
  filters,
  only,
}: {
  dimension: 'field' | 'ministry';
  query: UseQueryResult<BreakdownResponse>;
  filters: Filters | undefined;
  only: readonly string[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const title = t(dimension === 'field' ? 'dashboard.byField' : 'dashboard.byMinistry');
  const bars = useMemo(
    () => (query.data && meta ? breakdownBars(query.data.items, meta.statuses, language, only) : null),
    [query.data, meta, language, only],
  );
  const n = (v: number) => formatNumber(v, language);
  const href = (row: string, status?: string) =>
    filters && explorerHref(filters, status ? { [dimension]: row, status } : { [dimension]: row });

  return (
    <section
      className="report-section report-new-page"
      aria-labelledby={`report-by-${dimension}`}
      data-testid={`report-by-${dimension}`}
    >
      <h2 id={`report-by-${dimension}`}>{title}</h2>
      <QueryView
        query={query}
        data={bars}
        skeletonHeight={300}
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState message={t('meetingReport.noRows')} />}
      >
        {(rows) => (
          <>
            <BarsChart rows={rows} label={t('meetingReport.barsChartLabel', { title })} />
            <DataTable
              caption={t(dimension === 'field' ? 'meetingReport.byFieldTable' : 'meetingReport.byMinistryTable')}
              columns={[
                { key: 'row', label: t(`filters.${dimension}`) },
                ...(rows[0]?.values ?? []).map((v) => ({ key: v.key, label: v.name, numeric: true })),
                { key: 'total', label: t('common.total'), numeric: true },
                { key: 'progress', label: t('dashboard.progressTowardDeadline'), numeric: true },
              ]}
              size="small"
              scroll={false}
              testId={`report-by-${dimension}-table`}
            >
              {rows.map((row) => (
                <tr key={row.code} data-code={row.code}>
                  <th scope="row">{filters ? <Link to={href(row.code) ?? ''}>{row.name}</Link> : row.name}</th>
                  {row.values.map((v) => (
                    <td className="num" key={v.key}>
                      {v.count > 0 && filters ? <Link to={href(row.code, v.key) ?? ''}>{n(v.count)}</Link> : n(v.count)}
                    </td>
                  ))}
                  <td className="num">{n(row.total)}</td>
                  <td className="num">{formatPercent(row.progress, language)}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryView>
    </section>
  );
}

function BarsChart({ rows, label }: { rows: BreakdownBar[]; label: string }) {
  const language = useLanguage();
  const max = Math.max(1, ...rows.map((r) => r.total));
  const scale = (CHART_WIDTH - LABEL_WIDTH - TOTAL_ROOM) / max;
  const height = rows.length * ROW_HEIGHT + 4;
  const series = rows[0]?.values ?? [];
  return (
    <figure className="report-chart">
      <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} className="report-svg" role="img" aria-label={label}>
        {rows.map((row, i) => {
          const y = i * ROW_HEIGHT + 2;
          let x = LABEL_WIDTH;
          return (
            <g key={row.code}>
              <text x={LABEL_WIDTH - 6} y={y + ROW_HEIGHT / 2 + 4} textAnchor="end" fontSize={11} fill="#1a1a1a">
                {row.name}
              </text>
              {row.values.map((v) => {
                const width = v.count * scale;
                const rect = (
                  <rect
                    key={v.key}
                    x={x}
                    y={y + 3}
                    width={width}
                    height={ROW_HEIGHT - 6}
                    fill={STATUS_COLORS[v.key] ?? '#555555'}
                    stroke="#ffffff"
                  />
                );
                x += width;
                return rect;
              })}
              <text x={x + 4} y={y + ROW_HEIGHT / 2 + 4} fontSize={11} fontWeight={700} fill="#1a1a1a">
                {formatNumber(row.total, language)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="report-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <span className="report-swatch" style={{ background: STATUS_COLORS[s.key] ?? '#555555' }} />
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
