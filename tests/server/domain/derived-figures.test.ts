import { describe, expect, it } from 'vitest';
import {
  groupsByCompletion,
  DAILY_SERIES_MAX_DAYS,
  FORECAST_WINDOW_DAYS,
  burnup,
  daysLeft,
  deadlineInForce,
  dueByDeadline,
  effectiveHealth,
  emptyTally,
  forecastTowardDeadline,
  isDoneAsOf,
  isOverdueAsOf,
  isStale,
  milestoneCounts,
  progress,
  progressTowardDeadline,
  tallyStates,
  MAX_SERIES_POINTS,
} from '../../../server/domain/derived-figures';
import type { Burnup, BurnupPoint, MilestoneGroup, ReportState } from '../../../server/domain/derived-figures';

// Every expected number below is worked out by hand in the comment next to it, so a failure
// points at the definition (docs/product.md §3) rather than at a snapshot.

function group(dueDate: string, completedDate: string | null, weight = 1, count = 1): MilestoneGroup {
  return { dueDate, completedDate, weight, count };
}

function pointAt(series: Burnup, date: string): BurnupPoint {
  const point = series.points.find((p) => p.date === date);
  if (!point) throw new Error(`no burn-up point on ${date}`);
  return point;
}

function dates(series: Burnup): string[] {
  return series.points.map((p) => p.date);
}

// Strictly increasing means both sorted and free of duplicates.
function expectStrictlyIncreasing(values: readonly string[]): void {
  for (let i = 1; i < values.length; i++) {
    const prev = values[i - 1] ?? '';
    const cur = values[i] ?? '';
    expect(prev < cur, `${prev} < ${cur}`).toBe(true);
  }
}

describe('constants', () => {
  it('looks back 90 days for the forecast and draws up to 366 days daily', () => {
    expect(FORECAST_WINDOW_DAYS).toBe(90);
    expect(DAILY_SERIES_MAX_DAYS).toBe(366);
  });
});

describe('isDoneAsOf', () => {
  const m = group('2026-03-31', '2026-03-10');

  it('is false for a milestone never completed', () => {
    expect(isDoneAsOf(group('2026-03-31', null), '2030-01-01')).toBe(false);
  });

  it('counts a completion on the as-of day itself', () => {
    expect(isDoneAsOf(m, '2026-03-10')).toBe(true);
    expect(isDoneAsOf(m, '2026-03-11')).toBe(true);
  });

  it('treats a completion after the as-of date as not yet done (time travel)', () => {
    expect(isDoneAsOf(m, '2026-03-09')).toBe(false);
  });
});

describe('isOverdueAsOf', () => {
  it('is not overdue on its due date, overdue the day after', () => {
    const m = group('2026-03-01', null);
    expect(isOverdueAsOf(m, '2026-02-28')).toBe(false);
    expect(isOverdueAsOf(m, '2026-03-01')).toBe(false);
    expect(isOverdueAsOf(m, '2026-03-02')).toBe(true);
  });

  it('a milestone completed late is overdue before its completion and not from then on', () => {
    const late = group('2026-03-01', '2026-03-20');
    expect(isOverdueAsOf(late, '2026-03-10')).toBe(true);
    expect(isOverdueAsOf(late, '2026-03-19')).toBe(true);
    expect(isOverdueAsOf(late, '2026-03-20')).toBe(false);
    expect(isOverdueAsOf(late, '2026-12-31')).toBe(false);
  });

  it('a milestone completed early is never overdue', () => {
    const early = group('2026-03-31', '2026-03-01');
    expect(isOverdueAsOf(early, '2026-04-15')).toBe(false);
  });

  it('a completion recorded after the as-of date does not rescue it (time travel)', () => {
    expect(isOverdueAsOf(group('2026-03-01', '2026-05-01'), '2026-04-01')).toBe(true);
  });
});

