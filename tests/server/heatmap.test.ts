import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  breakdownResponse,
  heatmapResponse,
  measureListResponse,
  metaResponse,
  summaryResponse,
} from '../../server/schemas/responses';
import type { HeatmapCell, HeatmapResponse, MeasureListResponse } from '../../server/schemas/responses';
import { getError, getOk, withQuery } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// GET /api/v1/stats/heatmap: the field × ministry heat map of the executive dashboard (docs/product.md §5).
// A measure counts in every (field, ministry) pair it belongs to: its fields × {lead, co-ministries}.
//
// Hand-computed cells, from tests/support/fixture-measures.ts (today 2026-11-26; default deadline
// summer-2027 = 2027-06-30; "behind" = effective health off_track or stale):
//
//   ai-semiconductors × meti: METI-0001 (lead meti) and MEXT-0002 (co meti); CAO-0003 is in the field
//     but not meti's → total 2. METI-0001 on_track, MEXT-0002 stale → behind 1.
//     Toward 2027-06-30: METI-0001 #1 2 done + #2 1 done + #3 3 open (#4 due 2027-09-30 is out) = 3/6;
//     MEXT-0002 #1 1 done + #2 1 open + #3 2 open (due on the deadline: in) = 1/4 → 4/10 = 0.4.
//   quantum × mext: METI-0001 (co mext), MEXT-0008 (lead mext) → total 2, both on_track → behind 0.
//     METI-0001 3/6 as above; MEXT-0008 #1 2 done + #2 2 done + #3 1 open (#4 due 2027-12-31 is out)
//     = 4/5 → 7/11.
//   digital-cyber × meti: of MEXT-0002, CAO-0003, FSA-0010, DIGITAL-0012, meti co-owns MEXT-0002 and
//     FSA-0010 → total 2, both stale → behind 2. MEXT-0002 1/4; FSA-0010 #1 2 open → 1/6.
//   digital-cyber × mic: CAO-0003 (co mic, off_track) and DIGITAL-0012 (co mic, on_track) → total 2,
//     behind 1. CAO-0003 #1 2 open + #2 2 open (due 2027-05-31) = 0/4; DIGITAL-0012 2/2 → 2/6 = 1/3.
//   digital-cyber × mod: DIGITAL-0012 only (co mod) → total 1, on_track → behind 0, progress 2/2 = 1.
//   defense × meti: MOD-0004 (co meti), stale → total 1, behind 1; #1 1 done + #2 1 open → 1/2.
//   drug-discovery × mhlw: MHLW-0005, completed long ago but never stale → behind 0, progress 2/2 = 1.
//   43 cells in all: Σ over measures of |fields| × |lead + co| =
//     2×2 + 2×3 + 3×3 + 1×2 + 1×1 + 1×2 + 2×3 + 2×2 + 2×3 + 1×3 + 1×3 + 1×3 = 49 pairs, of which six
//     cells hold two measures each (ai-semiconductors × mext, × meti; quantum × mext; digital-cyber ×
//     digital, × mic, × meti) and the rest one → 49 − 6 = 43 cells whose totals sum to 49.
//
// deadline=summer-2026 (2026-06-30):
//   quantum × mext: METI-0001 #1 2 done; MEXT-0008 #1 2 done → 4/4 = 1.
//   defense × mod: MOD-0004 #1 1 done, #2 1 open (due 06-30: in) → 1/2.
//   digital-cyber × mic: CAO-0003 #1 2 open; DIGITAL-0012's milestones are due after 06-30 → 0/2 = 0.
//
// asOf=2026-07-15 (state rebuilt from the log; MAFF-0006 and DIGITAL-0012 do not exist yet):
//   quantum × mext: METI-0001 stale (last 05-15), MEXT-0008 stale (last 05-01) → total 2, behind 2.
//     Done by 07-15: METI-0001 #1 2 of 6; MEXT-0008 #1 2 of 5 (its #2 was completed 10-30) → 4/11.
//   digital-cyber × mod (DIGITAL-0012) and foodtech × maff (MAFF-0006) are absent: no measure yet.
//   digital-cyber × meti: MEXT-0002 on_track (06-20), FSA-0010 at_risk (07-10) → total 2, behind 0.

