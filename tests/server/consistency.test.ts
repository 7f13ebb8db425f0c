import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import {
  breakdownResponse,
  burnupResponse,
  measureDetailResponse,
  measureListResponse,
  summaryResponse,
} from '../../server/schemas/responses';
import type { BreakdownResponse, MeasureListResponse, SummaryResponse } from '../../server/schemas/responses';
import { codesOf, getOk, getterFor, withQuery } from '../support/api-helpers';
import type { ApiGetter } from '../support/api-helpers';
import { addReviewsAndVerifications } from '../support/basis-fixture';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// docs/product.md §3: every figure agrees with the measure list under the same filters. The list and the
// statistics are separate SQL paths (and the detail page a third, pure-module one), so these tests
// hold them together for many filter combinations rather than for one hand-computed case.

type Pairs = (readonly [string, string])[];

const COMBINATIONS: [string, Pairs][] = [
  ['no filter', []],
  ['field', [['field', 'ai-semiconductors']]],
  ['ministry', [['ministry', 'meti']]],
  ['status', [['status', 'in_progress']]],
  ['health', [['health', 'stale']]],
  ['pillar', [['pillar', 'cross-cutting']]],
  ['instrument', [['instrument', 'investment']]],
  ['q', [['q', '人材']]],
  ['q (English)', [['q', 'startup']]],
  [
    'combined',
    [
      ['field', 'digital-cyber'],
      ['ministry', 'mic'],
      ['status', 'in_progress,completed'],
    ],
  ],
  [
    'repeated values',
    [
      ['field', 'quantum'],
      ['field', 'ict'],
      ['health', 'on_track,off_track'],
    ],
  ],
  ['asOf in the past', [['asOf', '2026-07-15']]],
  [
    'asOf in the past, filtered',
    [
      ['asOf', '2026-07-15'],
      ['ministry', 'meti'],
      ['health', 'stale'],
    ],
  ],
  ['asOf before any report', [['asOf', '2025-11-15']]],
  [
    'asOf with a past deadline',
    [
      ['asOf', '2026-07-15'],
      ['deadline', 'summer-2026'],
      ['pillar', 'rnd-seeds,university-clusters'],
    ],
  ],
  // docs/product.md §3 "Basis": the same agreement on accepted reports and on verified completions
  // (the fixture's reviews and verifications: tests/support/basis-fixture.ts).
  ['basis accepted', [['basis', 'accepted']]],
  ['basis verified', [['basis', 'verified']]],
  [
    'basis accepted, filtered by status and health',
    [
      ['basis', 'accepted'],
      ['status', 'in_progress,not_started'],
      ['health', 'stale,on_track'],
    ],
  ],
  [
    'basis verified, filtered',
    [
      ['basis', 'verified'],
      ['ministry', 'meti'],
      ['status', 'in_progress'],
    ],
  ],
  [
    'basis verified in the past',
    [
      ['basis', 'verified'],
      ['asOf', '2026-11-12'],
    ],
  ],
  [
    'basis accepted in the past, filtered',
    [
      ['basis', 'accepted'],
      ['asOf', '2026-07-15'],
      ['health', 'stale'],
    ],
  ],
];

/** Filters the list accepts: everything but the stats-only `deadline`. */
const listPairs = (pairs: Pairs): Pairs => pairs.filter(([k]) => k !== 'deadline');

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}

