import type { ChangeItem, ChangeKind } from '../../../server/schemas/meeting-pack';
import type {
  BreakdownRow,
  BurnupResponse,
  MeasureListItem,
  MetaResponse,
  SummaryResponse,
  TaxonomyItemDto,
} from '../../../server/schemas/responses';
import { daysBetween, isIsoDate, jstDateOfInstant } from '../../../common/calendar';
import { MULTI_FILTER_KEYS } from '../../lib/filters';
import type { Filters } from '../../lib/filters';
import { formatDate, formatPercent } from '../../lib/format';
import type { Language } from '../../lib/i18n';

// Pure mappings from the API's answers to what the A4 report prints (docs/product.md §5 "A4 report"):
// no React, no fetching, so that the figures can be checked without a browser. The forecast's wording
// is the dashboard's (the same locale keys); the code is copied rather than imported, as features do
// not import one another (decision 007).

function localName(item: TaxonomyItemDto, language: Language): string {
  return language === 'en' ? item.nameEn : item.nameJa;
}

// ---------------------------------------------------------------------------------------------
// The title page: the filters in words

/** The filters as parameter name → values, whether from the URL or from an edition's record. */
export type FilterRecord = Record<string, readonly string[]>;

export function filterRecordOf(filters: Filters): FilterRecord {
  const record: FilterRecord = {};
  for (const key of MULTI_FILTER_KEYS) if (filters[key].length > 0) record[key] = filters[key];
  if (filters.q.trim()) record.q = [filters.q.trim()];
  return record;
}

const META_KIND: Record<
  (typeof MULTI_FILTER_KEYS)[number],
  keyof Pick<MetaResponse, 'fields' | 'ministries' | 'statuses' | 'healths' | 'pillars' | 'instruments'>
> = {
  field: 'fields',
  ministry: 'ministries',
  status: 'statuses',
  health: 'healths',
  pillar: 'pillars',
  instrument: 'instruments',
  partner: 'ministries',
};

export interface FilterLine {
  /** The filter's key (`field`, …, `q`): its label is `filters.<key>`. */
  key: string;
  /** The chosen values by name, in the taxonomy's language. */
  values: string[];
}

/** Each narrowing filter with its values named; the basis, the deadline and the as-of date are said apart. */
export function filterLines(record: FilterRecord, meta: MetaResponse | undefined, language: Language): FilterLine[] {
  const lines: FilterLine[] = [];
  for (const key of MULTI_FILTER_KEYS) {
    const codes = record[key] ?? [];
    if (codes.length === 0) continue;
    const items = meta?.[META_KIND[key]] ?? [];
    lines.push({
      key,
      values: codes.map((code) => {
        const item = items.find((x) => x.code === code);
        return item ? localName(item, language) : code;
      }),
    });
  }
  const q = record.q ?? [];
  if (q.length > 0) lines.push({ key: 'q', values: q.map((v) => `「${v}」`) });
  return lines;
}

// ---------------------------------------------------------------------------------------------
// The forecast in words (the dashboard's wording)

export interface Sentence {
  key: string;
  params: Record<string, string | number>;
}

