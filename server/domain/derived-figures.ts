import { addDays, daysBetween, maxIso, minIso } from '../../common/calendar';
import type { HealthCode, ReportedHealthCode, StatusCode } from '../../common/taxonomy';
import type { Basis, CompletionState } from '../schemas/follow-up';

// The derived figures of docs/product.md §3, defined once. Pure functions over plain data: the repositories
// fetch and group rows, and every number the API shows is computed here.
//
// Milestones arrive as groups: rows that share a due date and a completion date, with their summed
// weight and count. One milestone is simply a group of count 1, so the same definitions serve a
// single measure and ten thousand of them.

export interface MilestoneGroup {
  dueDate: string;
  completedDate: string | null;
  weight: number;
  count: number;
}

/** Days of completions the forecast's rate looks back over. */
export const FORECAST_WINDOW_DAYS = 90;
/** Longest series drawn day by day; longer ones are weekly (docs/product.md §3). */
export const DAILY_SERIES_MAX_DAYS = 366;
/** No chart draws more than about this many points: longer weekly series take multi-week steps. */
export const MAX_SERIES_POINTS = 1000;

/**
 * The dates every figure below compares milestone dates with, for one deadline and as-of date.
 * Two dates that compare alike with each of these (before, equal, after) give identical figures,
 * which lets the database group milestones by a compressed date (see compressDate) instead of by
 * thousands of distinct ones. Burn-up series and the forecast's completion date need real dates on
 * one side: see `burnup` and `forecastTowardDeadline`.
 */
export function comparisonDates(deadline: string, asOf: string): string[] {
  return [...new Set([addDays(asOf, -FORECAST_WINDOW_DAYS), asOf, deadline])].sort();
}

/**
 * A representative of `date`'s class relative to `boundaries` (sorted): the boundary itself when
 * equal, the day after the boundary below it when between two, the day before the first or after the
 * last outside them. server/repositories/stats-repository.ts computes the same in SQL.
 */
export function compressDate(date: string, boundaries: readonly string[]): string {
  const first = boundaries[0];
  if (first === undefined) return date;
  if (date < first) return addDays(first, -1);
  for (let i = 0; i < boundaries.length; i++) {
    const b = boundaries[i] ?? first;
    if (date === b) return b;
    const next = boundaries[i + 1];
    if (next === undefined || date < next) return addDays(b, 1);
  }
  return date;
}

/** Done as of `asOf`: completed on or before that date. A completion recorded later did not exist yet. */
export function isDoneAsOf(group: Pick<MilestoneGroup, 'completedDate'>, asOf: string): boolean {
  return group.completedDate !== null && group.completedDate <= asOf;
}

// ---------------------------------------------------------------------------------------------
// Basis (docs/product.md §3 "Basis")

/** A milestone's completion as stored: the reported date and the verification in force of it. */
export interface StoredCompletion {
  completedDate: string | null;
  /** When the secretariat verified the current completion; null when not (or no longer) verified. */
  verifiedAt: string | null;
}

/**
 * The completion date that counts on `basis`, null when none does. On `reported` and `accepted`
 * it is the reported one; on `verified` only a completion verified by the as-of instant counts (a
 * verification made later was not known then). Together with `isDoneAsOf` a milestone is done on
 * `verified` exactly when verified_at <= instant and completed_date <= asOf. The statistics compute
 * the same in SQL (server/repositories/measure-filter.ts `completionOnBasisSql`).
 */
export function completionOnBasis(ms: StoredCompletion, basis: Basis, asOfInstant: string): string | null {
  if (basis !== 'verified') return ms.completedDate;
  return ms.verifiedAt !== null && ms.verifiedAt <= asOfInstant ? ms.completedDate : null;
}

/** A milestone's completion state as of a view: open, reported complete, or verified complete. */
export function completionState(ms: StoredCompletion, asOf: string, asOfInstant: string): CompletionState {
  if (!isDoneAsOf(ms, asOf)) return 'open';
  return isDoneAsOf({ completedDate: completionOnBasis(ms, 'verified', asOfInstant) }, asOf) ? 'verified' : 'reported';
}

/** Overdue: past its due date on `asOf` and not completed by then. */
export function isOverdueAsOf(group: Pick<MilestoneGroup, 'dueDate' | 'completedDate'>, asOf: string): boolean {
  return group.dueDate < asOf && !isDoneAsOf(group, asOf);
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0;
}

/** A milestone group that also says whether its completion had been verified (docs/product.md §3 "Basis"). */
export interface VerifiableMilestoneGroup extends MilestoneGroup {
  verified: boolean;
}

