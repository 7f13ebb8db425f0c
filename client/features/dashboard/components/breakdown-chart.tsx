import { useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Text, Tooltip, XAxis, YAxis } from 'recharts';
import type { LabelProps } from 'recharts';
import { formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import type { StackedBars, StackedRow } from '../api/chart-data';

// Horizontal stacked bars, one per field or ministry. Each segment carries its count as text (when
// wide enough to hold it), white gaps separate neighbours, and the legend names every colour; the
// table beside the chart holds the same numbers with keyboard-reachable links.

const LABEL_WIDTH = 190;

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
  const rowAt = (index: number): StackedRow | undefined => data.rows[index];
  const lastSeries = data.series[data.series.length - 1]?.key;

  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 560, height }}>
      <BarChart data={data.rows} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 4 }} barCategoryGap="18%" title={label}>
        <CartesianGrid horizontal={false} stroke="#d0d4da" />
        <XAxis type="number" allowDecimals={false} tick={{ fill: '#1a1a1a', fontSize: 13 }} tickFormatter={(v: number) => formatNumber(v, language)} />
        <YAxis
          type="category"
          dataKey="name"
          width={LABEL_WIDTH}
          interval={0}
          tick={(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) => (
            <Text
              x={Number(props.x)}
              y={Number(props.y)}
              width={LABEL_WIDTH - 8}
              textAnchor="end"
              verticalAnchor="middle"
              maxLines={2}
              fontSize={13}
              fill="#1a1a1a"
            >
              {String(props.payload?.value ?? '')}
            </Text>
          )}
        />
        <Tooltip formatter={(value) => (typeof value === 'number' ? formatNumber(value, language) : String(value))} cursor={{ fill: '#0b5cad14' }} />
        <Legend wrapperStyle={{ fontSize: 14 }} />
        {data.series.map((s) => (
          <Bar
            key={s.key}
            dataKey={(row: StackedRow) => row.values[s.key] ?? 0}
            name={s.name}
            stackId="stack"
            fill={s.color}
            stroke="#ffffff"
            strokeWidth={1}
            cursor="pointer"
            isAnimationActive={false}
            onClick={(_item, index) => {
              const row = rowAt(index);
              if (row && (row.values[s.key] ?? 0) > 0) void navigate(hrefOf(row.code, s.key));
            }}
          >
            <LabelList content={SegmentLabel} />
            {s.key === lastSeries && <LabelList dataKey="total" position="right" fill="#1a1a1a" fontSize={13} fontWeight={700} />}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** The count inside a segment, in a colour that contrasts with it; left out where it would not fit. */
function SegmentLabel(props: LabelProps) {
  const x = Number(props.x);
  const y = Number(props.y);
  const width = Number(props.width);
  const height = Number(props.height);
  const value = Number(props.value);
  if (!Number.isFinite(width) || width < 18 || !value) return null;
  return (
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
      pointerEvents="none"
    >
      {value}
    </text>
  );
}
