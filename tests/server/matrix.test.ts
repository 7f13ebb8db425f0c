import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixResponse } from '../../server/schemas/meeting-pack';
import type { MatrixResponse } from '../../server/schemas/meeting-pack';
import { heatmapResponse, measureListResponse, metaResponse, summaryResponse } from '../../server/schemas/responses';
import type { MeasureListItem, MeasureListResponse } from '../../server/schemas/responses';
import { getError, getOk, withQuery } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// GET /api/v1/stats/matrix (docs/product.md §4): coverage (field × instrument, field × pillar),
// field × ministry (the heat map's cells) and co-ownership (ministry × ministry), each cell checked
// against the measure list under the same filters plus the cell's row and column.

type Pairs = (readonly [string, string])[];

const PAIRS = [
  ['field', 'instrument'],
  ['field', 'pillar'],
  ['field', 'ministry'],
  ['ministry', 'ministry'],
] as const;

/** The list parameter that narrows to a cell's row or column (ministry columns of ministry rows: partner). */
const rowParameter = (rows: string): string => rows;
const colParameter = (rows: string, cols: string): string => (rows === 'ministry' && cols === 'ministry' ? 'partner' : cols);

/** The item's codes on an axis, as the matrix links them. */
function linksOf(item: MeasureListItem, axis: string): string[] {
  switch (axis) {
    case 'field':
      return item.fields;
    case 'instrument':
      return item.instruments;
    case 'pillar':
      return [item.pillar];
    default:
      return [item.leadMinistry, ...item.coMinistries];
  }
}

const COMBINATIONS: [string, Pairs][] = [
  ['no filter', []],
  ['status', [['status', 'in_progress']]],
  ['health', [['health', 'stale,off_track']]],
  ['q', [['q', '人材']]],
  ['asOf in the past', [['asOf', '2026-07-15']]],
  ['basis accepted', [['basis', 'accepted']]],
  [
    'basis verified with a past deadline',
    [
      ['basis', 'verified'],
      ['deadline', 'summer-2026'],
    ],
  ],
];

const listPairs = (pairs: Pairs): Pairs => pairs.filter(([k]) => k !== 'deadline');