describe('progress', () => {
  it('is 0 with no milestones', () => {
    expect(progress([], '2026-06-30')).toBe(0);
  });

  it('is 0, not NaN, when every weight is 0', () => {
    expect(progress([group('2026-03-01', '2026-02-01', 0)], '2026-06-30')).toBe(0);
  });

  it('weighs milestones by weight, not by count', () => {
    // done 3 of 3 + 1 = 4 → 0.75 (a plain count would give 0.5)
    const groups = [group('2026-03-01', '2026-02-01', 3), group('2026-04-01', null, 1)];
    expect(progress(groups, '2026-06-30')).toBe(0.75);
  });

  it('uses the weight of groups with count > 1, not their count', () => {
    // done weight 6 of 6 + 2 = 8 → 0.75; counts 3 of 5 would give 0.6
    const groups = [group('2026-03-01', '2026-02-01', 6, 3), group('2026-04-01', null, 2, 2)];
    expect(progress(groups, '2026-06-30')).toBe(0.75);
  });

  it('is rebuilt as of a past date: later completions do not count yet', () => {
    const groups = [group('2026-03-01', '2026-02-01', 3), group('2026-04-01', '2026-04-01', 1)];
    expect(progress(groups, '2026-01-31')).toBe(0); // before any completion
    expect(progress(groups, '2026-02-01')).toBe(0.75); // 3 / 4
    expect(progress(groups, '2026-03-31')).toBe(0.75);
    expect(progress(groups, '2026-04-01')).toBe(1);
  });
});

describe('groupsByCompletion', () => {
  it('counts every completion on the reported basis and only verified ones on the verified basis', () => {
    const marked = [
      { dueDate: '2026-03-01', completedDate: '2026-02-20', weight: 2, count: 1, verified: true },
      { dueDate: '2026-03-01', completedDate: '2026-02-25', weight: 1, count: 1, verified: false },
      { dueDate: '2026-04-01', completedDate: null, weight: 1, count: 1, verified: false },
    ];
    const { reported, verified } = groupsByCompletion(marked);
    expect(progress(reported, '2026-03-31')).toBe(0.75);
    expect(progress(verified, '2026-03-31')).toBe(0.5);
    expect(milestoneCounts(verified, '2026-03-31')).toEqual({ total: 3, done: 1, overdue: 1 });
    expect(reported.every((g) => !('verified' in g))).toBe(true);
  });
});

describe('dueByDeadline', () => {
  it('keeps milestones due on or before the deadline, in input order, without mutating', () => {
    const a = group('2026-06-30', null);
    const b = group('2026-07-01', null);
    const c = group('2026-01-01', '2026-01-01');
    const input = [a, b, c];
    expect(dueByDeadline(input, '2026-06-30')).toEqual([a, c]);
    expect(input).toEqual([a, b, c]);
  });

  it('is empty when nothing is due by the deadline', () => {
    expect(dueByDeadline([group('2026-07-01', null)], '2026-06-30')).toEqual([]);
  });
});

describe('progressTowardDeadline', () => {
  const groups = [
    group('2026-05-01', '2026-04-20', 2),
    group('2026-06-30', null, 2), // due exactly on the deadline: in scope
    group('2026-07-15', '2026-04-01', 4), // due after the deadline: out of scope although done
  ];

  it('counts only milestones due by the deadline', () => {
    // in scope: 2 done of 2 + 2 = 4 → 0.5; overall progress would be (2 + 4) / 8 = 0.75
    expect(progressTowardDeadline(groups, '2026-06-30', '2026-05-01')).toBe(0.5);
    expect(progress(groups, '2026-05-01')).toBe(0.75);
  });

  it('applies the as-of date to completions', () => {
    expect(progressTowardDeadline(groups, '2026-06-30', '2026-04-19')).toBe(0);
  });

  it('is 0 with no milestones, or none due by the deadline', () => {
    expect(progressTowardDeadline([], '2026-06-30', '2026-05-01')).toBe(0);
    expect(progressTowardDeadline([group('2026-07-15', '2026-04-01', 4)], '2026-06-30', '2026-05-01')).toBe(0);
  });
});