/**
 * The same milestones as the reported and the verified basis count them: every completion, or only
 * the verified ones (an unverified completion is no completion on the verified basis). One grouping
 * serves both of the summary's figures.
 */
export function groupsByCompletion(groups: readonly VerifiableMilestoneGroup[]): {
  reported: MilestoneGroup[];
  verified: MilestoneGroup[];
} {
  return {
    reported: groups.map(({ dueDate, completedDate, weight, count }) => ({ dueDate, completedDate, weight, count })),
    verified: groups.map(({ dueDate, completedDate, weight, count, verified }) => ({
      dueDate,
      completedDate: verified ? completedDate : null,
      weight,
      count,
    })),
  };
}

/** Measure progress: completed weight / total weight, 0 when there are no milestones. */
export function progress(groups: readonly MilestoneGroup[], asOf: string): number {
  let total = 0;
  let done = 0;
  for (const g of groups) {
    total += g.weight;
    if (isDoneAsOf(g, asOf)) done += g.weight;
  }
  return ratio(done, total);
}

/** The milestones that count toward a deadline: those due on or before it. */
export function dueByDeadline(groups: readonly MilestoneGroup[], deadline: string): MilestoneGroup[] {
  return groups.filter((g) => g.dueDate <= deadline);
}

/** Progress toward a deadline: completed weight of milestones due by it / their total weight. */
export function progressTowardDeadline(groups: readonly MilestoneGroup[], deadline: string, asOf: string): number {
  return progress(dueByDeadline(groups, deadline), asOf);
}

export interface MilestoneCounts {
  total: number;
  done: number;
  overdue: number;
}