describe.each(TEST_DIALECTS)('GET /stats/matrix on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const matrix = (rows: string, cols: string, pairs: Pairs = []): Promise<MatrixResponse> =>
    getOk(t, withQuery('/api/v1/stats/matrix', [['rows', rows], ['cols', cols], ...pairs]), matrixResponse);
  const list = (pairs: Pairs): Promise<MeasureListResponse> =>
    getOk(t, withQuery('/api/v1/measures', [...listPairs(pairs), ['pageSize', '500']]), measureListResponse);

  it.each(PAIRS)('%s × %s: every item of both axes in taxonomy order, cells by row then column', async (rows, cols) => {
    const [body, meta] = await Promise.all([matrix(rows, cols), getOk(t, '/api/v1/meta', metaResponse)]);
    const axis = { field: meta.fields, instrument: meta.instruments, pillar: meta.pillars, ministry: meta.ministries };
    expect(body.rowKind).toBe(rows);
    expect(body.colKind).toBe(cols);
    expect(body.rows).toEqual(axis[rows]);
    expect(body.cols).toEqual(axis[cols]);
    expect(body.deadline).toMatchObject({ code: 'summer-2027', date: '2027-06-30' });
    const rank = (c: { row: string; col: string }) =>
      body.rows.findIndex((r) => r.code === c.row) * 1000 + body.cols.findIndex((k) => k.code === c.col);
    const ranks = body.cells.map(rank);
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(body.cells.length).toBeGreaterThan(0);
  });

  it('field × ministry equals the heat map cells', async () => {
    for (const pairs of [[], [['asOf', '2026-07-15']], [['deadline', 'summer-2026']]] as Pairs[]) {
      const [body, heat] = await Promise.all([
        matrix('field', 'ministry', pairs),
        getOk(t, withQuery('/api/v1/stats/heatmap', pairs), heatmapResponse),
      ]);
      expect(body.cells).toEqual(heat.cells.map(({ field, ministry, ...rest }) => ({ row: field, col: ministry, ...rest })));
    }
  });

  it('ministry × ministry: the diagonal is every measure of the ministry, off it the measures both own, symmetric', async () => {
    const [body, l] = await Promise.all([matrix('ministry', 'ministry'), list([])]);
    const cell = (a: string, b: string) => body.cells.find((c) => c.row === a && c.col === b);
    for (const c of body.cells) {
      expect(cell(c.col, c.row)).toEqual({ ...c, row: c.col, col: c.row });
      const owners = (i: MeasureListItem) => linksOf(i, 'ministry');
      expect(c.total).toBe(l.items.filter((i) => owners(i).includes(c.row) && owners(i).includes(c.col)).length);
    }
    // The fixtures' hand-checked pair (tests/server/heatmap.test.ts): METI-0001 is led by meti and co-owned by mext.
    expect(cell('meti', 'mext')?.total).toBeGreaterThanOrEqual(1);
    expect(cell('meti', 'meti')?.total).toBe(l.items.filter((i) => linksOf(i, 'ministry').includes('meti')).length);
  });

  describe.each(COMBINATIONS)('cells agree with the list: %s', (_name, pairs) => {
    it.each(PAIRS)('%s × %s', async (rows, cols) => {
      const [body, l] = await Promise.all([matrix(rows, cols, pairs), list(pairs)]);
      // Independently from the list's items: the pairs each item belongs to.
      const expected = new Map<string, { total: number; behind: number }>();
      for (const item of l.items) {
        for (const r of new Set(linksOf(item, rows))) {
          for (const c of new Set(linksOf(item, cols))) {
            const e = expected.get(`${r}/${c}`) ?? { total: 0, behind: 0 };
            e.total += 1;
            if (item.health === 'off_track' || item.health === 'stale') e.behind += 1;
            expected.set(`${r}/${c}`, e);
          }
        }
      }
      const actual = new Map(body.cells.map((c) => [`${c.row}/${c.col}`, { total: c.total, behind: c.behind }]));
      expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
      expect(body.asOf).toBe(pairs.find(([k]) => k === 'asOf')?.[1] ?? '2026-11-26');
      expect(body.basis).toBe(pairs.find(([k]) => k === 'basis')?.[1] ?? 'reported');
      // docs/product.md §3 literally: the cell's link (its row's and column's filter added) lists its measures.
      for (const cell of body.cells) {
        const added: Pairs = [...pairs, [rowParameter(rows), cell.row], [colParameter(rows, cols), cell.col]];
        const [cellList, s] = await Promise.all([
          list(added),
          getOk(t, withQuery('/api/v1/stats/summary', added), summaryResponse),
        ]);
        const name = `${cell.row} × ${cell.col}`;
        expect(cellList.total, name).toBe(cell.total);
        expect(cellList.items.filter((i) => i.health === 'off_track' || i.health === 'stale').length, name).toBe(cell.behind);
        expect(cell.progress, name).toBeCloseTo(s.progress, 12);
      }
    });
  });

  it('asOf and basis change the cells as the list does', async () => {
    const [now, past] = await Promise.all([
      matrix('field', 'instrument'),
      matrix('field', 'instrument', [['asOf', '2026-07-15']]),
    ]);
    expect(past.asOf).toBe('2026-07-15');
    const sum = (b: MatrixResponse) => b.cells.reduce((a, c) => a + c.total, 0);
    // MAFF-0006 and DIGITAL-0012 do not exist yet on 2026-07-15 (tests/server/heatmap.test.ts).
    expect(sum(past)).toBeLessThan(sum(now));
    const verified = await matrix('field', 'pillar', [['basis', 'verified']]);
    expect(verified.basis).toBe('verified');
  });

  describe('partner (共管府省庁)', () => {
    it('on the list: ministry=a&partner=b is what a and b both own; partner alone what b owns', async () => {
      const [all, pair, alone] = await Promise.all([
        list([]),
        list([
          ['ministry', 'meti'],
          ['partner', 'mext'],
        ]),
        list([['partner', 'mic']]),
      ]);
      const owns = (i: MeasureListItem, m: string) => linksOf(i, 'ministry').includes(m);
      const codes = (r: MeasureListResponse) => r.items.map((i) => i.code).sort();
      expect(codes(pair)).toEqual(codes({ ...all, items: all.items.filter((i) => owns(i, 'meti') && owns(i, 'mext')) }));
      expect(pair.total).toBeGreaterThan(0);
      expect(codes(alone)).toEqual(codes({ ...all, items: all.items.filter((i) => owns(i, 'mic')) }));
    });

    it('on a statistic: the summary and the matrix narrow with it', async () => {
      const pairs: Pairs = [['partner', 'meti']];
      const [s, l, m] = await Promise.all([
        getOk(t, withQuery('/api/v1/stats/summary', pairs), summaryResponse),
        list(pairs),
        matrix('ministry', 'ministry', pairs),
      ]);
      expect(s.total).toBe(l.total);
      expect(m.cells.find((c) => c.row === 'meti' && c.col === 'meti')?.total).toBe(l.total);
    });

    it('an unknown partner is a 400 naming partner', async () => {
      const body = await getError(t, '/api/v1/measures?partner=nope', 400);
      expect(body.error.issues?.map((i) => i.path[0])).toContain('partner');
    });
  });

  describe('bad input', () => {
    const cases: [string, string][] = [
      ['rows=ministry&cols=instrument', 'cols'],
      ['rows=ministry&cols=pillar', 'cols'],
      ['rows=field&cols=field', 'cols'],
      ['rows=pillar&cols=field', 'rows'],
      ['cols=instrument', 'rows'],
      ['rows=field', 'cols'],
      ['rows=field&rows=field&cols=pillar', 'rows'],
      ['rows=field&cols=pillar&field=nope', 'field'],
      ['rows=field&cols=pillar&partner=nope', 'partner'],
      ['rows=field&cols=pillar&deadline=summer-2099', 'deadline'],
      ['rows=field&cols=pillar&asOf=2026-11-27', 'asOf'],
      ['rows=field&cols=pillar&sort=behind', 'sort'],
    ];
    it.each(cases)('%s → 400 naming %s', async (query, parameter) => {
      const body = await getError(t, `/api/v1/stats/matrix?${query}`, 400);
      expect(body.error.issues?.map((i) => i.path[0])).toContain(parameter);
      expect(body.error.message).toContain(parameter);
    });
  });
});
