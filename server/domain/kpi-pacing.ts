import { daysBetween } from '../../common/calendar';
import type { KpiCategory, KpiDirection } from '../schemas/follow-up';

// The pacing rule of a KPI's progress category (docs/product.md §3 "KPI progress categories"), as
// the growth-strategy follow-up judges it: A when at least on pace for the target, B when behind,
// N when there is no data yet. Pure: the API, the queues and /stats/kpi all categorise with this.

/** What the rule needs of a KPI: where it started, where it must get to, and when. */
export interface KpiPlan {
  direction: KpiDirection;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
}

/** One observed value of a KPI, as of a date. */
export interface KpiReading {
  value: number;
  observedOn: string;
}

export interface KpiPacing {
  category: KpiCategory;
  /** Share of (target − baseline) achieved; null without an observation. */
  achievedShare: number | null;
  /** Share of (target date − baseline date) elapsed on the observation's date, 0..1; null without one. */
  elapsedShare: number | null;
}

/**
 * Shares are compared with this tolerance, so that an observation exactly on the pacing line stays A
 * whatever the rounding of the two divisions (0.1 + 0.2 is not 0.3 in floating point).
 */
const ON_PACE_TOLERANCE = 1e-9;

/**
 * Share of (target date − baseline date) elapsed on `date`, clamped to [0, 1]. A target date on or
 * before the baseline date leaves no time to pace over: the whole span counts as elapsed (1), so
 * only a reached target is on pace.
 */
export function elapsedShare(plan: Pick<KpiPlan, 'baselineDate' | 'targetDate'>, date: string): number {
  const span = daysBetween(plan.baselineDate, plan.targetDate);
  if (span <= 0) return 1;
  const share = daysBetween(plan.baselineDate, date) / span;
  return Math.min(1, Math.max(0, share));
}

/**
 * Share of (target − baseline) achieved by `value`: (value − baseline) / (target − baseline). The one
 * formula serves both directions: for a decreasing KPI both differences are negative as the value
 * falls toward the target, so moving toward the target is positive either way; moving away is
 * negative, and going past the target is more than 1. When target = baseline there is no distance
 * to share: 1 when the value is at or beyond the target in the KPI's direction, else 0.
 */
export function achievedShare(plan: Omit<KpiPlan, 'baselineDate' | 'targetDate'>, value: number): number {
  const distance = plan.targetValue - plan.baselineValue;
  if (distance === 0) return reachedTarget(plan, value) ? 1 : 0;
  return (value - plan.baselineValue) / distance;
}

/** At or beyond the target in the KPI's direction. */
function reachedTarget(plan: Pick<KpiPlan, 'direction' | 'targetValue'>, value: number): boolean {
  return plan.direction === 'increase' ? value >= plan.targetValue : value <= plan.targetValue;
}

/**
 * The category on the latest observation: A when achievedShare ≥ elapsedShare (on or ahead of pace,
 * a target reached early included), B when below, N with no observation. After the target date the
 * elapsed share is 1, so only a reached target is A; with target = baseline the category is whether
 * the value is at or beyond the target.
 */
export function kpiPacing(plan: KpiPlan, latest: KpiReading | null): KpiPacing {
  if (!latest) return { category: 'N', achievedShare: null, elapsedShare: null };
  const achieved = achievedShare(plan, latest.value);
  const elapsed = elapsedShare(plan, latest.observedOn);
  const onPace =
    plan.targetValue === plan.baselineValue ? reachedTarget(plan, latest.value) : achieved >= elapsed - ON_PACE_TOLERANCE;
  return { category: onPace ? 'A' : 'B', achievedShare: achieved, elapsedShare: elapsed };
}

/** The latest of a KPI's observations: the latest observed date, then the latest recorded (highest id). */
export function latestObservation<T extends { id: number; observedOn: string }>(observations: readonly T[]): T | null {
  let latest: T | null = null;
  for (const o of observations) {
    if (!latest || o.observedOn > latest.observedOn || (o.observedOn === latest.observedOn && o.id > latest.id)) latest = o;
  }
  return latest;
}