describe('milestoneCounts', () => {
  const groups = [
    group('2026-03-01', '2026-02-20', 1, 2), // done early
    group('2026-03-01', null, 1, 3), // never done: overdue after 03-01
    group('2026-04-01', null, 1, 1), // overdue only after 04-01
    group('2026-03-01', '2026-03-20', 1, 4), // done late
  ];

  it('is all zero with no milestones', () => {
    expect(milestoneCounts([], '2026-06-30')).toEqual({ total: 0, done: 0, overdue: 0 });
  });

  it('counts by count, and a late milestone is overdue before it is completed', () => {
    // total 2+3+1+4 = 10; done: the early group (2); overdue: never-done 3 + late-not-yet-done 4
    expect(milestoneCounts(groups, '2026-03-15')).toEqual({ total: 10, done: 2, overdue: 7 });
  });

  it('a late milestone moves from overdue to done on its completion date', () => {
    expect(milestoneCounts(groups, '2026-03-20')).toEqual({ total: 10, done: 6, overdue: 3 });
  });

  it('never counts a completed milestone as overdue', () => {
    // 2026-04-02: the 04-01 milestone joins the overdue ones; the two completed groups stay done only
    const counts = milestoneCounts(groups, '2026-04-02');
    expect(counts).toEqual({ total: 10, done: 6, overdue: 4 });
    expect(counts.done + counts.overdue).toBeLessThanOrEqual(counts.total);
  });

  it('before any completion nothing is done', () => {
    expect(milestoneCounts(groups, '2026-02-19')).toEqual({ total: 10, done: 0, overdue: 0 });
  });
});

describe('isStale', () => {
  const base: ReportState = { status: 'in_progress', health: 'on_track', reportDueAt: '2026-06-30T00:00:00.000Z' };

  it('is stale once the report due time is before the as-of instant', () => {
    expect(isStale(base, '2026-06-30T00:00:00.001Z')).toBe(true);
  });

  it('is not stale while the due time is at or after the as-of instant', () => {
    expect(isStale(base, '2026-06-30T00:00:00.000Z')).toBe(false);
    expect(isStale(base, '2026-06-29T23:59:59.999Z')).toBe(false);
  });

  it('is stale whatever the last health was', () => {
    for (const health of ['on_track', 'at_risk', 'off_track'] as const) {
      expect(isStale({ ...base, health }, '2026-07-01T00:00:00.000Z')).toBe(true);
    }
  });

  it('a measure never reported on is stale even before its due time', () => {
    expect(
      isStale({ status: 'not_started', health: null, reportDueAt: '2027-01-01T00:00:00.000Z' }, '2026-06-30T00:00:00.000Z'),
    ).toBe(true);
  });

  it('a completed measure that has been reported on is never stale', () => {
    const overdue = '2030-01-01T00:00:00.000Z';
    expect(isStale({ ...base, status: 'completed' }, overdue)).toBe(false);
  });

  it('a measure marked completed without any report is stale, so byHealth still sums to the total', () => {
    const state: ReportState = { status: 'completed', health: null, reportDueAt: '2026-01-01T00:00:00.000Z' };
    expect(isStale(state, '2030-01-01T00:00:00.000Z')).toBe(true);
    expect(effectiveHealth(state, '2030-01-01T00:00:00.000Z')).toBe('stale');
  });

  it('other non-completed statuses go stale too', () => {
    for (const status of ['not_started', 'planning', 'in_progress', 'suspended'] as const) {
      expect(isStale({ ...base, status }, '2026-07-01T00:00:00.000Z')).toBe(true);
    }
  });
});

describe('effectiveHealth', () => {
  const base: ReportState = { status: 'in_progress', health: 'at_risk', reportDueAt: '2026-06-30T00:00:00.000Z' };

  it('shows the reported health while fresh', () => {
    expect(effectiveHealth(base, '2026-06-29T00:00:00.000Z')).toBe('at_risk');
  });

  it('shows stale once stale, even when the last health was on track', () => {
    expect(effectiveHealth({ ...base, health: 'on_track' }, '2026-07-01T00:00:00.000Z')).toBe('stale');
  });

  it('shows stale for a measure never reported on', () => {
    expect(effectiveHealth({ ...base, health: null }, '2026-06-01T00:00:00.000Z')).toBe('stale');
  });

  it('keeps the reported health of a completed measure long after its due time', () => {
    expect(effectiveHealth({ ...base, status: 'completed', health: 'off_track' }, '2030-01-01T00:00:00.000Z')).toBe('off_track');
  });
});

