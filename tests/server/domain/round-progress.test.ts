import { describe, expect, it } from 'vitest';
import { roundByMinistry, roundState, roundTotals } from '../../../server/domain/round-progress';
import type { RoundAnswerGroup } from '../../../server/domain/round-progress';

// A round's progress is added up from grouped counts (docs/product.md §4, "The follow-up round"):
// every measure in scope once, in its answer state; late only when answered after the due date.

const MINISTRIES = [
  { id: 1, code: 'cao', nameJa: '内閣府', nameEn: 'Cabinet Office' },
  { id: 2, code: 'mext', nameJa: '文部科学省', nameEn: 'MEXT' },
  { id: 3, code: 'meti', nameJa: '経済産業省', nameEn: 'METI' },
];

const group = (ministryId: number, state: RoundAnswerGroup['state'], count: number, late = false): RoundAnswerGroup => ({
  roundId: 7,
  ministryId,
  state,
  late,
  count,
});

describe('round progress', () => {
  // meti: 2 accepted (1 of them late), 1 missing; cao: 1 returned, 3 submitted (2 late); mext: none in scope.
  const groups = [
    group(3, 'accepted', 1),
    group(3, 'accepted', 1, true),
    group(3, 'missing', 1),
    group(1, 'returned', 1),
    group(1, 'submitted', 1),
    group(1, 'submitted', 2, true),
  ];

  it('adds the groups into totals: every measure in scope counted once, late a subset of the answers', () => {
    expect(roundTotals(groups)).toEqual({ inScope: 7, submitted: 3, accepted: 2, returned: 1, missing: 1, late: 3 });
  });

  it('lists only the ministries with a measure in scope, in the order given', () => {
    expect(roundByMinistry(groups, MINISTRIES)).toEqual([
      {
        code: 'cao',
        nameJa: '内閣府',
        nameEn: 'Cabinet Office',
        inScope: 4,
        submitted: 3,
        accepted: 0,
        returned: 1,
        missing: 0,
        late: 2,
      },
      {
        code: 'meti',
        nameJa: '経済産業省',
        nameEn: 'METI',
        inScope: 3,
        submitted: 0,
        accepted: 2,
        returned: 0,
        missing: 1,
        late: 1,
      },
    ]);
  });

  it('never counts a missing measure as late', () => {
    expect(roundTotals([group(1, 'missing', 4, true)])).toEqual({
      inScope: 4,
      submitted: 0,
      accepted: 0,
      returned: 0,
      missing: 4,
      late: 0,
    });
  });

  it('has zero totals without a measure in scope', () => {
    expect(roundTotals([])).toEqual({ inScope: 0, submitted: 0, accepted: 0, returned: 0, missing: 0, late: 0 });
    expect(roundByMinistry([], MINISTRIES)).toEqual([]);
  });

  it('is scheduled before it opens, open from its opening (after the due date too), closed once closed', () => {
    const round = { opensAt: '2026-12-01T00:00:00.000Z', closedAt: null };
    expect(roundState(round, '2026-11-30T23:59:59.999Z')).toBe('scheduled');
    expect(roundState(round, '2026-12-01T00:00:00.000Z')).toBe('open');
    expect(roundState(round, '2027-06-01T00:00:00.000Z')).toBe('open');
    expect(roundState({ ...round, closedAt: '2026-12-20T00:00:00.000Z' }, '2026-12-21T00:00:00.000Z')).toBe('closed');
    // Closed before it opened: closed, not scheduled.
    expect(roundState({ ...round, closedAt: '2026-11-20T00:00:00.000Z' }, '2026-11-25T00:00:00.000Z')).toBe('closed');
  });
});
