import type { ReportedHealthCode, StatusCode } from '../../common/taxonomy';
import type { Random } from '../random';
import { dayOf, weekdayOnOrAfter, weekdayOnOrBefore } from './day-numbers';
import { DUE_FROM, HEALTH_WEIGHTS, REPORTS_PER_FULL_HISTORY } from './distributions';

// When a synthetic measure reports, and what each report says about status and health: where the
// measure ends up, whether it has gone quiet (stale), the days it reported on, and a lifecycle that
// moves forward plausibly towards the final state.

/** The stretch of time a data set's histories are written in, as day numbers (see day-numbers.ts). */
export interface HistoryWindow {
  /** "Today" for the data set: every report is on an earlier day. */
  referenceDay: number;
  /** First day reports are written on (the tracker's go-live). */
  goLive: number;
  /** Days in a full history: from go-live to the day before the reference date. */
  fullSpan: number;
  /** 0 at go-live, 1 after a year: how far measures have had time to get. */
  maturity: number;
}

export interface ReportTimeline {
  finalHealth: ReportedHealthCode;
  finalStatus: StatusCode;
  /** The day the measure was created (also its start date). */
  createdDay: number;
  firstDay: number;
  lastDay: number;
  /** Report days, ascending; the first is `firstDay`, the last `lastDay`. */
  days: number[];
  /** Status of the report on each of `days`. */
  statuses: StatusCode[];
  /** Health of the report on each of `days`. */
  healths: ReportedHealthCode[];
}

/** Plans a measure's report history in `window`. The order of the draws is part of the generated data. */
export function planReportTimeline(rng: Random, window: HistoryWindow): ReportTimeline {
  const { referenceDay, goLive, fullSpan, maturity } = window;
  const lastReportable = referenceDay - 1;

  // Lifecycle plan: where the measure ends up, how healthy it is, and whether it has gone quiet.
  const finalHealth = rng.weighted(HEALTH_WEIGHTS);
  let finalStatus = rng.weighted<StatusCode>([
    ['not_started', 8 - 5 * maturity],
    ['planning', 30 - 12 * maturity],
    ['in_progress', 52],
    ['completed', 12 * maturity],
    ['suspended', 4 + 2 * maturity],
  ]);

  // Most measures date from the strategy's launch in October 2025; some were added later.
  const lateAddition = lastReportable - goLive > 90 && rng.chance(0.12);
  const createdDay = weekdayOnOrAfter(lateAddition ? rng.int(goLive, lastReportable - 60) : dayOf(DUE_FROM) + rng.int(0, 29));
  const firstDay = Math.min(
    weekdayOnOrAfter(lateAddition ? createdDay + rng.int(3, 14) : Math.max(createdDay + 3, goLive + rng.int(0, 14))),
    weekdayOnOrBefore(lastReportable),
  );
  const available = lastReportable - firstDay;

  let stale = finalStatus !== 'completed' && rng.chance(0.15);
  let lastDay: number;
  if (finalStatus === 'completed' && available >= 30) {
    lastDay = firstDay + rng.int(Math.ceil(available * 0.45), available);
  } else if (stale && available >= 31 + 5) {
    lastDay = referenceDay - rng.int(31, Math.min(110, available));
  } else {
    stale = false;
    if (finalStatus === 'completed') finalStatus = 'in_progress';
    lastDay = referenceDay - rng.int(1, Math.min(18, Math.max(1, available)));
  }
  lastDay = Math.max(firstDay, weekdayOnOrBefore(lastDay));

  const target = rng.int(REPORTS_PER_FULL_HISTORY[0], REPORTS_PER_FULL_HISTORY[1]);
  const cadence = Math.max(3, fullSpan / target);
  const days = reportDays(rng, firstDay, lastDay, cadence);
  if (finalStatus === 'completed' && days.length < 3) finalStatus = 'in_progress';
  const statuses = statusSequence(rng, days.length, finalStatus);
  const healths = healthSequence(rng, days.length, finalHealth);
  return { finalHealth, finalStatus, createdDay, firstDay, lastDay, days, statuses, healths };
}

/** Lifecycle status of each of `n` reports, ending in `final`. */
function statusSequence(rng: Random, n: number, final: StatusCode): StatusCode[] {
  const out: StatusCode[] = [];
  const fill = (status: StatusCode, count: number): void => {
    for (let i = 0; i < count; i++) out.push(status);
  };
  // not_started → planning → in_progress over `len` reports, stopping at `reach`.
  const climb = (len: number, reach: 'planning' | 'in_progress'): void => {
    if (len <= 0) return;
    const notStarted = len > 2 && rng.chance(0.3) ? rng.int(1, Math.min(2, len - 2)) : 0;
    fill('not_started', notStarted);
    const rest = len - notStarted;
    if (reach === 'planning') return fill('planning', rest);
    const planning = rest > 1 ? rng.int(1, Math.max(1, Math.min(rest - 1, Math.round(rest * 0.4)))) : 0;
    fill('planning', planning);
    const active = rest - planning;
    // A few measures pause on the way (budget review, a legal question) and resume.
    if (active >= 6 && rng.chance(0.05)) {
      const at = rng.int(2, active - 3);
      const pause = rng.int(1, 2);
      fill('in_progress', at);
      fill('suspended', pause);
      fill('in_progress', active - at - pause);
    } else {
      fill('in_progress', active);
    }
  };
  switch (final) {
    case 'not_started':
      fill('not_started', n);
      break;
    case 'planning':
      climb(n, 'planning');
      break;
    case 'in_progress':
      climb(n, 'in_progress');
      break;
    case 'completed':
      climb(n - 1, 'in_progress');
      fill('completed', 1);
      break;
    case 'suspended': {
      const suspended = n > 1 ? rng.int(1, Math.min(3, n - 1)) : 1;
      climb(n - suspended, rng.chance(0.7) ? 'in_progress' : 'planning');
      fill('suspended', suspended);
      break;
    }
  }
  return out;
}

/** Health of each report: the final one is `final`; earlier ones drift one step at a time. */
function healthSequence(rng: Random, n: number, final: ReportedHealthCode): ReportedHealthCode[] {
  const order: readonly ReportedHealthCode[] = ['on_track', 'at_risk', 'off_track'];
  const out: ReportedHealthCode[] = new Array<ReportedHealthCode>(n);
  let current = final;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = current;
    if (rng.chance(0.15)) {
      const at = order.indexOf(current);
      const step = at === 0 ? 1 : at === order.length - 1 ? -1 : rng.pick([-1, 1]);
      current = order[at + step] ?? current;
    }
  }
  return out;
}

/** Report days: weekdays from `first` to `last` (both reported on), about `cadence` days apart. */
function reportDays(rng: Random, first: number, last: number, cadence: number): number[] {
  if (last <= first) return [first];
  const n = 1 + Math.max(1, Math.round((last - first) / cadence));
  const slot = (last - first) / (n - 1);
  const days = [first];
  for (let i = 1; i < n - 1; i++) {
    const jitter = Math.round((rng.next() - 0.5) * 0.7 * slot);
    const previous = days[days.length - 1] ?? first;
    const day = weekdayOnOrAfter(Math.max(previous + 1, Math.round(first + slot * i) + jitter));
    if (day < last) days.push(day);
  }
  days.push(last);
  return days;
}