describe('forecastTowardDeadline', () => {
  const deadline = '2026-06-30';
  // 2026-04-01 minus 90 days is 2026-01-01 (31 + 28 + 31 days); 2026-04-01 → 2026-06-30 is 90 days.
  const asOf = '2026-04-01';

  it('with no milestones: nothing projected and no completion date', () => {
    const fc = forecastTowardDeadline([], deadline, asOf);
    expect(fc.projectedProgress).toBe(0);
    expect(fc.projectedCompletionDate).toBeNull();
    expect(fc.ratePerDay).toBe(0);
    expect(fc.windowDays).toBe(90);
  });

  it('states its method in both languages', () => {
    const fc = forecastTowardDeadline([], deadline, asOf);
    expect(fc.method).toContain('90 days');
    expect(fc.method).toMatch(/linear/i);
    expect(fc.methodJa).toContain('90日');
    expect(fc.methodJa).toContain('線形予測');
  });

  const scoped = (insideCompletion: string): MilestoneGroup[] => [
    group('2026-01-15', '2026-01-01', 30), // completed exactly 90 days before asOf: outside the window
    group('2026-02-15', insideCompletion, 90),
    group('2026-06-30', null, 60),
    group('2026-06-15', null, 60),
    group('2026-07-31', '2026-03-01', 100), // due after the deadline: ignored, rate included
  ];

  it('projects the 90-day rate to the deadline and dates the remaining weight', () => {
    // total 240, done 120, recent 90 → 1 per day; 120 + 1 × 90 = 210 → 0.875;
    // remaining 120 at 1 per day → 2026-04-01 + 120 days = 2026-07-30
    const fc = forecastTowardDeadline(scoped('2026-01-02'), deadline, asOf);
    expect(fc.ratePerDay).toBe(1);
    expect(fc.projectedProgress).toBe(0.875);
    expect(fc.projectedCompletionDate).toBe('2026-07-30');
  });

  it('a completion exactly 90 days before asOf is outside the window, the day after is inside', () => {
    // window is (asOf − 90, asOf], by the strict `>` against addDays(asOf, -90)
    const outside = forecastTowardDeadline(scoped('2026-01-01'), deadline, asOf);
    expect(outside.ratePerDay).toBe(0);
    expect(outside.projectedProgress).toBe(0.5); // no projection: 120 / 240
    expect(outside.projectedCompletionDate).toBeNull();

    const inside = forecastTowardDeadline(scoped('2026-01-02'), deadline, asOf);
    expect(inside.ratePerDay).toBe(1);
  });

  it('a completion on the as-of day counts in the rate', () => {
    const fc = forecastTowardDeadline([group('2026-04-01', '2026-04-01', 9), group('2026-06-30', null, 9)], deadline, asOf);
    expect(fc.ratePerDay).toBe(0.1); // 9 / 90
  });

  it('as of a date before any completion: no rate, no projection, no date', () => {
    const groups = [group('2026-03-01', '2026-05-01', 2), group('2026-06-01', '2026-06-10', 2)];
    const fc = forecastTowardDeadline(groups, deadline, asOf);
    expect(fc.ratePerDay).toBe(0);
    expect(fc.projectedProgress).toBe(0);
    expect(fc.projectedCompletionDate).toBeNull();
  });

  it('ignores completions after the as-of date even though they are after the window start', () => {
    const groups = [group('2026-03-01', '2026-03-01', 1), group('2026-06-01', '2026-04-10', 1)];
    // only the 03-01 completion: rate 1/90, projected 1 + 90/90 = 2 of 2
    const fc = forecastTowardDeadline(groups, deadline, asOf);
    expect(fc.ratePerDay).toBeCloseTo(1 / 90, 12);
    expect(fc.projectedProgress).toBe(1);
  });

  it('caps projectedProgress at 1', () => {
    // done 2 of 3, rate 2/90; 2 + (2/90) × 90 = 4 > 3 → capped at 1; remaining 1 → 45 days
    const groups = [group('2026-03-01', '2026-03-15', 2), group('2026-06-30', null, 1)];
    const fc = forecastTowardDeadline(groups, deadline, asOf);
    expect(fc.projectedProgress).toBe(1);
    expect(fc.projectedCompletionDate).toBe('2026-05-16'); // 04-01 + 45 days
  });

  it('with every milestone done: progress 1 and the date of the last completion', () => {
    const groups = [
      group('2026-03-01', '2026-02-10'),
      group('2026-04-01', '2026-03-05'),
      group('2026-07-15', null), // after the deadline: not in scope
    ];
    const fc = forecastTowardDeadline(groups, deadline, asOf);
    expect(fc.projectedProgress).toBe(1);
    expect(fc.projectedCompletionDate).toBe('2026-03-05');
  });

  it('deadline already past: no projection beyond the deadline', () => {
    // asOf 2026-08-01: window starts 2026-05-03. Done 1 (07-15, in window) + 2 (04-01, outside) of 4.
    // daysLeft is −32, so projected = done = 3 → 0.75; remaining 1 at 1/90 per day → +90 days
    const groups = [group('2026-06-01', '2026-07-15', 1), group('2026-06-15', null, 1), group('2026-06-20', '2026-04-01', 2)];
    const fc = forecastTowardDeadline(groups, deadline, '2026-08-01');
    expect(fc.ratePerDay).toBeCloseTo(1 / 90, 12);
    expect(fc.projectedProgress).toBe(0.75);
    expect(fc.projectedCompletionDate).toBe('2026-10-30');
  });

  // Suspected bug: ratePerDay = recent / 90 is inexact, so remaining / ratePerDay can land just
  // above a whole number and Math.ceil adds a day. 13 done in the window and 13 remaining is
  // exactly 90 more days (2026-06-30) but 13 / (13 / 90) === 90.00000000000001 → 2026-07-01.
  it('dates the remaining weight without floating-point drift (13 done in the window, 13 remaining)', () => {
    const groups = [group('2026-03-01', '2026-03-01', 13, 13), group('2026-06-30', null, 13, 13)];
    const fc = forecastTowardDeadline(groups, deadline, asOf);
    expect(fc.projectedCompletionDate).toBe('2026-06-30');
  });
});

