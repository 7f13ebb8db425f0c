import { describe, expect, it } from 'vitest';
import { achievedShare, elapsedShare, kpiPacing, latestObservation } from '../../../server/domain/kpi-pacing';
import type { KpiPlan } from '../../../server/domain/kpi-pacing';
import { confirmationInForce, kpiView } from '../../../server/domain/kpi-views';
import type { KpiRecord } from '../../../server/domain/kpi-views';

// The pacing rule (docs/product.md §3 "KPI progress categories") on hand-made KPIs. The plans span 100
// days (2026-01-01 → 2026-04-11) so that every elapsed share is a round number of days / 100.

const INCREASE: KpiPlan = {
  direction: 'increase',
  baselineValue: 0,
  baselineDate: '2026-01-01',
  targetValue: 200,
  targetDate: '2026-04-11',
};
const DECREASE: KpiPlan = { ...INCREASE, direction: 'decrease', baselineValue: 100, targetValue: 40 };
const DAY_50 = '2026-02-20';
const DAY_100 = '2026-04-11';

describe('elapsedShare', () => {
  it('is the share of the baseline-to-target span elapsed on the date', () => {
    expect(elapsedShare(INCREASE, '2026-01-01')).toBe(0);
    expect(elapsedShare(INCREASE, '2026-01-26')).toBe(0.25);
    expect(elapsedShare(INCREASE, DAY_50)).toBe(0.5);
    expect(elapsedShare(INCREASE, DAY_100)).toBe(1);
  });
  it('is clamped to 0 before the baseline date and to 1 after the target date', () => {
    expect(elapsedShare(INCREASE, '2025-12-01')).toBe(0);
    expect(elapsedShare(INCREASE, '2027-01-01')).toBe(1);
  });
  it('is 1 when the target date is on or before the baseline date', () => {
    expect(elapsedShare({ baselineDate: '2026-03-01', targetDate: '2026-03-01' }, '2026-01-01')).toBe(1);
    expect(elapsedShare({ baselineDate: '2026-03-01', targetDate: '2026-01-01' }, '2026-02-01')).toBe(1);
  });
});

describe('achievedShare', () => {
  it('is the share of (target − baseline) covered, toward the target positive in both directions', () => {
    expect(achievedShare(INCREASE, 50)).toBe(0.25);
    // 100 → 40 is 60 to go down; at 70 half of it is done.
    expect(achievedShare(DECREASE, 70)).toBe(0.5);
  });
  it('is negative when the value moved away from the target, above 1 past it', () => {
    expect(achievedShare(INCREASE, -20)).toBe(-0.1);
    expect(achievedShare(DECREASE, 130)).toBe(-0.5);
    expect(achievedShare(INCREASE, 300)).toBe(1.5);
    expect(achievedShare(DECREASE, 10)).toBe(1.5);
  });
  it('works with negative values (a deficit shrinking toward zero)', () => {
    const deficit = { direction: 'increase' as const, baselineValue: -80, targetValue: 0 };
    expect(achievedShare(deficit, -20)).toBe(0.75);
  });
  it('is 1 or 0 when the target equals the baseline (reached or not, in the KPI direction)', () => {
    const flat = { direction: 'decrease' as const, baselineValue: 5, targetValue: 5 };
    expect(achievedShare(flat, 4)).toBe(1);
    expect(achievedShare(flat, 5)).toBe(1);
    expect(achievedShare(flat, 6)).toBe(0);
  });
});

