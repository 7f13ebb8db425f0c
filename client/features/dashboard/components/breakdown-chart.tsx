import { useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LabelProps } from 'recharts';
import { formatNumber } from '../../../lib/format';
import type { Language } from '../../../lib/i18n';
import { useLanguage } from '../../../lib/meta';
import { wrapLabel } from '../chart-data';
import type { StackedBars } from '../chart-data';

// Horizontal stacked bars, one per field or ministry. Each segment carries its count as text (when
// wide enough to hold it), each bar its total, white gaps separate neighbours, and the legend names
// every colour in stacking order; the table beside the chart holds the same numbers with links.

const LABEL_WIDTH = 210;
const FONT_SIZE = 13;

export function BreakdownChart({
  data,
  rowHeight,
  hrefOf,
  label,
}: {
  data: StackedBars;
  rowHeight: number;
  hrefOf: (row: string, series?: string) => string;
  label: string;
}) {
  const navigate = useNavigate();
  const language = useLanguage();
  const height = data.rows.length * rowHeight + 70;

  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 560, height }}>
      <BarChart
        data={data.rows}
        layout="vertical" // The right margin holds the total printed after the longest bar.
        margin={{ top: 4, right: 40, bottom: 4, left: 4 }}
        barCategoryGap="18%"
        title={label}
      >
        <CartesianGrid horizontal={false} stroke="#d0d4da" />
        <XAxis
          type="number"
          allowDecimals={false}
          tick={{ fill: '#1a1a1a', fontSize: FONT_SIZE }}
          tickFormatter={(v: number) => formatNumber(v, language)}
        />
        <YAxis
          type="category"
          dataKey="name"
          width={LABEL_WIDTH}
          interval={0}
          tick={(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) => (
            <AxisLabel x={Number(props.x)} y={Number(props.y)} text={String(props.payload?.value ?? '')} />
          )}
        />
        <Tooltip
          formatter={(value) => (typeof value === 'number' ? formatNumber(value, language) : String(value))}
          // Stacking order, as the legend and the table list them (Recharts sorts by name otherwise).
          itemSorter={(item) => data.series.findIndex((s) => s.name === item.name)}
          cursor={{ fill: '#0b5cad14' }}
        />
        <Legend wrapperStyle={{ fontSize: 14 }} itemSorter={null} />
        {data.series.map((s, seriesIndex) => (
          <Bar
            key={s.key}
            dataKey={(row: (typeof data.rows)[number]) => row.values[s.key] ?? 0}
            name={s.name}
            stackId="stack"
            fill={s.color}
            stroke="#ffffff"
            strokeWidth={1}
            cursor="pointer"
            isAnimationActive={false}
            onClick={(_item, index) => {
              const row = data.rows[index];
              if (row && (row.values[s.key] ?? 0) > 0) void navigate(hrefOf(row.code, s.key));
            }}
          >
            <LabelList content={(props: LabelProps) => segmentLabel(props, data, seriesIndex, language)} />
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

function AxisLabel({ x, y, text }: { x: number; y: number; text: string }) {
  const lines = wrapLabel(text, (LABEL_WIDTH - 10) / FONT_SIZE);
  const lineHeight = FONT_SIZE * 1.15;
  return (
    <text x={x - 6} y={y} textAnchor="end" fontSize={FONT_SIZE} fill="#1a1a1a">
      {lines.map((line, i) => (
        <tspan key={i} x={x - 6} dy={i === 0 ? ((1 - lines.length) * lineHeight) / 2 + FONT_SIZE * 0.35 : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/**
 * A segment's own count, centred, where it fits (Recharts would print the stack's running sum); and
 * after the row's last non-empty segment, the row's total.
 */
function segmentLabel(props: LabelProps, data: StackedBars, seriesIndex: number, language: Language) {
  const row = props.index === undefined ? undefined : data.rows[props.index];
  const series = data.series[seriesIndex];
  if (!row || !series) return null;
  const value = row.values[series.key] ?? 0;
  if (value === 0) return null;
  const x = Number(props.x);
  const y = Number(props.y);
  const width = Number(props.width);
  const height = Number(props.height);
  if (![x, y, width, height].every(Number.isFinite)) return null;
  const isLast = data.series.slice(seriesIndex + 1).every((s) => (row.values[s.key] ?? 0) === 0);
  const text = formatNumber(value, language);
  return (
    <g pointerEvents="none">
      {width >= 8 * text.length + 8 && (
        <text
          x={x + width / 2}
          y={y + height / 2}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={12}
          fontWeight={600}
          fill="#ffffff"
          stroke="#1a1a1a"
          strokeWidth={2.5}
          paintOrder="stroke"
        >
          {text}
        </text>
      )}
      {isLast && (
        <text
          x={x + width + 5}
          y={y + height / 2}
          dominantBaseline="central"
          fontSize={FONT_SIZE}
          fontWeight={700}
          fill="#1a1a1a"
        >
          {formatNumber(row.total, language)}
        </text>
      )}
    </g>
  );
}