describe('burnup', () => {
  describe('with no milestones', () => {
    const series = burnup([], [], '2026-06-30', '2026-06-20');

    it('has no weight and runs from the as-of date to the deadline, daily', () => {
      expect(series.totalWeight).toBe(0);
      expect(series.start).toBe('2026-06-20');
      expect(series.end).toBe('2026-06-30');
      expect(series.interval).toBe('day');
      expect(series.points).toHaveLength(11);
    });

    it('is flat at 0, with the ideal line still 0 → 1', () => {
      for (const p of series.points) {
        expect(p.planned).toBe(0);
        expect(p.forecast).toBe(0);
      }
      expect(pointAt(series, '2026-06-20').completed).toBe(0);
      expect(pointAt(series, '2026-06-21').completed).toBeNull();
      expect(pointAt(series, '2026-06-20').ideal).toBe(0);
      expect(pointAt(series, '2026-06-25').ideal).toBe(0.5);
      expect(pointAt(series, '2026-06-30').ideal).toBe(1);
    });
  });

  describe('daily, before the deadline', () => {
    const groups = [
      group('2026-06-05', '2026-06-01', 1),
      group('2026-06-10', '2026-06-08', 2),
      group('2026-06-20', '2026-06-15', 1), // completed after asOf: not done yet
      group('2026-07-10', '2026-05-01', 5), // due after the deadline: out of scope entirely
    ];
    const series = burnup(groups, groups, '2026-06-30', '2026-06-10');

    it('starts at the earliest due or completion date in scope and ends at the deadline', () => {
      // the out-of-scope 05-01 completion does not pull the start back
      expect(series.start).toBe('2026-06-01');
      expect(series.end).toBe('2026-06-30');
      expect(series.interval).toBe('day');
      expect(series.totalWeight).toBe(4);
      expect(series.points).toHaveLength(30);
      expect(dates(series)[0]).toBe('2026-06-01');
      expectStrictlyIncreasing(dates(series));
    });

    it('accumulates planned weight by due date', () => {
      expect(pointAt(series, '2026-06-04').planned).toBe(0);
      expect(pointAt(series, '2026-06-05').planned).toBe(0.25);
      expect(pointAt(series, '2026-06-09').planned).toBe(0.25);
      expect(pointAt(series, '2026-06-10').planned).toBe(0.75);
      expect(pointAt(series, '2026-06-19').planned).toBe(0.75);
      expect(pointAt(series, '2026-06-20').planned).toBe(1);
      expect(pointAt(series, '2026-06-30').planned).toBe(1);
    });

    it('accumulates completed weight by completion date up to asOf, null after', () => {
      expect(pointAt(series, '2026-06-01').completed).toBe(0.25);
      expect(pointAt(series, '2026-06-07').completed).toBe(0.25);
      expect(pointAt(series, '2026-06-08').completed).toBe(0.75);
      expect(pointAt(series, '2026-06-10').completed).toBe(0.75);
      // the 06-15 completion does not exist yet as of 06-10
      expect(pointAt(series, '2026-06-11').completed).toBeNull();
      expect(pointAt(series, '2026-06-15').completed).toBeNull();
    });

    it('draws the ideal line from 0 at the start to 1 at the deadline', () => {
      expect(pointAt(series, '2026-06-01').ideal).toBe(0);
      expect(pointAt(series, '2026-06-30').ideal).toBe(1);
      expect(pointAt(series, '2026-06-11').ideal).toBeCloseTo(10 / 29, 12);
    });

    it('forecasts from the as-of date on, at the 90-day rate, and not before', () => {
      // rate 3 / 90 = 1/30 per day; forecast(d) = (3 + min(d − asOf, 20) / 30) / 4
      expect(pointAt(series, '2026-06-09').forecast).toBeUndefined();
      expect(pointAt(series, '2026-06-10').forecast).toBe(0.75);
      expect(pointAt(series, '2026-06-25').forecast).toBeCloseTo(0.875, 12);
      expect(pointAt(series, '2026-06-30').forecast).toBeCloseTo(11 / 12, 12);
    });

    it('agrees with forecastTowardDeadline at the deadline', () => {
      const fc = forecastTowardDeadline(groups, '2026-06-30', '2026-06-10');
      expect(pointAt(series, '2026-06-30').forecast).toBe(fc.projectedProgress);
    });

    it('shows the 06-15 completion once asOf reaches it (time travel)', () => {
      const later = burnup(groups, groups, '2026-06-30', '2026-06-15');
      expect(pointAt(later, '2026-06-14').completed).toBe(0.75);
      expect(pointAt(later, '2026-06-15').completed).toBe(1);
    });
  });

  describe('as of a date before any completion', () => {
    const groups = [group('2026-06-20', '2026-06-25', 1), group('2026-06-25', null, 1)];
    const series = burnup(groups, groups, '2026-06-30', '2026-06-10');

    it('shows nothing completed and a flat forecast at 0', () => {
      expect(series.start).toBe('2026-06-10');
      for (const p of series.points) {
        if (p.date <= '2026-06-10') expect(p.completed).toBe(0);
        else expect(p.completed).toBeNull();
        expect(p.forecast).toBe(0);
      }
      expect(pointAt(series, '2026-06-30').planned).toBe(1);
    });
  });

  describe('with the deadline already past', () => {
    const groups = [
      group('2026-06-20', '2026-06-25', 1),
      group('2026-06-28', '2026-07-05', 1), // completed late, after the deadline, before asOf
      group('2026-06-30', null, 2),
    ];
    const series = burnup(groups, groups, '2026-06-30', '2026-07-10');

    it('ends at the as-of date and still includes the deadline', () => {
      expect(series.start).toBe('2026-06-20');
      expect(series.end).toBe('2026-07-10');
      expect(series.points).toHaveLength(21);
      expect(dates(series).at(-1)).toBe('2026-07-10');
      expect(dates(series)).toContain('2026-06-30');
    });

    it('has completed values on every point, since all are on or before asOf', () => {
      for (const p of series.points) expect(p.completed).not.toBeNull();
      expect(pointAt(series, '2026-06-30').completed).toBe(0.25);
      expect(pointAt(series, '2026-07-05').completed).toBe(0.5);
      expect(pointAt(series, '2026-07-10').completed).toBe(0.5);
    });

    it('holds the ideal at 1 from the deadline on', () => {
      expect(pointAt(series, '2026-06-25').ideal).toBe(0.5); // 5 of 10 days
      expect(pointAt(series, '2026-06-30').ideal).toBe(1);
      expect(pointAt(series, '2026-07-05').ideal).toBe(1);
    });

    it('forecasts only at asOf, with no projection beyond the deadline', () => {
      const withForecast = series.points.filter((p) => p.forecast !== undefined);
      expect(withForecast.map((p) => p.date)).toEqual(['2026-07-10']);
      // rate is 2/90 per day > 0, but the deadline is behind us: forecast = completed as of asOf
      expect(pointAt(series, '2026-07-10').forecast).toBe(0.5);
      expect(forecastTowardDeadline(groups, '2026-06-30', '2026-07-10').projectedProgress).toBe(0.5);
    });
  });

  describe('interval', () => {
    it('is daily for a range of exactly 366 days', () => {
      // 2026-01-01 + 366 days = 2027-01-02
      const series = burnup([], [], '2027-01-02', '2026-01-01');
      expect(series.interval).toBe('day');
      expect(series.points).toHaveLength(367);
    });

    it('is weekly for a range of 367 days, ending on the deadline', () => {
      // grid 2026-01-01 + 7k for k = 0..52 (364 < 367), then the deadline: 54 points
      const series = burnup([], [], '2027-01-03', '2026-01-01');
      expect(series.interval).toBe('week');
      expect(series.points).toHaveLength(54);
      expect(dates(series)[1]).toBe('2026-01-08');
      expect(dates(series).at(-2)).toBe('2026-12-31');
      expect(dates(series).at(-1)).toBe('2027-01-03');
      expectStrictlyIncreasing(dates(series));
    });

    it('inserts an off-grid as-of date into a weekly series', () => {
      const series = burnup([group('2026-01-01', null, 1)], [group('2026-01-01', null, 1)], '2027-01-03', '2026-01-05');
      expect(series.start).toBe('2026-01-01');
      expect(series.interval).toBe('week');
      expect(series.points).toHaveLength(55);
      expect(dates(series).slice(0, 3)).toEqual(['2026-01-01', '2026-01-05', '2026-01-08']);
      expectStrictlyIncreasing(dates(series));
      const atAsOf = pointAt(series, '2026-01-05');
      expect(atAsOf.completed).toBe(0);
      expect(atAsOf.planned).toBe(1);
      expect(atAsOf.forecast).toBe(0);
      expect(pointAt(series, '2026-01-08').completed).toBeNull();
    });

    it('inserts an off-grid deadline into a weekly series that ends at a later as-of date', () => {
      // start 2025-12-01 → end 2027-01-10 is 405 days; the deadline is 40 days in, off the weekly grid
      const series = burnup(
        [group('2025-12-01', '2026-01-05', 1)],
        [group('2025-12-01', '2026-01-05', 1)],
        '2026-01-10',
        '2027-01-10',
      );
      expect(series.interval).toBe('week');
      expect(series.start).toBe('2025-12-01');
      expect(series.end).toBe('2027-01-10');
      expect(dates(series)).toContain('2026-01-10');
      expect(dates(series).at(-1)).toBe('2027-01-10');
      expectStrictlyIncreasing(dates(series));
      expect(pointAt(series, '2026-01-10').ideal).toBe(1);
      expect(pointAt(series, '2027-01-10').completed).toBe(1);
      expect(pointAt(series, '2027-01-10').forecast).toBe(1);
    });

    it('has no duplicate when asOf equals the deadline', () => {
      const series = burnup([group('2026-06-01', '2026-06-15')], [group('2026-06-01', '2026-06-15')], '2026-06-30', '2026-06-30');
      expect(dates(series).filter((d) => d === '2026-06-30')).toHaveLength(1);
      expect(series.points).toHaveLength(30);
      expectStrictlyIncreasing(dates(series));
    });
  });

  // Suspected bug: when the series starts on the deadline (no milestone due or completed before
  // it, asOf on or after it) idealSpan is forced to 1 and the ideal at the deadline becomes
  // 0 / 1 = 0, although docs/product.md §3 defines the ideal line as reaching 100% at the deadline.
  it('reaches 1 on the ideal line at the deadline even when the series starts there', () => {
    const onDeadline = burnup([group('2026-06-30', null, 1)], [group('2026-06-30', null, 1)], '2026-06-30', '2026-06-30');
    expect(pointAt(onDeadline, '2026-06-30').ideal).toBe(1);
    const pastNoMilestones = burnup([], [], '2026-06-30', '2026-07-05');
    expect(pointAt(pastNoMilestones, '2026-06-30').ideal).toBe(1);
  });
});

