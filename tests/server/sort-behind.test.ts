import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEHIND_HEALTH_RANK, behindCount, compareBehind, emptyTally, isBehind } from '../../server/domain/derived-figures';
import type { BehindSortable } from '../../server/domain/derived-figures';
import { measureListResponse } from '../../server/schemas/responses';
import type { MeasureListItem, MeasureListResponse } from '../../server/schemas/responses';
import { codesOf, getOk, withQuery } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// `sort=behind` on GET /api/v1/measures: most behind first. Effective health rank (off_track 0,
// stale 1, at_risk 2, on_track 3), then overdue milestones as of the as-of date (most first), then
// progress (lowest first), then code. `-behind` is the exact reverse.
//
// Hand-computed from tests/support/fixture-measures.ts, today 2026-11-26:
//   off_track  CAO-0003      overdue 1  progress 0
//   stale      FSA-0010      overdue 1  progress 0
//              MEXT-0002     overdue 1  progress 0.25
//              MOD-0004      overdue 1  progress 0.5    ┐ tie on all three: code
//              MOFA-0009     overdue 1  progress 0.5    ┘
//              MAFF-0006     overdue 0  progress 0      (fewer overdue beats lower progress)
//   at_risk    MLIT-0007     overdue 0  progress 0
//              ENV-0011      overdue 0  progress 0.25
//   on_track   METI-0001     overdue 0  progress 0.375
//              MEXT-0008     overdue 0  progress 0.4
//              DIGITAL-0012  overdue 0  progress 1      ┐ tie: code
//              MHLW-0005     overdue 0  progress 1      ┘
//
// asOf=2026-07-15 (state rebuilt from the log; MAFF-0006 and DIGITAL-0012 do not exist yet):
//   stale      CAO-0003      overdue 1 (#1 due 06-30, open)       progress 0
//              MOD-0004      overdue 1 (#2 due 06-30, open)       progress 1/2
//              MLIT-0007     overdue 0                            progress 0
//              MEXT-0008     overdue 0 (#2 due 10-31: not yet)    progress 2/10 (#2 completed 10-30: not yet)
//              METI-0001     overdue 0 (#2 due 10-31: not yet)    progress 2/8
//   at_risk    FSA-0010      overdue 0 (#1 due 09-30: not yet)    progress 0   (suspended 07-10, due 08-09)
//   on_track   ENV-0011      overdue 0                            progress 1/4 (#1 done 07-01) ┐ code
//              MEXT-0002     overdue 0                            progress 1/4 (#1 done 06-20) ┘
//              MOFA-0009     overdue 0 (#2 due 11-15: not yet)    progress 1/2
//              MHLW-0005     overdue 0                            progress 1

const BEHIND_TODAY = [
  'CAO-0003',
  'FSA-0010',
  'MEXT-0002',
  'MOD-0004',
  'MOFA-0009',
  'MAFF-0006',
  'MLIT-0007',
  'ENV-0011',
  'METI-0001',
  'MEXT-0008',
  'DIGITAL-0012',
  'MHLW-0005',
];

const BEHIND_2026_07_15 = [
  'CAO-0003',
  'MOD-0004',
  'MLIT-0007',
  'MEXT-0008',
  'METI-0001',
  'FSA-0010',
  'ENV-0011',
  'MEXT-0002',
  'MOFA-0009',
  'MHLW-0005',
];

type Pairs = (readonly [string, string])[];

const sortable = (item: MeasureListItem): BehindSortable => ({
  code: item.code,
  health: item.health,
  overdue: item.milestones.overdue,
  progress: item.progress,
});

