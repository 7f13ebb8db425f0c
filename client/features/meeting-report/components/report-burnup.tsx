import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BurnupResponse, SummaryResponse } from '../../../../server/schemas/responses';
import { DataTable } from '../../../components/data-table';
import { QueryView } from '../../../components/query-view';
import { formatDate, formatPercent, formatShortDate } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { burnupGeometry, forecastSentences } from '../report-data';

// The lines as the dashboard draws them (Okabe–Ito, told apart by dash and weight as well as colour).
const LINES = [
  { key: 'ideal', label: 'dashboard.ideal', color: '#555555', dash: '2 4', width: 1.5 },
  { key: 'planned', label: 'dashboard.planned', color: '#56b4e9', dash: undefined, width: 2 },
  { key: 'completed', label: 'dashboard.completed', color: '#0072b2', dash: undefined, width: 3.5 },
  { key: 'forecast', label: 'dashboard.forecast', color: '#d55e00', dash: '8 4', width: 2.5 },
] as const;

/** The burn-up with its forecast in words and its method, then every point as a table. */
export function ReportBurnup({ query, summary }: { query: UseQueryResult<BurnupResponse>; summary: SummaryResponse }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const geometry = useMemo(() => (query.data ? burnupGeometry(query.data) : null), [query.data]);
  const sentences = forecastSentences(summary, language, query.data?.totalWeight);
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatPercent(v, language));

  return (
    <section className="report-section" aria-labelledby="report-burnup" data-testid="report-burnup">
      <h2 id="report-burnup">{t('meetingReport.burnup')}</h2>
      <p className="report-forecast" data-testid="report-forecast">
        {sentences.map((s) => t(s.key, s.params)).join(' ')}
      </p>
      <QueryView query={query} data={query.data} skeletonHeight={280} isEmpty={(b) => b.totalWeight === 0} empty={null}>
        {(burnup) => (
          <>
            {geometry && (
              <figure className="report-chart">
                <figcaption className="muted">{t('dashboard.burnupHelp')}</figcaption>
                <svg
                  viewBox={`0 0 ${geometry.width} ${geometry.height}`}
                  className="report-svg"
                  role="img"
                  aria-label={t('meetingReport.burnupChartLabel')}
                >
                  {geometry.yTicks.map((tick) => (
                    <g key={tick.percent}>
                      <line x1={geometry.plot.left} x2={geometry.plot.right} y1={tick.y} y2={tick.y} stroke="#d0d4da" />
                      <text x={geometry.plot.left - 6} y={tick.y + 4} textAnchor="end" fontSize={11} fill="#1a1a1a">
                        {tick.percent}%
                      </text>
                    </g>
                  ))}
                  {geometry.xTicks.map((tick, i) => (
                    <text
                      key={tick.date}
                      x={tick.x}
                      y={geometry.plot.bottom + 18}
                      // The first and last labels stay inside the box.
                      textAnchor={i === 0 ? 'start' : i === geometry.xTicks.length - 1 ? 'end' : 'middle'}
                      fontSize={11}
                      fill="#1a1a1a"
                    >
                      {formatShortDate(tick.date, language)}
                    </text>
                  ))}
                  <line
                    x1={geometry.asOfX}
                    x2={geometry.asOfX}
                    y1={geometry.plot.top}
                    y2={geometry.plot.bottom}
                    stroke="#1a1a1a"
                    strokeDasharray="4 2"
                  />
                  <text x={geometry.asOfX + 3} y={geometry.plot.top + 10} fontSize={11} fill="#1a1a1a">
                    {t('dashboard.asOfLine')}
                  </text>
                  <line
                    x1={geometry.deadlineX}
                    x2={geometry.deadlineX}
                    y1={geometry.plot.top}
                    y2={geometry.plot.bottom}
                    stroke="#a8200d"
                  />
                  <text x={geometry.deadlineX - 3} y={geometry.plot.top + 10} textAnchor="end" fontSize={11} fill="#a8200d">
                    {t('dashboard.deadlineLine')}
                  </text>
                  {LINES.map((line) => (
                    <path
                      key={line.key}
                      d={geometry[line.key]}
                      fill="none"
                      stroke={line.color}
                      strokeWidth={line.width}
                      strokeDasharray={line.dash}
                    />
                  ))}
                </svg>
                <ul className="report-legend" aria-hidden="true">
                  {LINES.map((line) => (
                    <li key={line.key}>
                      <svg width="28" height="10" viewBox="0 0 28 10">
                        <line
                          x1="0"
                          x2="28"
                          y1="5"
                          y2="5"
                          stroke={line.color}
                          strokeWidth={line.width}
                          strokeDasharray={line.dash}
                        />
                      </svg>
                      {t(line.label)}
                    </li>
                  ))}
                </ul>
              </figure>
            )}
            <DataTable
              caption={t('meetingReport.burnupTable')}
              columns={[
                { key: 'date', label: t('dashboard.date') },
                { key: 'planned', label: t('dashboard.planned'), numeric: true },
                { key: 'completed', label: t('dashboard.completed'), numeric: true },
                { key: 'ideal', label: t('dashboard.ideal'), numeric: true },
                { key: 'forecast', label: t('dashboard.forecast'), numeric: true },
              ]}
              size="small"
              scroll={false}
              testId="report-burnup-table"
            >
              {burnup.points.map((p) => (
                <tr key={p.date}>
                  <th scope="row">{formatDate(p.date, language)}</th>
                  <td className="num">{pct(p.planned)}</td>
                  <td className="num">{pct(p.completed)}</td>
                  <td className="num">{pct(p.ideal)}</td>
                  <td className="num">{pct(p.forecast)}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryView>
      <p className="chart-method muted">
        <strong>{t('dashboard.method')}</strong>
        {t('dashboard.colon')}
        {language === 'en' ? summary.forecast.method : summary.forecast.methodJa}
      </p>
    </section>
  );
}
