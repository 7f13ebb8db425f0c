import type {
  BreakdownRow,
  BurnupResponse,
  HeatmapResponse,
  MeasureListItem,
  MetaResponse,
  SummaryResponse,
  TaxonomyItemDto,
} from '../../../server/schemas/responses';
import { formatDate, formatPercent } from '../../lib/format';
import type { Language } from '../../lib/i18n';
import { HEALTH_COLORS, STATUS_COLORS } from '../../lib/palette';
import { daysBetween } from '../../../common/calendar';

// Pure mappings from API responses to what the dashboard's charts and tables draw. No React, no
// fetching: the numbers shown are exactly the API's, only reshaped, localized and coloured here, so
// tests can check them without a browser.

function localName(item: TaxonomyItemDto, language: Language): string {
  return language === 'en' ? item.nameEn : item.nameJa;
}

// ---------------------------------------------------------------------------------------------
// Stacked bars by field / by ministry

export type BreakdownMode = 'status' | 'health';

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

export interface StackedRow {
  code: string;
  name: string;
  total: number;
  /** Count per series key (a status or a health code); every series key is present. */
  values: Record<string, number>;
  /** Progress toward the deadline, 0..1. */
  progress: number;
}

export interface StackedBars {
  series: ChartSeries[];
  rows: StackedRow[];
}

/**
 * Rows of a stacked bar chart: one per field (or ministry) with at least one measure, split by status
 * or by health. `only` is the filter on the same dimension: when the user filtered to some fields,
 * the other fields appear in the response only through measures that also belong to a selected one,
 * and no explorer link reproduces such a row (repeated filters are ORed), so they are left out.
 */
export function stackedBars(
  items: readonly BreakdownRow[],
  mode: BreakdownMode,
  meta: Pick<MetaResponse, 'statuses' | 'healths'>,
  language: Language,
  only: readonly string[] = [],
): StackedBars {
  const taxonomy = mode === 'status' ? meta.statuses : meta.healths;
  const colors = mode === 'status' ? STATUS_COLORS : HEALTH_COLORS;
  const series = taxonomy.map((item) => ({
    key: item.code,
    name: localName(item, language),
    color: colors[item.code] ?? '#555555',
  }));
  const rows = items
    .filter((item) => item.total > 0 && (only.length === 0 || only.includes(item.code)))
    .map((item): StackedRow => {
      const counts: Record<string, number> = mode === 'status' ? item.byStatus : item.byHealth;
      const values: Record<string, number> = {};
      for (const s of series) values[s.key] = counts[s.key] ?? 0;
      return { code: item.code, name: localName(item, language), total: item.total, values, progress: item.progress };
    });
  return { series, rows };
}

/** Approximate width of `text` in em: CJK and full-width characters 1em, others about 0.6em. */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return width;
}

/**
 * An axis label in at most two lines of `maxEm` each. SVG text does not wrap, and Japanese has no
 * spaces to wrap at, so break after 「・」 or a space, or before an opening bracket, at the last such
 * point that fits; else at the last character that fits. An overlong second line ends with 「…」.
 */
export function wrapLabel(text: string, maxEm: number): string[] {
  if (textWidthEm(text) <= maxEm) return [text];
  const chars = [...text];
  let best = -1;
  let hard = 0;
  for (let i = 1; i < chars.length; i++) {
    const head = chars.slice(0, i).join('');
    if (textWidthEm(head.trimEnd()) > maxEm) break;
    hard = i;
    const prev = chars[i - 1] ?? '';
    const next = chars[i] ?? '';
    if (prev === '・' || prev === ' ' || next === '（' || next === '(') best = i;
  }
  const cut = best > 0 ? best : Math.max(1, hard);
  const first = chars.slice(0, cut).join('').trimEnd();
  let second = chars.slice(cut).join('').trimStart();
  if (textWidthEm(second) > maxEm) {
    const rest = [...second];
    while (rest.length > 0 && textWidthEm(`${rest.join('')}…`) > maxEm) rest.pop();
    second = `${rest.join('')}…`;
  }
  return [first, second];
}

// ---------------------------------------------------------------------------------------------
// Burn-up

export interface BurnupRow {
  date: string;
  /** Milliseconds since the epoch at 00:00 UTC of `date`: a numeric axis spaces irregular points truly. */
  time: number;
  /** Percentages 0..100 (one decimal), as the axis and the table show them. */
  planned: number;
  completed: number | null;
  ideal: number;
  forecast: number | null;
}

