import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatPercent, formatShortDate } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import type { BurnupChartData } from '../chart-data';

// The burn-up (docs/product.md §3). Lines differ in dash pattern and weight as well as colour (Okabe–Ito), so
// they stay apart in greyscale and on a washed-out projector; the legend names each one.

function isoOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function BurnupChart({ data, height }: { data: BurnupChartData; height: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // Tooltip rows in the legend's order (Recharts sorts them by name otherwise).
  const order = [t('dashboard.ideal'), t('dashboard.planned'), t('dashboard.completed'), t('dashboard.forecast')];
  const percent = (value: unknown) => (typeof value === 'number' ? formatPercent(value / 100, language) : '—');
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
      <LineChart
        data={data.rows}
        margin={{ top: 24, right: 24, bottom: 8, left: 0 }}
        title={t('dashboard.progressTowardDeadline')}
      >
        <CartesianGrid stroke="#d0d4da" strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(time: number) => formatShortDate(isoOf(time), language)}
          tick={{ fill: '#1a1a1a', fontSize: 13 }}
          minTickGap={24}
        />
        <YAxis
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          tickFormatter={(v: number) => `${v}%`}
          tick={{ fill: '#1a1a1a', fontSize: 13 }}
          width={52}
        />
        <Tooltip
          labelFormatter={(time) => (typeof time === 'number' ? formatDate(isoOf(time), language) : '')}
          formatter={(value) => percent(value)}
          itemSorter={(item) => order.indexOf(String(item.name))}
        />
        <Legend wrapperStyle={{ fontSize: 14 }} itemSorter={null} />
        <ReferenceLine
          x={data.asOfTime}
          stroke="#1a1a1a"
          strokeDasharray="4 2"
          label={{ value: t('dashboard.asOfLine'), position: 'insideTopLeft', fill: '#1a1a1a', fontSize: 12 }}
        />
        <ReferenceLine
          x={data.deadlineTime}
          stroke="#a8200d"
          label={{ value: t('dashboard.deadlineLine'), position: 'insideTopRight', fill: '#a8200d', fontSize: 12 }}
        />
        <Line
          dataKey="ideal"
          name={t('dashboard.ideal')}
          stroke="#555555"
          strokeDasharray="2 4"
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="planned"
          name={t('dashboard.planned')}
          type="stepAfter"
          stroke="#56b4e9"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="completed"
          name={t('dashboard.completed')}
          stroke="#0072b2"
          strokeWidth={3.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="forecast"
          name={t('dashboard.forecast')}
          stroke="#d55e00"
          strokeDasharray="8 4"
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
