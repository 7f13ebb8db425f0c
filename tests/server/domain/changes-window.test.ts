import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesWindow, countChanges, sortChanges } from '../../../server/domain/changes';
import { CHANGE_KINDS } from '../../../server/schemas/meeting-pack';
import type { ChangeItem } from '../../../server/schemas/meeting-pack';

// The window GET /changes answers (docs/decisions/027-changes-paged-by-kind.md), against its
// definition: of each kind asked for, that kind's items in order, sliced; the omitted counts are the
// counts less what is shown.

const item = fc.record({
  kind: fc.constantFrom(...CHANGE_KINDS),
  code: fc.constantFrom('METI-0001', 'METI-0002', 'MEXT-0001'),
  day: fc.integer({ min: 1, max: 28 }),
  id: fc.integer({ min: 1, max: 5 }),
});

function changeItem(x: { kind: ChangeItem['kind']; code: string; day: number; id: number }): ChangeItem {
  return {
    kind: x.kind,
    measure: {
      code: x.code,
      titleJa: x.code,
      titleEn: x.code,
      leadMinistry: 'meti',
      coMinistries: [],
      fields: [],
      primaryField: null,
    },
    date: `2026-11-${String(x.day).padStart(2, '0')}`,
    before: null,
    after: null,
    milestone: { id: x.id, titleJa: '', titleEn: '' },
    kpi: null,
    slipDays: null,
  };
}

describe('changesWindow', () => {
  it('is, per kind asked for, a slice of that kind in order; omitted is the rest of the counts', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 60 }),
        fc.option(fc.subarray([...CHANGE_KINDS], { minLength: 1 }), { nil: null }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (raw, kinds, limit, offset) => {
          const items = sortChanges(raw.map(changeItem));
          const counts = countChanges(items);
          const result = changesWindow(items, counts, { kinds, limit, offset });
          const expected = CHANGE_KINDS.flatMap((kind) =>
            kinds === null || kinds.includes(kind) ? items.filter((i) => i.kind === kind).slice(offset, offset + limit) : [],
          );
          expect(result.items).toEqual(expected);
          for (const kind of CHANGE_KINDS) {
            expect(result.omitted[kind]).toBe(counts[kind] - expected.filter((i) => i.kind === kind).length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
