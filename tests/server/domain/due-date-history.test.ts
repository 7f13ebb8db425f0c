import { describe, expect, it } from 'vitest';
import { dueDateAsOf, slipDaysOf } from '../../../server/domain/due-date-history';

describe('the due date as known at an instant', () => {
  const revisions = [
    { previousDueDate: '2026-03-31', dueDate: '2026-06-30', recordedAt: '2026-02-10T01:00:00.000Z' },
    { previousDueDate: '2026-06-30', dueDate: '2026-09-30', recordedAt: '2026-05-20T01:00:00.000Z' },
  ];
  it('is the baseline before the first reschedule, each new date after its revision, the current one after the last', () => {
    expect(dueDateAsOf('2026-09-30', revisions, '2026-01-01T00:00:00.000Z')).toBe('2026-03-31');
    expect(dueDateAsOf('2026-09-30', revisions, '2026-02-10T01:00:00.000Z')).toBe('2026-06-30');
    expect(dueDateAsOf('2026-09-30', revisions, '2026-04-01T00:00:00.000Z')).toBe('2026-06-30');
    expect(dueDateAsOf('2026-09-30', revisions, '2026-06-01T00:00:00.000Z')).toBe('2026-09-30');
    expect(dueDateAsOf('2026-09-30', [...revisions].reverse(), '2026-01-01T00:00:00.000Z')).toBe('2026-03-31');
  });
  it('counts only slips past the baseline', () => {
    expect(slipDaysOf('2026-03-31', '2026-06-30')).toBe(91);
    expect(slipDaysOf('2026-03-31', '2026-03-01')).toBe(0);
  });
});