describe('compareBehind and behind counts (derived-figures)', () => {
  const m = (code: string, health: BehindSortable['health'], overdue: number, progress: number): BehindSortable => ({
    code,
    health,
    overdue,
    progress,
  });

  it('ranks health off_track, stale, at_risk, on_track before anything else', () => {
    expect(BEHIND_HEALTH_RANK).toEqual({ off_track: 0, stale: 1, at_risk: 2, on_track: 3 });
    const sorted = [m('A', 'on_track', 9, 0), m('B', 'at_risk', 9, 0), m('C', 'stale', 0, 1), m('D', 'off_track', 0, 1)].sort(
      compareBehind,
    );
    expect(codesOf(sorted)).toEqual(['D', 'C', 'B', 'A']);
  });

  it('then more overdue milestones, then lower progress, then code', () => {
    const sorted = [m('Z', 'stale', 0, 0), m('Y', 'stale', 2, 0.9), m('X', 'stale', 2, 0.1), m('W', 'stale', 2, 0.1)].sort(
      compareBehind,
    );
    expect(codesOf(sorted)).toEqual(['W', 'X', 'Y', 'Z']);
    expect(compareBehind(m('A', 'stale', 1, 0.5), m('A', 'stale', 1, 0.5))).toBe(0);
  });

  it('counts off_track and stale as behind, at_risk and on_track not', () => {
    expect([isBehind('off_track'), isBehind('stale'), isBehind('at_risk'), isBehind('on_track')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const tally = emptyTally();
    tally.byHealth = { on_track: 4, at_risk: 2, off_track: 1, stale: 5 };
    expect(behindCount(tally)).toBe(6);
  });
});

describe.each(TEST_DIALECTS)('GET /measures?sort=behind on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const list = (pairs: Pairs): Promise<MeasureListResponse> =>
    getOk(t, withQuery('/api/v1/measures', [['pageSize', '500'], ...pairs]), measureListResponse);
  const codes = async (pairs: Pairs): Promise<string[]> => codesOf((await list(pairs)).items);

  it('puts the most behind first, in the hand-computed order', async () => {
    expect(await codes([['sort', 'behind']])).toEqual(BEHIND_TODAY);
  });

  it('-behind is the exact reverse', async () => {
    expect(await codes([['sort', '-behind']])).toEqual([...BEHIND_TODAY].reverse());
  });

  it('as of a past date, orders by the health, overdue milestones and progress of that date', async () => {
    expect(
      await codes([
        ['sort', 'behind'],
        ['asOf', '2026-07-15'],
      ]),
    ).toEqual(BEHIND_2026_07_15);
    expect(
      await codes([
        ['sort', '-behind'],
        ['asOf', '2026-07-15'],
      ]),
    ).toEqual([...BEHIND_2026_07_15].reverse());
  });

  // The SQL ordering mirrors compareBehind; the values it orders by are the ones each item shows.
  const COMBINATIONS: [string, Pairs][] = [
    ['no filter', []],
    ['ministry', [['ministry', 'meti']]],
    ['field', [['field', 'digital-cyber,ai-semiconductors']]],
    ['health', [['health', 'stale,at_risk']]],
    ['asOf', [['asOf', '2026-07-15']]],
    ['asOf before any report', [['asOf', '2025-11-15']]],
    [
      'asOf, filtered',
      [
        ['asOf', '2026-09-01'],
        ['status', 'in_progress'],
      ],
    ],
  ];
  it.each(COMBINATIONS)('agrees with compareBehind over the items shown: %s', async (_name, pairs) => {
    const { items, total } = await list([...pairs, ['sort', 'behind']]);
    expect(items).toHaveLength(total);
    expect(codesOf(items)).toEqual(codesOf([...items].map(sortable).sort(compareBehind)));
    const desc = await codes([...pairs, ['sort', '-behind']]);
    expect(desc).toEqual(codesOf(items).reverse());
  });

  it('pages through the same order', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) => getOk(t, `/api/v1/measures?sort=behind&pageSize=5&page=${page}`, measureListResponse)),
    );
    expect(pages.map((p) => p.total)).toEqual([12, 12, 12]);
    expect(pages.flatMap((p) => codesOf(p.items))).toEqual(BEHIND_TODAY);
  });
});