export function milestoneCounts(groups: readonly MilestoneGroup[], asOf: string): MilestoneCounts {
  const counts = { total: 0, done: 0, overdue: 0 };
  for (const g of groups) {
    counts.total += g.count;
    if (isDoneAsOf(g, asOf)) counts.done += g.count;
    else if (isOverdueAsOf(g, asOf)) counts.overdue += g.count;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Stale and effective health

export interface ReportState {
  status: StatusCode;
  /** Health of the latest report, null when the measure has never been reported on. */
  health: ReportedHealthCode | null;
  /** When the next report is due (latest report + cycle); for a never-reported measure, its creation. */
  reportDueAt: string;
}

/**
 * Stale: no status report within the reporting cycle, whatever the last health was (docs/product.md §2).
 * A measure never reported on is stale, since no report has been received within its cycle; a
 * completed measure that has been reported on has nothing left to report and never goes stale.
 */
export function isStale(state: ReportState, asOfInstant: string): boolean {
  if (state.health === null) return true;
  if (state.status === 'completed') return false;
  return state.reportDueAt < asOfInstant;
}

/** The health shown: `stale` when stale, otherwise the reported health. */
export function effectiveHealth(state: ReportState, asOfInstant: string): HealthCode {
  if (isStale(state, asOfInstant) || state.health === null) return 'stale';
  return state.health;
}

// ---------------------------------------------------------------------------------------------
// Behind

/**
 * The effective healths that make a measure "behind" for the executive view (the heat map's counts):
 * reported off track, or not reporting at all. At risk is a warning, not yet behind.
 */
export const BEHIND_HEALTHS: readonly HealthCode[] = ['off_track', 'stale'];

export function isBehind(health: HealthCode): boolean {
  return BEHIND_HEALTHS.includes(health);
}

/** How many measures of a tally are behind; a tally's byHealth is by effective health. */
export function behindCount(tally: Pick<StateTally, 'byHealth'>): number {
  return BEHIND_HEALTHS.reduce((sum, h) => sum + tally.byHealth[h], 0);
}

/**
 * Rank of an effective health in "most behind first" order: off track, then stale (no news is not
 * good news), then at risk, then on track. Unlike the plain health sort, stale ranks before at risk
 * because a silent measure cannot be assumed to be merely at risk.
 */
export const BEHIND_HEALTH_RANK: Readonly<Record<HealthCode, number>> = { off_track: 0, stale: 1, at_risk: 2, on_track: 3 };

export interface BehindSortable {
  code: string;
  health: HealthCode;
  /** Overdue milestones as of the as-of date (milestoneCounts().overdue). */
  overdue: number;
  progress: number;
}

/**
 * "Most behind first" order of measures: health rank, then more overdue milestones first, then lower
 * progress first, then code. Negative when `a` comes first. The measure list's `sort=behind` computes
 * the same order in SQL (server/repositories/measures-repository.ts).
 */
export function compareBehind(a: BehindSortable, b: BehindSortable): number {
  return (
    BEHIND_HEALTH_RANK[a.health] - BEHIND_HEALTH_RANK[b.health] ||
    b.overdue - a.overdue ||
    a.progress - b.progress ||
    cmp(a.code, b.code)
  );
}

// ---------------------------------------------------------------------------------------------
// Forecast

export interface Forecast {
  /** Projected progress toward the deadline at the deadline, 0..1. */
  projectedProgress: number;
  /** When the remaining weight would be done at the recent rate; null when the rate is zero. */
  projectedCompletionDate: string | null;
  /** Completed weight per day over the window. */
  ratePerDay: number;
  windowDays: number;
  method: string;
  methodJa: string;
}

/**
 * Linear projection: the weight completed in the last FORECAST_WINDOW_DAYS days up to `asOf`,
 * as a daily rate, carried forward to the deadline. Only milestones due by the deadline count.
 * `groups` may have compressed due dates but need real completion dates (for the date on which
 * everything was done).
 */
export function forecastTowardDeadline(groups: readonly MilestoneGroup[], deadline: string, asOf: string): Forecast {
  const scope = dueByDeadline(groups, deadline);
  const windowStart = addDays(asOf, -FORECAST_WINDOW_DAYS);
  let total = 0;
  let done = 0;
  let recent = 0;
  for (const g of scope) {
    total += g.weight;
    if (isDoneAsOf(g, asOf)) {
      done += g.weight;
      if (g.completedDate !== null && g.completedDate > windowStart) recent += g.weight;
    }
  }
  const ratePerDay = recent / FORECAST_WINDOW_DAYS;
  const remaining = Math.max(0, total - done);
  const daysLeft = daysBetween(asOf, deadline);
  // Multiply before dividing: recent / 90 is inexact, and ceil() would turn 90.00000000000001 into 91.
  const projectedDone = done + (recent * Math.max(0, daysLeft)) / FORECAST_WINDOW_DAYS;
  let projectedCompletionDate: string | null = null;
  if (total > 0 && remaining <= 1e-9) projectedCompletionDate = lastCompletionDate(scope, asOf);
  else if (recent > 0) projectedCompletionDate = addDays(asOf, Math.ceil((remaining * FORECAST_WINDOW_DAYS) / recent));
  return {
    projectedProgress: ratio(projectedDone, total),
    projectedCompletionDate,
    ratePerDay,
    windowDays: FORECAST_WINDOW_DAYS,
    method:
      `Linear projection: milestone weight completed in the ${FORECAST_WINDOW_DAYS} days up to the as-of date, ` +
      'as a daily rate, carried forward to the deadline. Only milestones due by the deadline count.',
    methodJa:
      `線形予測：基準日までの直近${FORECAST_WINDOW_DAYS}日間に完了したマイルストーンの重みを1日あたりの速度とし、` +
      '期限まで同じ速度で進むと仮定。期限までに期日が来るマイルストーンのみを対象とする。',
  };
}

function lastCompletionDate(groups: readonly MilestoneGroup[], asOf: string): string | null {
  let last: string | null = null;
  for (const g of groups) {
    if (isDoneAsOf(g, asOf) && g.completedDate !== null && (last === null || g.completedDate > last)) {
      last = g.completedDate;
    }
  }
  return last;
}

// ---------------------------------------------------------------------------------------------
// Burn-up

export interface BurnupPoint {
  date: string;
  /** Cumulative planned weight (by due date) as a fraction of the weight due by the deadline. */
  planned: number;
  /** Cumulative completed weight (by completion date); null after the as-of date. */
  completed: number | null;
  /** Straight line from 0 at the start to 1 at the deadline. */
  ideal: number;
  /** Forecast from the as-of date on; absent before it. */
  forecast?: number;
}

export interface Burnup {
  start: string;
  end: string;
  interval: 'day' | 'week';
  /** Days between points: 1 daily, 7 weekly, a multiple of 7 when weekly would exceed MAX_SERIES_POINTS. */
  stepDays: number;
  totalWeight: number;
  points: BurnupPoint[];
}

/**
 * Burn-up toward a deadline over the milestones due by it. The series runs from the earliest due or
 * completion date to the deadline (or to the as-of date, when that is later), daily when the range is
 * at most DAILY_SERIES_MAX_DAYS and weekly otherwise; the as-of date and the deadline are always points.
 */
export function burnup(
  byDueDate: readonly MilestoneGroup[],
  byCompletedDate: readonly MilestoneGroup[],
  deadline: string,
  asOf: string,
): Burnup {
  // Two groupings of the same milestones: one with real due dates (for the planned line), one with
  // real completion dates (for the completed line and the forecast). Unit tests pass one list twice.
  const scope = dueByDeadline(byDueDate, deadline);
  const doneScope = dueByDeadline(byCompletedDate, deadline).filter((g) => isDoneAsOf(g, asOf));
  const totalWeight = scope.reduce((sum, g) => sum + g.weight, 0);
  let start = minIso(asOf, deadline);
  for (const g of scope) start = minIso(start, g.dueDate);
  for (const g of doneScope) if (g.completedDate !== null) start = minIso(start, g.completedDate);
  const end = maxIso(deadline, asOf);
  const span = daysBetween(start, end);
  const interval = span > DAILY_SERIES_MAX_DAYS ? 'week' : 'day';
  const step = interval === 'week' ? 7 * Math.max(1, Math.ceil(span / 7 / MAX_SERIES_POINTS)) : 1;

  const dates: string[] = [];
  for (let d = start; d < end; d = addDays(d, step)) dates.push(d);
  dates.push(end);
  if (!dates.includes(asOf)) dates.push(asOf);
  if (!dates.includes(deadline)) dates.push(deadline);
  dates.sort();

  // Cumulative sums by sweeping sorted events once: O(groups log groups + points).
  const plannedEvents = scope.map((g) => [g.dueDate, g.weight] as const).sort((a, b) => cmp(a[0], b[0]));
  const doneEvents = doneScope.map((g) => [g.completedDate ?? '', g.weight] as const).sort((a, b) => cmp(a[0], b[0]));
  const fc = forecastTowardDeadline(byCompletedDate, deadline, asOf);
  const idealSpan = daysBetween(start, deadline);

  let pi = 0;
  let di = 0;
  let planned = 0;
  let completed = 0;
  let completedAtAsOf = 0;
  const points: BurnupPoint[] = [];
  for (const date of dates) {
    while (pi < plannedEvents.length && (plannedEvents[pi]?.[0] ?? '') <= date) planned += plannedEvents[pi++]?.[1] ?? 0;
    while (di < doneEvents.length && (doneEvents[di]?.[0] ?? '') <= date) completed += doneEvents[di++]?.[1] ?? 0;
    if (date <= asOf) completedAtAsOf = completed;
    const point: BurnupPoint = {
      date,
      planned: ratio(planned, totalWeight),
      completed: date <= asOf ? ratio(completed, totalWeight) : null,
      // A series that starts on the deadline is already at 100% of the ideal there.
      ideal: idealSpan <= 0 ? 1 : Math.min(1, Math.max(0, daysBetween(start, date) / idealSpan)),
    };
    if (date >= asOf) {
      const projected =
        completedAtAsOf + fc.ratePerDay * Math.min(daysBetween(asOf, date), Math.max(0, daysBetween(asOf, deadline)));
      point.forecast = ratio(projected, totalWeight);
    }
    points.push(point);
  }
  return { start, end, interval, stepDays: step, totalWeight, points };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Deadlines

export interface DeadlineLike {
  code: string;
  date: string;
}

/** The default deadline: the next one on or after `today`, else the latest one (docs/product.md §2). */
export function deadlineInForce<T extends DeadlineLike>(deadlines: readonly T[], today: string): T | null {
  const sorted = [...deadlines].sort((a, b) => cmp(a.date, b.date));
  return sorted.find((d) => d.date >= today) ?? sorted[sorted.length - 1] ?? null;
}

export function daysLeft(deadline: string, asOf: string): number {
  return daysBetween(asOf, deadline);
}

// ---------------------------------------------------------------------------------------------
// Tallies

export interface StateTally {
  total: number;
  byStatus: Record<StatusCode, number>;
  byHealth: Record<HealthCode, number>;
}

export function emptyTally(): StateTally {
  return {
    total: 0,
    byStatus: { not_started: 0, planning: 0, in_progress: 0, completed: 0, suspended: 0 },
    byHealth: { on_track: 0, at_risk: 0, off_track: 0, stale: 0 },
  };
}

/**
 * Counts measures by status and by effective health. Each measure has exactly one of each, so both
 * breakdowns sum to the total (docs/product.md §3).
 */
export function tallyStates(rows: readonly { status: string; health: string; n: number }[]): StateTally {
  const tally = emptyTally();
  for (const row of rows) {
    tally.total += row.n;
    if (Object.hasOwn(tally.byStatus, row.status)) tally.byStatus[row.status as StatusCode] += row.n;
    if (Object.hasOwn(tally.byHealth, row.health)) tally.byHealth[row.health as HealthCode] += row.n;
  }
  return tally;
}