describe.each(TEST_DIALECTS)('figures agree with the list on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    await addReviewsAndVerifications(t.database.db, FIXTURE_NOW);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const list = (api: ApiGetter, pairs: Pairs): Promise<MeasureListResponse> =>
    getOk(api, withQuery('/api/v1/measures', [...listPairs(pairs), ['pageSize', '500']]), measureListResponse);
  const summary = (api: ApiGetter, pairs: Pairs): Promise<SummaryResponse> =>
    getOk(api, withQuery('/api/v1/stats/summary', pairs), summaryResponse);
  const breakdown = (api: ApiGetter, by: 'field' | 'ministry', pairs: Pairs): Promise<BreakdownResponse> =>
    getOk(api, withQuery(`/api/v1/stats/by-${by}`, pairs), breakdownResponse);

  describe.each(COMBINATIONS)('%s', (_name, pairs) => {
    it('summary total, byStatus, byHealth and stale agree with the list total', async () => {
      const [l, s] = await Promise.all([list(t, pairs), summary(t, pairs)]);
      expect(s.total).toBe(l.total);
      expect(l.items).toHaveLength(l.total);
      expect(sum(s.byStatus)).toBe(s.total);
      expect(sum(s.byHealth)).toBe(s.total);
      expect(s.stale).toBe(s.byHealth.stale);
      // The tallies are the list's own items counted by status and health.
      for (const [status, n] of Object.entries(s.byStatus))
        expect(l.items.filter((i) => i.status === status).length, status).toBe(n);
      for (const [health, n] of Object.entries(s.byHealth))
        expect(l.items.filter((i) => i.health === health).length, health).toBe(n);
      expect(l.items.filter((i) => i.stale).length).toBe(s.stale);
      // Milestone counts are the sums of the items' own counts.
      expect(s.milestones).toEqual({
        total: l.items.reduce((a, i) => a + i.milestones.total, 0),
        done: l.items.reduce((a, i) => a + i.milestones.done, 0),
        overdue: l.items.reduce((a, i) => a + i.milestones.overdue, 0),
      });
    });

    it.each(['field', 'ministry'] as const)('each by-%s row equals the list under the same filters plus the row', async (by) => {
      const [l, b] = await Promise.all([list(t, pairs), breakdown(t, by, pairs)]);
      const filtered = pairs.some(([k]) => k === by);
      for (const row of b.items) {
        // A measure counts in every field and ministry it belongs to (ministry: lead or co-owner).
        const members = l.items.filter((i) =>
          (by === 'field' ? i.fields : [i.leadMinistry, ...i.coMinistries]).includes(row.code),
        );
        expect(row.total, `${by} ${row.code}`).toBe(members.length);
        expect(sum(row.byStatus), row.code).toBe(row.total);
        expect(sum(row.byHealth), row.code).toBe(row.total);
      }
      // docs/product.md §3 literally: the list total with `<by>=<row>` added. When the combination already
      // filters this dimension, adding a second value widens the list (values are ORed), so only the
      // item check above applies there.
      if (!filtered) {
        const added = await Promise.all(b.items.map((row) => list(t, [...pairs, [by, row.code]])));
        for (const [i, row] of b.items.entries()) expect(row.total, `${by}=${row.code}`).toBe(added[i]?.total);
      }
    });
  });

  it('a filter matching nothing gives zero everywhere, with 200 and not an error', async () => {
    const nothing: Pairs = [['q', 'no-such-measure-anywhere']];
    const [l, s, byField, byMinistry, burnup] = await Promise.all([
      list(t, nothing),
      summary(t, nothing),
      breakdown(t, 'field', nothing),
      breakdown(t, 'ministry', nothing),
      getOk(t, withQuery('/api/v1/stats/burnup', nothing), burnupResponse),
    ]);
    expect(l.total).toBe(0);
    expect(l.items).toEqual([]);
    expect(s.total).toBe(0);
    expect(sum(s.byStatus)).toBe(0);
    expect(sum(s.byHealth)).toBe(0);
    expect(s.milestones).toEqual({ total: 0, done: 0, overdue: 0 });
    expect(s.progress).toBe(0);
    for (const row of [...byField.items, ...byMinistry.items]) expect(row.total, row.code).toBe(0);
    expect(burnup.totalWeight).toBe(0);
    // Two filters that each match something but not together.
    const disjoint: Pairs = [
      ['field', 'defense'],
      ['status', 'completed'],
    ];
    expect((await list(t, disjoint)).total).toBe(0);
    expect((await summary(t, disjoint)).total).toBe(0);
  });

  it("each list item's health and progress equal the detail page's (SQL path vs pure-module path)", async () => {
    const l = await list(t, []);
    expect(l.total).toBe(fixtureMeasures().length);
    for (const item of l.items) {
      const detail = await getOk(t, `/api/v1/measures/${item.code}`, measureDetailResponse);
      expect(
        { status: detail.status, health: detail.health, reportedHealth: detail.reportedHealth, stale: detail.stale },
        item.code,
      ).toEqual({ status: item.status, health: item.health, reportedHealth: item.reportedHealth, stale: item.stale });
      expect(detail.progress, item.code).toBe(item.progress);
      expect(detail.milestones, item.code).toEqual(item.milestones);
      expect(detail.milestoneList.filter((m) => m.overdue).length, item.code).toBe(item.milestones.overdue);
    }
  });

  it('asOf=today answers exactly as no asOf', async () => {
    for (const [, pairs] of COMBINATIONS.filter(([, p]) => !p.some(([k]) => k === 'asOf'))) {
      const today: Pairs = [...pairs, ['asOf', '2026-11-26']];
      expect(await list(t, today)).toEqual(await list(t, pairs));
      expect(await summary(t, today)).toEqual(await summary(t, pairs));
      expect(await breakdown(t, 'field', today)).toEqual(await breakdown(t, 'field', pairs));
    }
  });

  it('the state rebuilt from the report log equals the current state at the same instant', async () => {
    // Today's figures come from the measure rows, past ones from the report log (two SQL paths).
    // A clock at 09:00 JST on 11-27 asked for asOf=2026-11-26 uses the log up to the end of that
    // day; a clock at that very instant with no asOf uses the measure rows. Both must agree.
    const endOf26th = new Date('2026-11-26T14:59:59.999Z');
    const nextMorning = new Date('2026-11-27T00:00:00.000Z');
    const current = getterFor(createApp({ db: t.database.db, dialect: t.database.dialect, now: () => endOf26th }));
    const historical = getterFor(createApp({ db: t.database.db, dialect: t.database.dialect, now: () => nextMorning }));
    const asOf: Pairs = [['asOf', '2026-11-26']];
    for (const [name, pairs] of COMBINATIONS.filter(([, p]) => !p.some(([k]) => k === 'asOf'))) {
      const [now, past] = await Promise.all([list(current, pairs), list(historical, [...pairs, ...asOf])]);
      expect(past, name).toEqual(now);
      expect(await summary(historical, [...pairs, ...asOf]), name).toEqual(await summary(current, pairs));
      expect(await breakdown(historical, 'field', [...pairs, ...asOf]), name).toEqual(await breakdown(current, 'field', pairs));
      expect(await breakdown(historical, 'ministry', [...pairs, ...asOf]), name).toEqual(
        await breakdown(current, 'ministry', pairs),
      );
      expect(await getOk(historical, withQuery('/api/v1/stats/burnup', [...pairs, ...asOf]), burnupResponse), name).toEqual(
        await getOk(current, withQuery('/api/v1/stats/burnup', pairs), burnupResponse),
      );
    }
    // The comparison is not vacuous: at that instant MOFA-0009 is stale (due 11-26T02:00Z).
    const all = await list(current, []);
    expect(codesOf(all.items.filter((i) => i.stale))).toEqual(['FSA-0010', 'MAFF-0006', 'MEXT-0002', 'MOD-0004', 'MOFA-0009']);
  });
});
