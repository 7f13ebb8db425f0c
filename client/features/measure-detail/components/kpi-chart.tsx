import { useTranslation } from 'react-i18next';
import type { KpiDto } from '../../../../server/schemas/follow-up';
import { formatDate, formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';

// One KPI's observations against its pacing line (docs/product.md §4): the straight line from the
// baseline point to the target point is the pace the A / B category is judged by, so an observation
// on or beyond it (toward the target) is on pace. A small hand-drawn SVG rather than the dashboard's
// Recharts: a measure page shows a few of these, each a few points, and needs no chart chunk. The
// picture is named by one sentence (role="img"); the values themselves are in the table beside it.

const WIDTH = 220;
const HEIGHT = 84;
const PAD = { left: 6, right: 6, top: 8, bottom: 8 };

function dayOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

export function KpiChart({ kpi }: { kpi: KpiDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const days = [kpi.baselineDate, kpi.targetDate, ...kpi.observations.map((o) => o.observedOn)].map(dayOf);
  const values = [kpi.baselineValue, kpi.targetValue, ...kpi.observations.map((o) => o.value)];
  const [x0, x1] = [Math.min(...days), Math.max(...days)];
  const [y0, y1] = [Math.min(...values), Math.max(...values)];
  const x = (date: string) => PAD.left + ((dayOf(date) - x0) / (x1 - x0 || 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - ((value - y0) / (y1 - y0 || 1)) * (HEIGHT - PAD.top - PAD.bottom);
  const points = kpi.observations.map((o) => `${x(o.observedOn).toFixed(1)},${y(o.value).toFixed(1)}`).join(' ');
  const latest = kpi.observations.at(-1);
  const label = t('followUpViews.kpiChartLabel', {
    baseline: n(kpi.baselineValue),
    baselineDate: formatDate(kpi.baselineDate, language),
    target: n(kpi.targetValue),
    targetDate: formatDate(kpi.targetDate, language),
    unit: kpi.unit,
    observations: latest
      ? t('followUpViews.kpiChartObservations', {
          count: kpi.observations.length,
          value: n(latest.value),
          date: formatDate(latest.observedOn, language),
        })
      : t('followUpViews.kpiNoObservation'),
  });

  return (
    <svg className="kpi-chart" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <title>{label}</title>
      <line
        className="kpi-chart-pace"
        x1={x(kpi.baselineDate)}
        y1={y(kpi.baselineValue)}
        x2={x(kpi.targetDate)}
        y2={y(kpi.targetValue)}
        stroke="#6b6b6b"
        strokeDasharray="4 3"
        strokeWidth={1.5}
      />
      <circle cx={x(kpi.baselineDate)} cy={y(kpi.baselineValue)} r={3} fill="#fff" stroke="#6b6b6b" strokeWidth={1.5} />
      <rect x={x(kpi.targetDate) - 3} y={y(kpi.targetValue) - 3} width={6} height={6} fill="#6b6b6b" />
      {kpi.observations.length > 1 && <polyline points={points} fill="none" stroke="#0072b2" strokeWidth={2} />}
      {kpi.observations.map((o) => (
        <circle key={o.id} className="kpi-chart-observation" cx={x(o.observedOn)} cy={y(o.value)} r={3} fill="#0072b2" />
      ))}
    </svg>
  );
}