describe('deadlineInForce', () => {
  const deadlines = [
    { code: 'summer-2027', date: '2027-06-30', nameJa: '成長戦略改訂（2027年夏）' },
    { code: 'roadmap-2026', date: '2026-04-30', nameJa: '官民投資ロードマップ提示' },
    { code: 'summer-2026', date: '2026-06-30', nameJa: '成長戦略策定（2026年夏）' },
  ];

  it('picks the next upcoming deadline', () => {
    expect(deadlineInForce(deadlines, '2026-05-01')?.code).toBe('summer-2026');
    expect(deadlineInForce(deadlines, '2026-07-01')?.code).toBe('summer-2027');
    expect(deadlineInForce(deadlines, '2020-01-01')?.code).toBe('roadmap-2026');
  });

  it('keeps a deadline in force on its own day', () => {
    expect(deadlineInForce(deadlines, '2026-06-30')?.code).toBe('summer-2026');
  });

  it('falls back to the latest deadline once all are past', () => {
    expect(deadlineInForce(deadlines, '2028-01-01')?.code).toBe('summer-2027');
  });

  it('is null with no deadlines', () => {
    expect(deadlineInForce([], '2026-06-30')).toBeNull();
  });

  it('returns the caller’s own object and leaves the input order alone', () => {
    const before = deadlines.map((d) => d.code);
    const found = deadlineInForce(deadlines, '2026-05-01');
    expect(found).toBe(deadlines[2]);
    expect(found?.nameJa).toBe('成長戦略策定（2026年夏）');
    expect(deadlines.map((d) => d.code)).toEqual(before);
  });
});