/** As the dashboard says it; `scopeWeight` is the burn-up's totalWeight when known (0: nothing to forecast). */
export function forecastSentences(
  input: Pick<SummaryResponse, 'forecast' | 'progress' | 'deadline'>,
  language: Language,
  scopeWeight?: number,
): Sentence[] {
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
// Charts sized for A4: the SVG's user units are CSS pixels, drawn 170 mm wide (≈ 642 px).

export const CHART_WIDTH = 640;

export interface BurnupGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** SVG path data of each line ('' when it has no point). */
  ideal: string;
  planned: string;
  completed: string;
  forecast: string;
  asOfX: number;
  deadlineX: number;
  xTicks: { x: number; date: string }[];
  yTicks: { y: number; percent: number }[];
}

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** The burn-up's lines and axes, in a width × height box: a time axis, 0–100 % upwards. */
export function burnupGeometry(response: BurnupResponse, width = CHART_WIDTH, height = 280): BurnupGeometry {
  const plot = { left: 48, right: width - 16, top: 16, bottom: height - 28 };
  const points = response.points;
  const first = points[0]?.date ?? response.asOf;
  const last = points[points.length - 1]?.date ?? response.deadline.date;
  const start = dayNumber(first);
  const span = Math.max(1, dayNumber(last) - start);
  const x = (date: string) => round1(plot.left + ((dayNumber(date) - start) / span) * (plot.right - plot.left));
  const y = (fraction: number) => round1(plot.bottom - Math.min(1, Math.max(0, fraction)) * (plot.bottom - plot.top));
  const line = (pairs: [string, number][], step = false) =>
    pairs
      .map(([date, value], i) => {
        const px = x(date);
        const py = y(value);
        if (i === 0) return `M${px},${py}`;
        const prev = pairs[i - 1];
        return step && prev ? `H${px}V${py}` : `L${px},${py}`;
      })
      .join('');
  const ticks = 5;
  const xTicks = Array.from({ length: ticks }, (_, i) => {
    const day = start + Math.round((span * i) / (ticks - 1));
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    return { x: x(date), date };
  });
  return {
    width,
    height,
    plot,
    ideal: line(points.map((p) => [p.date, p.ideal])),
    planned: line(
      points.map((p) => [p.date, p.planned]),
      true,
    ),
    completed: line(points.flatMap((p): [string, number][] => (p.completed === null ? [] : [[p.date, p.completed]]))),
    forecast: line(points.flatMap((p): [string, number][] => (p.forecast === undefined ? [] : [[p.date, p.forecast]]))),
    asOfX: x(response.asOf),
    deadlineX: x(response.deadline.date),
    xTicks,
    yTicks: [0, 25, 50, 75, 100].map((percent) => ({ y: y(percent / 100), percent })),
  };
}

function countOf(counts: Partial<Record<string, number>>, key: string): number {
  return counts[key] ?? 0;
}

export interface BreakdownBar {
  code: string;
  name: string;
  total: number;
  progress: number;
  /** Count per status, in the taxonomy's order; every status present. */
  values: { key: string; name: string; count: number }[];
}

/**
 * One bar per field (or ministry) with measures, split by status. With a filter on the same dimension,
 * the other rows appear only through measures that also belong to a chosen one, so they are left out
 * (as on the dashboard).
 */
export function breakdownBars(
  items: readonly BreakdownRow[],
  statuses: readonly TaxonomyItemDto[],
  language: Language,
  only: readonly string[] = [],
): BreakdownBar[] {
  return items
    .filter((item) => item.total > 0 && (only.length === 0 || only.includes(item.code)))
    .map((item) => ({
      code: item.code,
      name: localName(item, language),
      total: item.total,
      progress: item.progress,
      values: statuses.map((s) => ({ key: s.code, name: localName(s, language), count: countOf(item.byStatus, s.code) })),
    }));
}

// ---------------------------------------------------------------------------------------------
// The measures most behind, and what changed

/** Behind at all: off track, stale, or with an overdue milestone (the list sorts everyone, on track last). */
export function behindItems<T extends Pick<MeasureListItem, 'health' | 'milestones'>>(items: readonly T[]): T[] {
  return items.filter((item) => item.health === 'off_track' || item.health === 'stale' || item.milestones.overdue > 0);
}

export interface ChangeGroup {
  kind: ChangeKind;
  items: ChangeItem[];
}

/**
 * The items by kind, in the order of the response's kinds (`page.kinds`, CHANGE_KINDS order: the
 * client takes only types from the server), leaving out kinds without items.
 */
export function changeGroups(items: readonly ChangeItem[], kinds: readonly ChangeKind[]): ChangeGroup[] {
  return kinds.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter((g) => g.items.length > 0);
}

/** A change's date: a JST day as given, an instant as the day it fell on in Japan. */
export function changeDate(value: string, language: Language): string {
  return formatDate(isIsoDate(value) ? value : jstDateOfInstant(value), language);
}

/** A before / after value in words: a date, a status or health by name, else as given (a KPI category). */
export function changeValue(
  value: string | null,
  meta: Pick<MetaResponse, 'statuses' | 'healths'> | undefined,
  language: Language,
): string {
  if (value === null) return '—';
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return changeDate(value, language);
  const item = meta?.statuses.find((s) => s.code === value) ?? meta?.healths.find((h) => h.code === value);
  return item ? localName(item, language) : value;
}