type Pairs = (readonly [string, string])[];

const SPEC_FIELDS = [
  'ai-semiconductors',
  'shipbuilding',
  'quantum',
  'synbio',
  'aerospace',
  'digital-cyber',
  'content',
  'foodtech',
  'energy-gx',
  'resilience',
  'drug-discovery',
  'fusion',
  'materials',
  'port-logistics',
  'defense',
  'ict',
  'ocean',
];

/** Filter combinations for the consistency rules (the list takes them all but `deadline`). */
const COMBINATIONS: [string, Pairs][] = [
  ['no filter', []],
  ['status', [['status', 'in_progress']]],
  ['health', [['health', 'stale']]],
  ['pillar', [['pillar', 'cross-cutting']]],
  ['instrument', [['instrument', 'investment,talent']]],
  ['q', [['q', '人材']]],
  [
    'combined',
    [
      ['status', 'in_progress,completed'],
      ['health', 'on_track,off_track,stale'],
    ],
  ],
  ['deadline', [['deadline', 'summer-2026']]],
  ['asOf in the past', [['asOf', '2026-07-15']]],
  [
    'asOf in the past with a past deadline',
    [
      ['asOf', '2026-07-15'],
      ['deadline', 'summer-2026'],
      ['pillar', 'rnd-seeds,university-clusters'],
    ],
  ],
  ['asOf before any report', [['asOf', '2025-11-15']]],
  // With a field or ministry filter of its own, adding the cell's field and ministry would widen the
  // list (values of one parameter are ORed): only the item-level checks apply.
  ['field', [['field', 'quantum']]],
  ['ministry', [['ministry', 'meti,mic']]],
  [
    'field and ministry',
    [
      ['field', 'digital-cyber'],
      ['ministry', 'mic'],
    ],
  ],
];

const listPairs = (pairs: Pairs): Pairs => pairs.filter(([k]) => k !== 'deadline');
const cellKey = (field: string, ministry: string): string => `${field} × ${ministry}`;

