import { describe, expect, it } from 'vitest';
import { diffSnapshots, displayValue, flatten, isInstant } from '../../../../client/features/audit/audit-diff';

// The audit page shows only what changed between the stored before/after snapshots.

describe('the audit diff', () => {
  it('lists changed leaves only, milestones keyed by id, bookkeeping last', () => {
    const before = {
      status: 'in_progress',
      health: 'on_track',
      version: 3,
      updatedAt: '2026-11-01T00:00:00.000Z',
      milestoneList: [
        { id: 7, dueDate: '2026-12-01', completedDate: null },
        { id: 8, dueDate: '2027-01-01', completedDate: null },
      ],
      fields: ['quantum'],
    };
    const after = {
      ...before,
      health: 'at_risk',
      version: 4,
      updatedAt: '2026-11-26T03:00:00.000Z',
      milestoneList: [
        { id: 7, dueDate: '2026-12-01', completedDate: '2026-11-26' },
        { id: 8, dueDate: '2027-01-01', completedDate: null },
      ],
      fields: ['quantum', 'fusion'],
      report: { id: 99, note: '進捗あり' },
    };
    expect(diffSnapshots(before, after)).toEqual([
      { path: 'health', before: 'on_track', after: 'at_risk' },
      { path: 'milestoneList[#7].completedDate', before: null, after: '2026-11-26' },
      { path: 'fields', before: ['quantum'], after: ['quantum', 'fusion'] },
      { path: 'report.note', before: undefined, after: '進捗あり' },
      { path: 'version', before: 3, after: 4 },
      { path: 'updatedAt', before: '2026-11-01T00:00:00.000Z', after: '2026-11-26T03:00:00.000Z' },
      { path: 'report.id', before: undefined, after: 99 },
    ]);
  });

  it('treats a creation (no before) as every leaf added', () => {
    expect(diffSnapshots(null, { milestone: { id: 1, titleJa: '着工' } }).map((l) => l.path)).toEqual([
      'milestone.titleJa',
      'milestone.id',
    ]);
    expect(flatten({})).toEqual(new Map([['', {}]]));
  });

  it('shows values readably', () => {
    expect(displayValue('テキスト')).toBe('テキスト');
    expect(displayValue(['a', 'b'])).toBe('["a","b"]');
    expect(displayValue('x'.repeat(300)).length).toBe(240);
    expect(isInstant('2026-11-26T03:00:00.000Z')).toBe(true);
    expect(isInstant('2026-11-26')).toBe(false);
  });
});