export interface BurnupChartData {
  rows: BurnupRow[];
  asOf: string;
  asOfTime: number;
  deadline: string;
  deadlineTime: number;
  /** Weight of the milestones due by the deadline; 0 means there is nothing to draw. */
  totalWeight: number;
}

export function dayTime(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** A fraction 0..1 as a percentage with one decimal, for chart values. */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 1000) / 10;
}

export function burnupChartData(response: BurnupResponse): BurnupChartData {
  return {
    rows: response.points.map((p) => ({
      date: p.date,
      time: dayTime(p.date),
      planned: toPercent(p.planned),
      completed: p.completed === null ? null : toPercent(p.completed),
      ideal: toPercent(p.ideal),
      forecast: p.forecast === undefined ? null : toPercent(p.forecast),
    })),
    asOf: response.asOf,
    asOfTime: dayTime(response.asOf),
    deadline: response.deadline.date,
    deadlineTime: dayTime(response.deadline.date),
    totalWeight: response.totalWeight,
  };
}

// ---------------------------------------------------------------------------------------------
// Forecast in words

export interface Sentence {
  key: string;
  params: Record<string, string | number>;
}

export type ForecastInput = Pick<SummaryResponse, 'forecast' | 'progress' | 'deadline'>;

/**
 * The forecast as sentences (locale keys and their parameters). `scopeWeight` is the weight of the
 * milestones due by the deadline (the burn-up's totalWeight) when known: with none, there is nothing
 * to forecast.
 */
export function forecastSentences(input: ForecastInput, language: Language, scopeWeight?: number): Sentence[] {
  const { forecast, deadline } = input;
  const deadlineText = formatDate(deadline.date, language);
  const current = formatPercent(input.progress, language);
  if (scopeWeight === 0) return [{ key: 'dashboard.forecastNoScope', params: { deadline: deadlineText } }];
  if (deadline.daysLeft < 0) return [{ key: 'dashboard.forecastPast', params: { deadline: deadlineText, current } }];
  if (input.progress >= 1) return [{ key: 'dashboard.forecastComplete', params: {} }];
  const sentences: Sentence[] = [
    {
      key: 'dashboard.forecastSentence',
      params: {
        window: forecast.windowDays,
        deadline: deadlineText,
        projected: formatPercent(forecast.projectedProgress, language),
        current,
      },
    },
  ];
  const done = forecast.projectedCompletionDate;
  if (done === null) sentences.push({ key: 'dashboard.forecastNever', params: { window: forecast.windowDays } });
  else {
    const late = daysBetween(deadline.date, done);
    sentences.push(
      late > 0
        ? { key: 'dashboard.forecastDoneLate', params: { date: formatDate(done, language), count: late } }
        : { key: 'dashboard.forecastDone', params: { date: formatDate(done, language) } },
    );
  }
  return sentences;
}

// ---------------------------------------------------------------------------------------------
// Heat map

export interface HeatCell {
  field: string;
  ministry: string;
  total: number;
  behind: number;
  /** behind / total: what the colour encodes. */
  share: number;
  progress: number;
  background: string;
  color: string;
}

export interface HeatColumn {
  code: string;
  /** What the column header shows: short enough for fourteen columns on a laptop. */
  label: string;
  name: string;
}

export interface HeatRow {
  code: string;
  name: string;
  /** One entry per column, null where no measure belongs to both. */
  cells: (HeatCell | null)[];
}

export interface HeatmapMatrix {
  columns: HeatColumn[];
  rows: HeatRow[];
  /** Fields / ministries left out because no filtered measure belongs to them. */
  omittedRows: number;
  omittedColumns: number;
}