describe.each(TEST_DIALECTS)('GET /stats/heatmap on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const heatmap = (pairs: Pairs = []): Promise<HeatmapResponse> =>
    getOk(t, withQuery('/api/v1/stats/heatmap', pairs), heatmapResponse);
  const list = (pairs: Pairs): Promise<MeasureListResponse> =>
    getOk(t, withQuery('/api/v1/measures', [...listPairs(pairs), ['pageSize', '500']]), measureListResponse);
  const cellOf = (body: HeatmapResponse, field: string, ministry: string): HeatmapCell | undefined =>
    body.cells.find((c) => c.field === field && c.ministry === ministry);

  describe('shape and hand-computed values', () => {
    it('answers the schema with the whole taxonomy as axes, the deadline in force and the as-of date', async () => {
      const [body, meta] = await Promise.all([heatmap(), getOk(t, '/api/v1/meta', metaResponse)]);
      expect(body.asOf).toBe('2026-11-26');
      expect(body.deadline).toEqual({
        code: 'summer-2027',
        nameJa: expect.any(String),
        nameEn: expect.any(String),
        date: '2027-06-30',
        daysLeft: 216,
      });
      expect(body.fields.map((f) => f.code)).toEqual(SPEC_FIELDS);
      expect(body.fields).toEqual(meta.fields);
      expect(body.ministries).toEqual(meta.ministries);
    });

    it('has the hand-computed cells', async () => {
      const body = await heatmap();
      expect(body.cells).toHaveLength(43);
      expect(body.cells.reduce((a, c) => a + c.total, 0)).toBe(49);
      expect(body.cells.filter((c) => c.total === 2).map((c) => cellKey(c.field, c.ministry))).toEqual([
        cellKey('ai-semiconductors', 'mext'),
        cellKey('ai-semiconductors', 'meti'),
        cellKey('quantum', 'mext'),
        cellKey('digital-cyber', 'digital'),
        cellKey('digital-cyber', 'mic'),
        cellKey('digital-cyber', 'meti'),
      ]);
      expect(cellOf(body, 'ai-semiconductors', 'meti')).toEqual({
        field: 'ai-semiconductors',
        ministry: 'meti',
        total: 2,
        behind: 1,
        progress: expect.closeTo(4 / 10, 12),
      });
      expect(cellOf(body, 'quantum', 'mext')).toEqual({
        field: 'quantum',
        ministry: 'mext',
        total: 2,
        behind: 0,
        progress: expect.closeTo(7 / 11, 12),
      });
      expect(cellOf(body, 'digital-cyber', 'meti')).toEqual({
        field: 'digital-cyber',
        ministry: 'meti',
        total: 2,
        behind: 2,
        progress: expect.closeTo(1 / 6, 12),
      });
      expect(cellOf(body, 'digital-cyber', 'mic')).toEqual({
        field: 'digital-cyber',
        ministry: 'mic',
        total: 2,
        behind: 1,
        progress: expect.closeTo(1 / 3, 12),
      });
      expect(cellOf(body, 'digital-cyber', 'mod')).toEqual({
        field: 'digital-cyber',
        ministry: 'mod',
        total: 1,
        behind: 0,
        progress: 1,
      });
      expect(cellOf(body, 'defense', 'meti')).toEqual({ field: 'defense', ministry: 'meti', total: 1, behind: 1, progress: 0.5 });
      expect(cellOf(body, 'drug-discovery', 'mhlw')).toEqual({
        field: 'drug-discovery',
        ministry: 'mhlw',
        total: 1,
        behind: 0,
        progress: 1,
      });
      // Empty pairs are left out: no measure is in quantum and led or co-owned by MOD.
      expect(cellOf(body, 'quantum', 'mod')).toBeUndefined();
      expect(body.cells.some((c) => c.field === 'content')).toBe(false);
    });

    it('returns cells by field, then ministry, in taxonomy order', async () => {
      const body = await heatmap();
      const rank = (c: HeatmapCell) =>
        body.fields.findIndex((f) => f.code === c.field) * 1000 + body.ministries.findIndex((m) => m.code === c.ministry);
      const ranks = body.cells.map(rank);
      expect(ranks.every((r) => r >= 0)).toBe(true);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(new Set(ranks).size).toBe(ranks.length);
    });

    it('measures progress toward the requested deadline', async () => {
      const body = await heatmap([['deadline', 'summer-2026']]);
      expect(body.deadline).toMatchObject({ code: 'summer-2026', date: '2026-06-30', daysLeft: -149 });
      expect(cellOf(body, 'quantum', 'mext')?.progress).toBe(1);
      expect(cellOf(body, 'defense', 'mod')?.progress).toBe(0.5);
      expect(cellOf(body, 'digital-cyber', 'mic')?.progress).toBe(0);
      // The deadline changes the progress, never the membership.
      expect(body.cells.map((c) => [c.field, c.ministry, c.total, c.behind])).toEqual(
        (await heatmap()).cells.map((c) => [c.field, c.ministry, c.total, c.behind]),
      );
    });

    it('rebuilds the cells as of a past date from the report log', async () => {
      const body = await heatmap([['asOf', '2026-07-15']]);
      expect(body.asOf).toBe('2026-07-15');
      expect(cellOf(body, 'quantum', 'mext')).toEqual({
        field: 'quantum',
        ministry: 'mext',
        total: 2,
        behind: 2,
        progress: expect.closeTo(4 / 11, 12),
      });
      expect(cellOf(body, 'digital-cyber', 'meti')).toMatchObject({ total: 2, behind: 0 });
      expect(cellOf(body, 'digital-cyber', 'mod')).toBeUndefined();
      expect(cellOf(body, 'foodtech', 'maff')).toBeUndefined();
    });

    it('a filter matching nothing gives no cells (and still the axes), not an error', async () => {
      const body = await heatmap([['q', 'no-such-measure-anywhere']]);
      expect(body.cells).toEqual([]);
      expect(body.fields).toHaveLength(17);
    });
  });

  describe.each(COMBINATIONS)('consistency: %s', (_name, pairs) => {
    it('cells are exactly the non-empty (field, ministry) pairs of the list items, with their totals and behind counts', async () => {
      const [l, body] = await Promise.all([list(pairs), heatmap(pairs)]);
      const expected = new Map<string, { total: number; behind: number }>();
      for (const item of l.items) {
        for (const field of item.fields) {
          for (const ministry of [item.leadMinistry, ...item.coMinistries]) {
            const e = expected.get(cellKey(field, ministry)) ?? { total: 0, behind: 0 };
            e.total += 1;
            if (item.health === 'off_track' || item.health === 'stale') e.behind += 1;
            expected.set(cellKey(field, ministry), e);
          }
        }
      }
      const actual = new Map(body.cells.map((c) => [cellKey(c.field, c.ministry), { total: c.total, behind: c.behind }]));
      expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    });

    it("each field row's cells sum to at least the by-field total (every measure has a lead ministry), and likewise per ministry column", async () => {
      const [body, byField, byMinistry] = await Promise.all([
        heatmap(pairs),
        getOk(t, withQuery('/api/v1/stats/by-field', pairs), breakdownResponse),
        getOk(t, withQuery('/api/v1/stats/by-ministry', pairs), breakdownResponse),
      ]);
      for (const row of byField.items) {
        const cells = body.cells.filter((c) => c.field === row.code);
        const sum = cells.reduce((a, c) => a + c.total, 0);
        expect(sum, row.code).toBeGreaterThanOrEqual(row.total);
        // A row has cells exactly when the field has measures, and no cell exceeds its row.
        expect(cells.length > 0, row.code).toBe(row.total > 0);
        for (const c of cells) expect(c.total, cellKey(c.field, c.ministry)).toBeLessThanOrEqual(row.total);
      }
      for (const column of byMinistry.items) {
        const cells = body.cells.filter((c) => c.ministry === column.code);
        expect(
          cells.reduce((a, c) => a + c.total, 0),
          column.code,
        ).toBeGreaterThanOrEqual(column.total);
        expect(cells.length > 0, column.code).toBe(column.total > 0);
      }
    });
  });

  // docs/product.md §3 literally, for the combinations without a field or ministry filter of their own.
  const addable = COMBINATIONS.filter(([, pairs]) => !pairs.some(([k]) => k === 'field' || k === 'ministry'));
  describe.each(addable)('cells as list filters: %s', (_name, pairs) => {
    it('each cell equals the list, and the summary, under the same filters plus field=<cell> and ministry=<cell>', async () => {
      const body = await heatmap(pairs);
      for (const cell of body.cells) {
        const added: Pairs = [...pairs, ['field', cell.field], ['ministry', cell.ministry]];
        const [l, s] = await Promise.all([list(added), getOk(t, withQuery('/api/v1/stats/summary', added), summaryResponse)]);
        const name = cellKey(cell.field, cell.ministry);
        expect(cell.total, name).toBe(l.total);
        expect(cell.total, name).toBe(s.total);
        expect(cell.behind, name).toBe(s.byHealth.off_track + s.byHealth.stale);
        // Progress toward the deadline over the same milestones as the summary's under those filters.
        expect(cell.progress, name).toBeCloseTo(s.progress, 12);
      }
    });
  });

  describe('bad input', () => {
    const cases: [string, string][] = [
      ['field=nope', 'field'],
      ['field=quantum,nope', 'field'],
      ['ministry=xyz', 'ministry'],
      ['status=stale', 'status'],
      ['health=green', 'health'],
      ['deadline=summer-2099', 'deadline'],
      ['asOf=2026-02-30', 'asOf'],
      ['asOf=2026-11-27', 'asOf'],
      ['sort=behind', 'sort'], // list-only parameters are unknown here, and named
      ['page=1', 'page'],
    ];
    it.each(cases)('%s → 400 naming %s', async (query, parameter) => {
      const body = await getError(t, `/api/v1/stats/heatmap?${query}`, 400);
      expect(body.error.issues?.map((i) => i.path[0])).toContain(parameter);
      expect(body.error.message).toContain(parameter);
    });
  });
});