describe('kpiPacing', () => {
  it('is N without an observation, with no shares', () => {
    expect(kpiPacing(INCREASE, null)).toEqual({ category: 'N', achievedShare: null, elapsedShare: null });
  });
  it('is A ahead of pace and B behind it, on an increasing KPI', () => {
    // Half the time gone: half of 200 is on pace.
    expect(kpiPacing(INCREASE, { value: 120, observedOn: DAY_50 })).toEqual({
      category: 'A',
      achievedShare: 0.6,
      elapsedShare: 0.5,
    });
    expect(kpiPacing(INCREASE, { value: 80, observedOn: DAY_50 })).toEqual({
      category: 'B',
      achievedShare: 0.4,
      elapsedShare: 0.5,
    });
  });
  it('is A ahead of pace and B behind it, on a decreasing KPI', () => {
    expect(kpiPacing(DECREASE, { value: 60, observedOn: DAY_50 }).category).toBe('A');
    expect(kpiPacing(DECREASE, { value: 80, observedOn: DAY_50 }).category).toBe('B');
  });
  it('is A exactly on pace, also where floating point would round the shares apart', () => {
    expect(kpiPacing(INCREASE, { value: 100, observedOn: DAY_50 }).category).toBe('A');
    expect(kpiPacing(DECREASE, { value: 70, observedOn: DAY_50 }).category).toBe('A');
    // 0.3 of a 0.1 → 0.4 span (0.1 + 0.3·0.3 = 0.19), 30 of 100 days: 0.09 / 0.3 is 0.29999999999999993.
    const tenths: KpiPlan = { ...INCREASE, baselineValue: 0.1, targetValue: 0.4 };
    const result = kpiPacing(tenths, { value: 0.19, observedOn: '2026-01-31' });
    expect(result.achievedShare).not.toBe(result.elapsedShare);
    expect(result.category).toBe('A');
  });
  it('is A when the target is reached early', () => {
    expect(kpiPacing(INCREASE, { value: 200, observedOn: '2026-01-11' })).toEqual({
      category: 'A',
      achievedShare: 1,
      elapsedShare: 0.1,
    });
    expect(kpiPacing(DECREASE, { value: 30, observedOn: '2026-01-11' }).category).toBe('A');
  });
  it('needs the target reached once the target date is past', () => {
    expect(kpiPacing(INCREASE, { value: 199, observedOn: '2026-06-01' })).toEqual({
      category: 'B',
      achievedShare: 0.995,
      elapsedShare: 1,
    });
    expect(kpiPacing(INCREASE, { value: 200, observedOn: '2026-06-01' }).category).toBe('A');
    expect(kpiPacing(DECREASE, { value: 41, observedOn: '2026-06-01' }).category).toBe('B');
    expect(kpiPacing(DECREASE, { value: 40, observedOn: '2026-06-01' }).category).toBe('A');
  });
  it('needs the target reached when the target date is on or before the baseline date', () => {
    const backwards: KpiPlan = { ...INCREASE, targetDate: '2025-12-01' };
    expect(kpiPacing(backwards, { value: 150, observedOn: DAY_50 })).toEqual({
      category: 'B',
      achievedShare: 0.75,
      elapsedShare: 1,
    });
    expect(kpiPacing(backwards, { value: 200, observedOn: DAY_50 }).category).toBe('A');
  });
  it('compares with no time elapsed for an observation before the baseline date', () => {
    expect(kpiPacing(INCREASE, { value: 0, observedOn: '2025-10-01' })).toEqual({
      category: 'A',
      achievedShare: 0,
      elapsedShare: 0,
    });
    expect(kpiPacing(INCREASE, { value: -1, observedOn: '2025-10-01' }).category).toBe('B');
  });
  it('is B when the value moved away from the target (a negative share)', () => {
    expect(kpiPacing(INCREASE, { value: -10, observedOn: '2026-01-01' })).toEqual({
      category: 'B',
      achievedShare: -0.05,
      elapsedShare: 0,
    });
    expect(kpiPacing(DECREASE, { value: 110, observedOn: DAY_50 }).category).toBe('B');
  });
  it('with target = baseline, is A at or beyond the target in the KPI direction and B otherwise', () => {
    const keepAbove: KpiPlan = { ...INCREASE, baselineValue: 50, targetValue: 50 };
    expect(kpiPacing(keepAbove, { value: 50, observedOn: DAY_50 }).category).toBe('A');
    expect(kpiPacing(keepAbove, { value: 51, observedOn: '2026-01-01' }).category).toBe('A');
    expect(kpiPacing(keepAbove, { value: 49, observedOn: '2026-01-01' })).toEqual({
      category: 'B',
      achievedShare: 0,
      elapsedShare: 0,
    });
    const keepBelow: KpiPlan = { ...keepAbove, direction: 'decrease' };
    expect(kpiPacing(keepBelow, { value: 49, observedOn: DAY_50 }).category).toBe('A');
    expect(kpiPacing(keepBelow, { value: 51, observedOn: DAY_50 }).category).toBe('B');
  });
});

describe('latestObservation', () => {
  it('takes the latest observed date, then the latest recorded', () => {
    const a = { id: 1, observedOn: '2026-03-01' };
    const b = { id: 2, observedOn: '2026-02-01' };
    const c = { id: 3, observedOn: '2026-03-01' };
    expect(latestObservation([a, b, c])).toBe(c);
    expect(latestObservation([c, a, b])).toBe(c);
    expect(latestObservation([])).toBeNull();
  });
});

describe('kpiView', () => {
  const observation = (id: number, value: number, observedOn: string) => ({
    id,
    value,
    observedOn,
    source: 'stat',
    reportId: null,
    recordedBy: 'lead',
    createdAt: '2026-03-01T00:00:00.000Z',
  });
  const confirmation = (category: 'A' | 'B' | 'N', observationId: number | null) => ({
    category,
    computedCategory: 'B' as const,
    reason: 'seen',
    actor: 'sec@example.go.jp',
    confirmedAt: '2026-03-02T00:00:00.000Z',
    observationId,
  });
  const record: KpiRecord = {
    ...INCREASE,
    id: 7,
    nameJa: '件数',
    nameEn: 'Count',
    unit: '件',
    source: 'survey',
    observations: [observation(2, 80, DAY_50), observation(1, 10, '2026-01-11')],
    latestConfirmation: null,
  };

  it('orders observations oldest first and categorises on the latest', () => {
    const view = kpiView(record);
    expect(view.observations.map((o) => o.id)).toEqual([1, 2]);
    expect(view).toMatchObject({
      computedCategory: 'B',
      category: 'B',
      confirmation: null,
      achievedShare: 0.4,
      elapsedShare: 0.5,
    });
  });
  it('shows the confirmed category while it was judged against the latest observation', () => {
    expect(kpiView({ ...record, latestConfirmation: confirmation('A', 2) })).toMatchObject({
      computedCategory: 'B',
      category: 'A',
      confirmation: { category: 'A', observationId: 2 },
    });
  });
  it('drops a confirmation judged against an older observation', () => {
    expect(kpiView({ ...record, latestConfirmation: confirmation('A', 1) })).toMatchObject({ category: 'B', confirmation: null });
    expect(confirmationInForce(confirmation('N', null), null)).toMatchObject({ category: 'N' });
    expect(confirmationInForce(confirmation('N', null), 4)).toBeNull();
  });
});