// A single-hue sequential scale (ColorBrewer Oranges): lightness alone carries the value, so it reads
// the same with any colour-vision deficiency and in greyscale.
const HEAT_STOPS: readonly (readonly [number, readonly [number, number, number]])[] = [
  [0, [0xfe, 0xf6, 0xec]],
  [0.25, [0xfd, 0xd0, 0xa2]],
  [0.5, [0xfd, 0x8d, 0x3c]],
  [0.75, [0xd9, 0x48, 0x01]],
  [1, [0x7f, 0x27, 0x04]],
];

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** The heat-map colour of a share 0..1 (clamped). */
export function heatColor(share: number): string {
  const s = Math.min(1, Math.max(0, share));
  for (let i = 1; i < HEAT_STOPS.length; i++) {
    const [hi, hiRgb] = HEAT_STOPS[i] ?? HEAT_STOPS[0] ?? [0, [0, 0, 0]];
    const [lo, loRgb] = HEAT_STOPS[i - 1] ?? [0, [0, 0, 0]];
    if (s <= hi) {
      const t = hi === lo ? 0 : (s - lo) / (hi - lo);
      return hex(loRgb.map((c, k) => c + ((hiRgb[k] ?? c) - c) * t));
    }
  }
  return hex(HEAT_STOPS[HEAT_STOPS.length - 1]?.[1] ?? [0, 0, 0]);
}

/** Black or white text, whichever contrasts more with `background` (WCAG relative luminance). */
export function textColorOn(background: string): string {
  const channel = (i: number) => {
    const c = parseInt(background.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  // Contrast with black (L + 0.05) / 0.05 against with white 1.05 / (L + 0.05).
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#1a1a1a' : '#ffffff';
}

/** Swatches for the heat map's legend, labelled with whole percentages. */
export function heatLegend(language: Language): { share: number; color: string; label: string }[] {
  const format = new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });
  return [0, 0.25, 0.5, 0.75, 1].map((share) => ({ share, color: heatColor(share), label: format.format(share) }));
}

// English ministry names run to forty characters; the customary abbreviations keep fourteen columns
// readable. Codes are mostly those abbreviations already; these two are not.
const ENGLISH_ABBREVIATIONS: Record<string, string> = { env: 'MOE', digital: 'DA' };

export function ministryLabel(item: TaxonomyItemDto, language: Language): string {
  return language === 'en' ? (ENGLISH_ABBREVIATIONS[item.code] ?? item.code.toUpperCase()) : item.nameJa;
}

/**
 * The field × ministry matrix. Rows and columns restricted to the filtered fields / ministries (for
 * the reason given at stackedBars), and those with no measure at all under the filters left out.
 */
export function heatmapMatrix(
  response: Pick<HeatmapResponse, 'fields' | 'ministries' | 'cells'>,
  language: Language,
  only: { field?: readonly string[]; ministry?: readonly string[] } = {},
): HeatmapMatrix {
  const onlyFields = only.field ?? [];
  const onlyMinistries = only.ministry ?? [];
  const cells = response.cells.filter(
    (c) =>
      (onlyFields.length === 0 || onlyFields.includes(c.field)) &&
      (onlyMinistries.length === 0 || onlyMinistries.includes(c.ministry)),
  );
  const byKey = new Map(cells.map((c) => [`${c.field}\u0000${c.ministry}`, c]));
  const usedFields = new Set(cells.map((c) => c.field));
  const usedMinistries = new Set(cells.map((c) => c.ministry));
  const fields = response.fields.filter((f) => usedFields.has(f.code));
  const ministries = response.ministries.filter((m) => usedMinistries.has(m.code));
  const columns = ministries.map((m) => ({ code: m.code, label: ministryLabel(m, language), name: localName(m, language) }));
  const rows = fields.map((f): HeatRow => ({
    code: f.code,
    name: localName(f, language),
    cells: ministries.map((m) => {
      const cell = byKey.get(`${f.code}\u0000${m.code}`);
      if (!cell) return null;
      const share = cell.total > 0 ? cell.behind / cell.total : 0;
      const background = heatColor(share);
      return { ...cell, share, background, color: textColorOn(background) };
    }),
  }));
  return {
    columns,
    rows,
    omittedRows: (onlyFields.length > 0 ? onlyFields.length : response.fields.length) - rows.length,
    omittedColumns: (onlyMinistries.length > 0 ? onlyMinistries.length : response.ministries.length) - columns.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Measures most behind

/** Whether a listed measure is behind at all: off track, stale, or with an overdue milestone. */
export function isBehindItem(item: Pick<MeasureListItem, 'health' | 'milestones'>): boolean {
  return item.health === 'off_track' || item.health === 'stale' || item.milestones.overdue > 0;
}

/** The head of the `sort=behind` list that is actually behind: the list sorts everyone, on track last. */
export function behindItems<T extends Pick<MeasureListItem, 'health' | 'milestones'>>(items: readonly T[]): T[] {
  return items.filter(isBehindItem);
}