describe('daysLeft', () => {
  it('counts days from asOf to the deadline', () => {
    expect(daysLeft('2026-06-30', '2026-06-20')).toBe(10);
    expect(daysLeft('2026-06-30', '2026-06-30')).toBe(0);
    expect(daysLeft('2027-06-30', '2026-06-30')).toBe(365);
  });

  it('is negative once the deadline is past', () => {
    expect(daysLeft('2026-06-30', '2026-07-10')).toBe(-10);
  });
});

describe('emptyTally', () => {
  it('has every status and health at 0', () => {
    expect(emptyTally()).toEqual({
      total: 0,
      byStatus: { not_started: 0, planning: 0, in_progress: 0, completed: 0, suspended: 0 },
      byHealth: { on_track: 0, at_risk: 0, off_track: 0, stale: 0 },
    });
  });

  it('returns a fresh object each time', () => {
    const a = emptyTally();
    a.byStatus.planning = 5;
    expect(emptyTally().byStatus.planning).toBe(0);
  });
});

describe('tallyStates', () => {
  function sum(record: Record<string, number>): number {
    return Object.values(record).reduce((s, n) => s + n, 0);
  }

  it('is the empty tally for no rows', () => {
    expect(tallyStates([])).toEqual(emptyTally());
  });

  it('sums rows by status and by health, each breakdown adding up to the total', () => {
    const tally = tallyStates([
      { status: 'in_progress', health: 'on_track', n: 5 },
      { status: 'in_progress', health: 'stale', n: 2 },
      { status: 'completed', health: 'on_track', n: 3 },
      { status: 'not_started', health: 'stale', n: 1 },
      { status: 'suspended', health: 'off_track', n: 4 },
      { status: 'planning', health: 'at_risk', n: 2 },
    ]);
    expect(tally).toEqual({
      total: 17,
      byStatus: { not_started: 1, planning: 2, in_progress: 7, completed: 3, suspended: 4 },
      byHealth: { on_track: 8, at_risk: 2, off_track: 4, stale: 3 },
    });
    expect(sum(tally.byStatus)).toBe(tally.total);
    expect(sum(tally.byHealth)).toBe(tally.total);
  });

  it('adds up repeated rows for the same pair', () => {
    const tally = tallyStates([
      { status: 'planning', health: 'at_risk', n: 1 },
      { status: 'planning', health: 'at_risk', n: 2 },
    ]);
    expect(tally.total).toBe(3);
    expect(tally.byStatus.planning).toBe(3);
    expect(tally.byHealth.at_risk).toBe(3);
  });
});

describe('burnup downsampling', () => {
  it('never draws more than about MAX_SERIES_POINTS points, however long the range', () => {
    const groups = [{ dueDate: '2000-01-01', completedDate: '2000-02-01', weight: 1, count: 1 }];
    const series = burnup(groups, groups, '2026-06-30', '2026-05-01');
    expect(series.interval).toBe('week');
    expect(series.stepDays % 7).toBe(0);
    expect(series.stepDays).toBeGreaterThan(7);
    expect(series.points.length).toBeLessThanOrEqual(MAX_SERIES_POINTS + 3);
    expect(series.points.at(-1)?.date).toBe('2026-06-30');
  });
});
