import { describe, expect, it } from 'vitest';
import { columnOfIssue, dateOfCell, evaluateRows } from '../../server/domain/import-rows';
import type { MeasureState, RawRow } from '../../server/domain/import-rows';
import { columnOfHeader, healthOfCell, statusOfCell } from '../../server/domain/import-sheet';

// The pure reading of survey-form rows (docs/product.md §4), on hand-made rows and states.

const STATE: MeasureState = {
  code: 'MEXT-0002',
  leadMinistry: 'mext',
  version: 4,
  status: 'in_progress',
  reportedHealth: 'at_risk',
  writable: true,
  withdrawnOn: null,
};
const states = new Map([
  ['MEXT-0002', STATE],
  ['METI-0001', { ...STATE, code: 'METI-0001', leadMinistry: 'meti', writable: false }],
  ['MEXT-0008', { ...STATE, code: 'MEXT-0008', withdrawnOn: '2026-10-01' }],
]);

function measureRow(row: number, cells: RawRow['cells'] = {}): RawRow {
  return { row, cells: { code: 'MEXT-0002', milestoneId: '', newStatus: '実施中', newHealth: '要注意', version: '4', ...cells } };
}

describe('evaluateRows', () => {
  it('refuses a row of a withdrawn measure (廃止, decision 024), naming the day', () => {
    const { errors, candidates } = evaluateRows([measureRow(2, { code: 'MEXT-0008', note: 'x' })], states, 'mext', 'ja');
    expect(candidates).toEqual([]);
    expect(errors).toEqual([{ row: 2, column: 'code', message: expect.stringContaining('2026-10-01 に廃止') }]);
  });

  it('counts a row that asks for nothing new as unchanged', () => {
    expect(evaluateRows([measureRow(2)], states, 'mext', 'ja')).toEqual({
      candidates: [],
      unchanged: 1,
      errors: [],
      conflicts: [],
    });
  });

  it('makes one candidate of a measure row and the milestone rows below it', () => {
    const rows = [
      measureRow(2, { newHealth: 'On track', note: ' 進んだ ' }),
      { row: 3, cells: { code: 'mext-0002', milestoneId: '17', completedDate: '2026/11/5' } },
      { row: 4, cells: { code: 'MEXT-0002', milestoneId: '18', completedDate: '' } },
    ];
    const { candidates, errors } = evaluateRows(rows, states, 'mext', 'en');
    expect(errors).toEqual([]);
    expect(candidates).toEqual([
      {
        row: 2,
        code: 'MEXT-0002',
        version: 4,
        body: {
          status: 'in_progress',
          health: 'on_track',
          note: '進んだ',
          evidenceUrl: null,
          milestonesCompleted: [{ milestoneId: 17, completedDate: '2026-11-05' }],
        },
        milestoneRows: [3],
      },
    ]);
  });

  it('is a conflict when a changed row carries an older version, and nothing when it is unchanged', () => {
    const changed = evaluateRows([measureRow(2, { version: '3', note: 'x' })], states, 'mext', 'en');
    expect(changed.conflicts).toEqual([{ row: 2, code: 'MEXT-0002', message: expect.stringContaining('v3') }]);
    expect(changed.candidates).toEqual([]);
    expect(evaluateRows([measureRow(2, { version: '3' })], states, 'mext', 'en').unchanged).toBe(1);
  });

  it('names the row and column of each problem', () => {
    const rows = [
      measureRow(2, { code: 'METI-0001', note: 'x' }),
      measureRow(3, { code: 'NOPE-0001' }),
      measureRow(4, { newStatus: 'great', newHealth: '未更新', version: '' }),
      measureRow(5),
      { row: 6, cells: { code: 'ENV-0011', milestoneId: '3' } },
      { row: 7, cells: { code: 'MEXT-0002', milestoneId: 'x' } },
      { row: 8, cells: { code: 'MEXT-0002', milestoneId: '9', completedDate: '2026-02-30', note: 'n' } },
    ];
    const { errors } = evaluateRows(rows, states, 'mext', 'en');
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [5, 'code'],
      [6, 'code'],
      [2, 'code'],
      [3, 'code'],
      [4, 'newStatus'],
      [4, 'newHealth'],
      [4, 'version'],
      [7, 'milestoneId'],
      [8, 'note'],
      [8, 'completedDate'],
    ]);
    expect(errors.find((e) => e.row === 2)?.message).toBe('METI-0001 is not led by mext');
  });

  it('refuses a measure the uploader may not write even when no ministry binds the upload', () => {
    const { errors } = evaluateRows([measureRow(2, { code: 'METI-0001', note: 'x' })], states, null, 'ja');
    expect(errors).toEqual([{ row: 2, column: 'code', message: 'METI-0001 を報告する権限がありません' }]);
  });
});

describe('cells and headers', () => {
  it('reads dates, labels in either language and headers', () => {
    expect(dateOfCell('2026-11-05')).toBe('2026-11-05');
    expect(dateOfCell('2026/1/2')).toBe('2026-01-02');
    expect(dateOfCell('2026-02-30')).toBeNull();
    expect(dateOfCell('5 Nov')).toBeNull();
    expect([statusOfCell('完了'), statusOfCell('completed'), statusOfCell(' Completed ')]).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
    expect([healthOfCell('遅延'), healthOfCell('stale'), healthOfCell('Stale')]).toEqual(['off_track', null, null]);
    expect([
      columnOfHeader('新しい状況'),
      columnOfHeader('New status'),
      columnOfHeader('newstatus'),
      columnOfHeader('?'),
    ]).toEqual(['newStatus', 'newStatus', 'newStatus', null]);
    expect(columnOfIssue(['milestonesCompleted', 0, 'completedDate'])).toBe('completedDate');
    expect(columnOfIssue(['health'])).toBe('newHealth');
  });
});
