import { describe, expect, it } from 'vitest';
import { breakdownRows, codeAndNames, heatmapCells, matrixCells } from '../../../server/domain/breakdowns';
import type {
  KeyedMilestoneGroup,
  KeyedStateCount,
  MatrixMilestoneGroup,
  MatrixStateCount,
  NamedItem,
} from '../../../server/domain/breakdowns';
import { emptyTally } from '../../../server/domain/derived-figures';

// Breakdown rows and heat-map cells from hand-made grouped rows: which rows and cells appear, in
// which order, and that each one's figures come from its own rows only.

const DATES = { deadline: '2027-03-31', asOf: '2026-12-01' };

const item = (id: number, code: string): NamedItem => ({ id, code, nameJa: `${code}（日本語）`, nameEn: `${code} (English)` });
const QUANTUM = item(1, 'quantum');
const AI = item(2, 'ai');
const SPACE = item(3, 'space');
const METI = item(10, 'METI');
const MEXT = item(11, 'MEXT');

const count = (key: number | null, status: string, health: string, n: number): KeyedStateCount => ({ key, status, health, n });
const group = (key: number | null, dueDate: string, completedDate: string | null, weight: number): KeyedMilestoneGroup => ({
  key,
  dueDate,
  completedDate,
  weight,
  count: 1,
});
const cellCount = (fieldId: number, ministryId: number, health: string, n: number): MatrixStateCount => ({
  rowId: fieldId,
  colId: ministryId,
  status: 'in_progress',
  health,
  n,
});
const cellGroup = (fieldId: number, ministryId: number, completedDate: string | null, weight: number): MatrixMilestoneGroup => ({
  rowId: fieldId,
  colId: ministryId,
  dueDate: '2027-01-31',
  completedDate,
  weight,
  count: 1,
});

describe('codeAndNames', () => {
  it('drops the database id', () => {
    expect(codeAndNames(QUANTUM)).toEqual({ code: 'quantum', nameJa: 'quantum（日本語）', nameEn: 'quantum (English)' });
  });
});

describe('breakdownRows', () => {
  it('lists every item in the given order, an item without measures with zero counts', () => {
    const rows = breakdownRows([SPACE, QUANTUM, AI], [count(1, 'in_progress', 'on_track', 2)], [], DATES);
    expect(rows.map((r) => r.code)).toEqual(['space', 'quantum', 'ai']);
    const space = rows[0];
    expect(space).toEqual({
      ...codeAndNames(SPACE),
      ...emptyTally(),
      progress: 0,
      overallProgress: 0,
      milestones: { total: 0, done: 0, overdue: 0 },
    });
  });

  it("counts each item's measures by status and health from its own rows only", () => {
    const counts = [
      count(1, 'in_progress', 'on_track', 3),
      count(1, 'completed', 'off_track', 1),
      count(2, 'planning', 'stale', 4),
      count(null, 'planning', 'stale', 99),
    ];
    const [quantum, ai] = breakdownRows([QUANTUM, AI], counts, [], DATES);
    expect(quantum?.total).toBe(4);
    expect(quantum?.byStatus).toMatchObject({ in_progress: 3, completed: 1, planning: 0 });
    expect(quantum?.byHealth).toMatchObject({ on_track: 3, off_track: 1, stale: 0 });
    expect(ai?.total).toBe(4);
    expect(ai?.byHealth.stale).toBe(4);
  });

  it('computes progress toward the deadline, overall progress and milestone counts per item', () => {
    const groups = [
      group(1, '2026-10-31', '2026-10-15', 1), // done, due by the deadline
      group(1, '2026-11-30', null, 1), // overdue, due by the deadline
      group(1, '2027-12-31', '2026-11-01', 2), // done, due after the deadline
      group(2, '2027-01-31', '2026-12-05', 1), // completed after the as-of date: not done yet
    ];
    const [quantum, ai] = breakdownRows([QUANTUM, AI], [], groups, DATES);
    expect(quantum?.progress).toBe(0.5);
    expect(quantum?.overallProgress).toBe(0.75);
    expect(quantum?.milestones).toEqual({ total: 3, done: 2, overdue: 1 });
    expect(ai?.progress).toBe(0);
    expect(ai?.milestones).toEqual({ total: 1, done: 0, overdue: 0 });
  });

  it('gives no rows for no items', () => {
    expect(breakdownRows([], [count(1, 'planning', 'stale', 1)], [], DATES)).toEqual([]);
  });
});

describe('heatmapCells', () => {
  it('gives the non-empty cells by field, then ministry, in the order of the items', () => {
    const counts = [cellCount(2, 10, 'on_track', 1), cellCount(1, 11, 'on_track', 1), cellCount(1, 10, 'on_track', 1)];
    const cells = heatmapCells([QUANTUM, AI], [METI, MEXT], counts, [], DATES);
    expect(cells.map((c) => `${c.field}/${c.ministry}`)).toEqual(['quantum/METI', 'quantum/MEXT', 'ai/METI']);
  });

  it('skips a cell without measures, even when milestone rows name it', () => {
    const cells = heatmapCells([QUANTUM], [METI, MEXT], [cellCount(1, 11, 'on_track', 2)], [cellGroup(1, 10, null, 1)], DATES);
    expect(cells).toEqual([{ field: 'quantum', ministry: 'MEXT', total: 2, behind: 0, progress: 0 }]);
  });

  it('skips cells of ids that are not among the items', () => {
    expect(heatmapCells([QUANTUM], [METI], [cellCount(9, 10, 'on_track', 1)], [], DATES)).toEqual([]);
  });

  it('counts the behind measures (off track or stale) and the progress of the cell alone', () => {
    const counts = [
      cellCount(1, 10, 'off_track', 2),
      cellCount(1, 10, 'stale', 1),
      cellCount(1, 10, 'at_risk', 3),
      cellCount(1, 11, 'off_track', 5),
    ];
    const groups = [cellGroup(1, 10, '2026-11-01', 3), cellGroup(1, 10, null, 1), cellGroup(1, 11, null, 4)];
    const [metiCell, mextCell] = heatmapCells([QUANTUM], [METI, MEXT], counts, groups, DATES);
    expect(metiCell).toEqual({ field: 'quantum', ministry: 'METI', total: 6, behind: 3, progress: 0.75 });
    expect(mextCell).toEqual({ field: 'quantum', ministry: 'MEXT', total: 5, behind: 5, progress: 0 });
  });
});

describe('matrixCells', () => {
  it('the same axis on both sides (ministry × ministry): the diagonal and the pairs, each from its own rows', () => {
    const counts = [
      { rowId: 10, colId: 10, status: 'in_progress', health: 'stale', n: 3 },
      { rowId: 10, colId: 11, status: 'in_progress', health: 'on_track', n: 1 },
      { rowId: 11, colId: 10, status: 'in_progress', health: 'on_track', n: 1 },
    ];
    const groups = [{ rowId: 10, colId: 11, dueDate: '2027-01-31', completedDate: '2026-11-01', weight: 2, count: 1 }];
    expect(matrixCells([METI, MEXT], [METI, MEXT], counts, groups, DATES)).toEqual([
      { row: 'METI', col: 'METI', total: 3, behind: 3, progress: 0 },
      { row: 'METI', col: 'MEXT', total: 1, behind: 0, progress: 1 },
      { row: 'MEXT', col: 'METI', total: 1, behind: 0, progress: 0 },
    ]);
  });
});
