import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIsoDate } from '../../common/calendar';
import { SORT_KEYS } from '../../server/schemas/query';
import type { SortKey } from '../../server/schemas/query';
import {
  breakdownResponse,
  burnupResponse,
  healthResponse,
  measureDetailResponse,
  measureListResponse,
  metaResponse,
  summaryResponse,
} from '../../server/schemas/responses';
import type { BreakdownResponse, MeasureListItem, MeasureListResponse } from '../../server/schemas/responses';
import { codesOf, getError, getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// The API contract of docs/product.md §4 against the hand-computed fixture (tests/support/fixture-measures.ts,
// whose header comment derives every number asserted here). The vocabularies are spelled out
// instead of imported from common/taxonomy.ts so that the test holds the server to the product (docs/product.md §2).

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
const SPEC_MINISTRIES = [
  'cas',
  'cao',
  'digital',
  'mic',
  'mofa',
  'mof',
  'mext',
  'mhlw',
  'maff',
  'meti',
  'mlit',
  'env',
  'mod',
  'fsa',
];
const SPEC_PILLARS = [
  'startup-finance',
  'procurement-demand',
  'rnd-seeds',
  'university-clusters',
  'st-diplomacy',
  'cross-cutting',
];
const SPEC_INSTRUMENTS = [
  'investment',
  'global-expansion',
  'talent',
  'rnd',
  'industry-academia',
  'standardization',
  'procurement',
  'regulation',
];
const SPEC_STATUSES = ['not_started', 'planning', 'in_progress', 'completed', 'suspended'];

/** Every fixture code, in the default order (code ascending). */
const ALL_CODES = [
  'CAO-0003',
  'DIGITAL-0012',
  'ENV-0011',
  'FSA-0010',
  'MAFF-0006',
  'METI-0001',
  'MEXT-0002',
  'MEXT-0008',
  'MHLW-0005',
  'MLIT-0007',
  'MOD-0004',
  'MOFA-0009',
];

/** Per-measure state today, from the fixture's table. */
const TODAY: Record<string, { status: string; health: string; progress: number; milestones: [number, number, number] }> = {
  'METI-0001': { status: 'in_progress', health: 'on_track', progress: 3 / 8, milestones: [4, 2, 0] },
  'MEXT-0002': { status: 'in_progress', health: 'stale', progress: 1 / 4, milestones: [3, 1, 1] },
  'CAO-0003': { status: 'in_progress', health: 'off_track', progress: 0, milestones: [2, 0, 1] },
  'MOD-0004': { status: 'in_progress', health: 'stale', progress: 1 / 2, milestones: [2, 1, 1] },
  'MHLW-0005': { status: 'completed', health: 'on_track', progress: 1, milestones: [2, 2, 0] },
  'MAFF-0006': { status: 'not_started', health: 'stale', progress: 0, milestones: [1, 0, 0] },
  'MLIT-0007': { status: 'planning', health: 'at_risk', progress: 0, milestones: [2, 0, 0] },
  'MEXT-0008': { status: 'in_progress', health: 'on_track', progress: 4 / 10, milestones: [4, 2, 0] },
  'MOFA-0009': { status: 'in_progress', health: 'stale', progress: 1 / 2, milestones: [2, 1, 1] },
  'FSA-0010': { status: 'suspended', health: 'stale', progress: 0, milestones: [1, 0, 1] },
  'ENV-0011': { status: 'in_progress', health: 'at_risk', progress: 1 / 4, milestones: [3, 1, 0] },
  'DIGITAL-0012': { status: 'completed', health: 'on_track', progress: 1, milestones: [2, 2, 0] },
};

const ZERO_STATUS = { not_started: 0, planning: 0, in_progress: 0, completed: 0, suspended: 0 };
const ZERO_HEALTH = { on_track: 0, at_risk: 0, off_track: 0, stale: 0 };

// Ordering the server documents for its sort keys: lifecycle order for status, worst first for health.
const STATUS_RANK: Record<string, number> = { not_started: 0, planning: 1, in_progress: 2, completed: 3, suspended: 4 };
const HEALTH_RANK: Record<string, number> = { off_track: 0, at_risk: 1, stale: 2, on_track: 3 };
// Most behind first: off track, stale, at risk, on track (ties: more overdue, then less progress).
const BEHIND_RANK: Record<string, number> = { off_track: 0, stale: 1, at_risk: 2, on_track: 3 };

describe.each(TEST_DIALECTS)('API contract on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const list = (query = ''): Promise<MeasureListResponse> => getOk(t, `/api/v1/measures${query}`, measureListResponse);
  /** Codes of every match (one page big enough for the fixture), in the default order. */
  const listCodes = async (query: string): Promise<string[]> =>
    codesOf((await list(`${query}${query.includes('?') ? '&' : '?'}pageSize=500`)).items);

  describe('health and meta', () => {
    it('health answers ok and names the dialect', async () => {
      const body = await getOk(t, '/api/v1/health', healthResponse);
      expect(body).toEqual({ status: 'ok', database: dialect });
    });

    it('meta lists the product vocabularies, the deadlines with dates and the default deadline', async () => {
      const meta = await getOk(t, '/api/v1/meta', metaResponse);
      expect(meta.fields.map((f) => f.code)).toEqual(SPEC_FIELDS);
      expect(meta.ministries.length).toBeGreaterThanOrEqual(14);
      expect(meta.ministries.map((m) => m.code)).toEqual(expect.arrayContaining(SPEC_MINISTRIES));
      expect(meta.pillars.map((p) => p.code)).toEqual(SPEC_PILLARS);
      expect(meta.instruments.map((i) => i.code)).toEqual(SPEC_INSTRUMENTS);
      expect(meta.statuses.map((s) => s.code)).toEqual(SPEC_STATUSES);
      expect(meta.healths.map((h) => h.code)).toEqual(expect.arrayContaining(['on_track', 'at_risk', 'off_track', 'stale']));
      for (const item of [
        ...meta.fields,
        ...meta.ministries,
        ...meta.pillars,
        ...meta.instruments,
        ...meta.statuses,
        ...meta.healths,
      ]) {
        expect(item.nameJa, item.code).not.toBe('');
        expect(item.nameEn, item.code).not.toBe('');
      }
      expect(meta.deadlines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'summer-2026', date: '2026-06-30' }),
          expect.objectContaining({ code: 'summer-2027', date: '2027-06-30' }),
        ]),
      );
      for (const d of meta.deadlines) expect(isIsoDate(d.date), d.code).toBe(true);
      // 2026-06-30 has passed on 2026-11-26, so the next upcoming deadline is summer 2027.
      expect(meta.defaultDeadline).toBe('summer-2027');
      expect(meta.today).toBe('2026-11-26');
    });
  });

  describe('GET /measures', () => {
    it('answers the contract shape, sorted by code, with the default page', async () => {
      const body = await list();
      expect(body.total).toBe(12);
      expect(body.page).toBe(1);
      expect(body.pageSize).toBeGreaterThanOrEqual(12);
      expect(body.asOf).toBe('2026-11-26');
      expect(codesOf(body.items)).toEqual(ALL_CODES);
    });

    it('gives every item its hand-computed status, health, progress and milestone counts', async () => {
      const { items } = await list('?pageSize=500');
      for (const item of items) {
        const expected = TODAY[item.code];
        if (!expected) throw new Error(`unexpected measure ${item.code}`);
        expect({ code: item.code, status: item.status, health: item.health, stale: item.stale }).toEqual({
          code: item.code,
          status: expected.status,
          health: expected.health,
          stale: expected.health === 'stale',
        });
        expect(item.progress, item.code).toBeCloseTo(expected.progress, 12);
        expect([item.milestones.total, item.milestones.done, item.milestones.overdue], item.code).toEqual(expected.milestones);
      }
      const meti = items.find((i) => i.code === 'METI-0001');
      expect(meti).toMatchObject({
        titleJa: '量子コンピュータ産業化ロードマップ',
        titleEn: 'Quantum computing industrialisation roadmap',
        leadMinistry: 'meti',
        coMinistries: ['mext'],
        fields: ['quantum', 'ai-semiconductors'],
        primaryField: 'quantum',
        pillar: 'rnd-seeds',
        targetDate: '2027-09-30',
        updatedAt: '2026-11-10T01:00:00.000Z',
      });
      // Stale by one hour: last report 2026-10-27T02:00Z + 30 days < 2026-11-26T03:00Z.
      expect(items.find((i) => i.code === 'MOFA-0009')).toMatchObject({ health: 'stale', reportedHealth: 'on_track' });
      // A completed measure never goes stale, however old its last report.
      expect(items.find((i) => i.code === 'MHLW-0005')).toMatchObject({ health: 'on_track', stale: false });
      expect(items.find((i) => i.code === 'MAFF-0006')).toMatchObject({
        reportedHealth: null,
        lastReportedAt: null,
        targetDate: null,
      });
    });

    const singleFilters: [string, string[]][] = [
      ['field=quantum', ['METI-0001', 'MEXT-0008']],
      ['field=digital-cyber', ['CAO-0003', 'DIGITAL-0012', 'FSA-0010', 'MEXT-0002']],
      ['field=content', []],
      ['ministry=mic', ['CAO-0003', 'DIGITAL-0012', 'MLIT-0007']],
      ['status=in_progress', ['CAO-0003', 'ENV-0011', 'METI-0001', 'MEXT-0002', 'MEXT-0008', 'MOD-0004', 'MOFA-0009']],
      ['status=completed', ['DIGITAL-0012', 'MHLW-0005']],
      ['health=stale', ['FSA-0010', 'MAFF-0006', 'MEXT-0002', 'MOD-0004', 'MOFA-0009']],
      ['health=at_risk', ['ENV-0011', 'MLIT-0007']],
      ['pillar=cross-cutting', ['CAO-0003', 'DIGITAL-0012', 'ENV-0011']],
      ['pillar=startup-finance', ['FSA-0010', 'MHLW-0005']],
      ['instrument=investment', ['ENV-0011', 'FSA-0010', 'MHLW-0005', 'MLIT-0007']],
      ['instrument=talent', ['DIGITAL-0012', 'MEXT-0002', 'MEXT-0008']],
    ];
    it.each(singleFilters)('filters alone: %s', async (query, expected) => {
      expect(await listCodes(`?${query}`)).toEqual(expected);
      expect((await list(`?${query}`)).total).toBe(expected.length);
    });

    const multiValued: [string, string, string, string[]][] = [
      ['field', 'quantum', 'ict', ['CAO-0003', 'METI-0001', 'MEXT-0008']],
      ['ministry', 'fsa', 'cas', ['FSA-0010', 'MOFA-0009']],
      ['status', 'completed', 'suspended', ['DIGITAL-0012', 'FSA-0010', 'MHLW-0005']],
      ['health', 'off_track', 'at_risk', ['CAO-0003', 'ENV-0011', 'MLIT-0007']],
      ['pillar', 'st-diplomacy', 'rnd-seeds', ['MAFF-0006', 'METI-0001', 'MOFA-0009']],
      ['instrument', 'procurement', 'industry-academia', ['METI-0001', 'MOD-0004']],
    ];
    it.each(multiValued)('%s: repeated and comma-separated forms give the same union', async (name, a, b, expected) => {
      const repeated = await listCodes(`?${name}=${a}&${name}=${b}`);
      const comma = await listCodes(`?${name}=${a},${b}`);
      const mixed = await listCodes(`?${name}=${a},${b}&${name}=${a}`);
      expect(repeated).toEqual(expected);
      expect(comma).toEqual(expected);
      expect(mixed).toEqual(expected);
    });

    it('combines different filters with AND', async () => {
      expect(await listCodes('?ministry=meti&status=in_progress')).toEqual(['ENV-0011', 'METI-0001', 'MEXT-0002', 'MOD-0004']);
      expect(await listCodes('?field=ai-semiconductors&health=stale')).toEqual(['MEXT-0002']);
      expect(await listCodes('?field=digital-cyber,quantum&ministry=mic&status=completed,in_progress')).toEqual([
        'CAO-0003',
        'DIGITAL-0012',
      ]);
      expect(await listCodes('?pillar=cross-cutting&instrument=investment&health=at_risk')).toEqual(['ENV-0011']);
      expect(await listCodes('?q=人材&ministry=digital')).toEqual(['DIGITAL-0012']);
      expect(await listCodes('?field=defense&status=completed')).toEqual([]);
    });

    it('ministry matches the lead or any co-owning ministry', async () => {
      const { items } = await list('?ministry=meti&pageSize=500');
      expect(codesOf(items)).toEqual(['ENV-0011', 'FSA-0010', 'METI-0001', 'MEXT-0002', 'MOD-0004']);
      for (const item of items) expect([item.leadMinistry, ...item.coMinistries]).toContain('meti');
      // Only METI-0001 is led by METI; the other four are found through their co-owners.
      expect(items.filter((i) => i.leadMinistry === 'meti').map((i) => i.code)).toEqual(['METI-0001']);
    });

    describe('text search (q)', () => {
      it('finds a two-character Japanese substring of a title', async () => {
        expect(await listCodes(`?q=${encodeURIComponent('量子')}`)).toEqual(['METI-0001']);
        expect(await listCodes(`?q=${encodeURIComponent('人材')}`)).toEqual(['DIGITAL-0012', 'MEXT-0002']);
        expect(await listCodes(`?q=${encodeURIComponent('改革')}`)).toEqual(['FSA-0010', 'MOD-0004']);
      });

      it('matches English case-insensitively', async () => {
        for (const q of ['quantum', 'QUANTUM', 'Quantum', 'qUaNtUm'])
          expect(await listCodes(`?q=${q}`), q).toEqual(['METI-0001']);
      });

      it('folds full-width ＡＩ and half-width ai together (NFKC)', async () => {
        // MEXT-0002 has "ai" only in its full-width title ＡＩ人材育成プログラム.
        const expected = ['CAO-0003', 'MEXT-0002'];
        for (const q of ['ai', 'AI', 'ＡＩ', 'ａｉ']) expect(await listCodes(`?q=${encodeURIComponent(q)}`), q).toEqual(expected);
      });

      it('requires every whitespace-separated term to match', async () => {
        expect(await listCodes(`?q=${encodeURIComponent('startup reform')}`)).toEqual(['FSA-0010']);
        expect(await listCodes(`?q=${encodeURIComponent('スタートアップ　改革')}`)).toEqual(['FSA-0010']);
      });

      it('searches the measure code too', async () => {
        expect(await listCodes('?q=mext-')).toEqual(['MEXT-0002', 'MEXT-0008']);
      });
    });

    describe('sorting', () => {
      let ministryOrder: string[] = [];
      beforeAll(async () => {
        ministryOrder = (await getOk(t, '/api/v1/meta', metaResponse)).ministries.map((m) => m.code);
      });

      function sortValue(key: SortKey, item: MeasureListItem): string | number {
        switch (key) {
          case 'code':
            return item.code;
          case 'title':
            return item.titleEn; // asked for with lang=en: twelve distinct initials, the same in every collation
          case 'status':
            return STATUS_RANK[item.status] ?? 99;
          case 'health':
            return HEALTH_RANK[item.health] ?? 99;
          case 'progress':
            return item.progress;
          case 'targetDate':
            return item.targetDate ?? '9999-12-31'; // measures without a target date sort last
          case 'updatedAt':
            return item.updatedAt;
          case 'ministry':
            return ministryOrder.indexOf(item.leadMinistry);
          case 'behind': {
            // Health rank, then overdue milestones most first, then progress lowest first, as one
            // fixed-width string that compares like the tuple (the fixture has at most 2 overdue).
            const overdueFirst = String(99 - item.milestones.overdue).padStart(2, '0');
            return `${BEHIND_RANK[item.health] ?? 9}:${overdueFirst}:${item.progress.toFixed(12)}`;
          }
        }
      }

      // The past as-of date checks that the SQL ordering uses the same as-of state as the values shown.
      const sortCases = SORT_KEYS.flatMap((key): [SortKey, string][] => [
        [key, ''],
        [key, '&asOf=2026-07-15'],
      ]);
      it.each(sortCases)(
        'sort=%s%s orders ascending with code as tie-break; the descending sort is its exact reverse',
        async (key, asOf) => {
          const lang = key === 'title' ? '&lang=en' : '';
          const asc = (await list(`?sort=${key}${lang}${asOf}&pageSize=500`)).items;
          const desc = (await list(`?sort=-${key}${lang}${asOf}&pageSize=500`)).items;
          expect(asc).toHaveLength(asOf ? 10 : 12);
          for (let i = 1; i < asc.length; i++) {
            const a = asc[i - 1];
            const b = asc[i];
            if (!a || !b) throw new Error('missing item');
            const [va, vb] = [sortValue(key, a), sortValue(key, b)];
            const ordered = va < vb || (va === vb && a.code < b.code);
            expect(ordered, `${key}: ${a.code} (${va}) before ${b.code} (${vb})`).toBe(true);
          }
          expect(codesOf(desc)).toEqual(codesOf(asc).reverse());
        },
      );

      it('sort=progress puts the hand-computed values in order', async () => {
        expect(codesOf((await list('?sort=progress&pageSize=500')).items)).toEqual([
          'CAO-0003',
          'FSA-0010',
          'MAFF-0006',
          'MLIT-0007', // 0
          'ENV-0011',
          'MEXT-0002', // 0.25
          'METI-0001', // 0.375
          'MEXT-0008', // 0.4
          'MOD-0004',
          'MOFA-0009', // 0.5
          'DIGITAL-0012',
          'MHLW-0005', // 1
        ]);
      });

      it('sort=title in Japanese (the default language) is a total order reversed by -title', async () => {
        const asc = codesOf((await list('?sort=title&pageSize=500')).items);
        const ja = codesOf((await list('?sort=title&lang=ja&pageSize=500')).items);
        const desc = codesOf((await list('?sort=-title&pageSize=500')).items);
        expect(ja).toEqual(asc);
        expect([...asc].sort()).toEqual(ALL_CODES);
        expect(desc).toEqual([...asc].reverse());
      });
    });

    describe('paging', () => {
      it('page 2 continues page 1 and the total does not depend on the page', async () => {
        const all = codesOf((await list('?sort=-progress&pageSize=500')).items);
        const pages = await Promise.all([1, 2, 3, 4].map((page) => list(`?sort=-progress&pageSize=5&page=${page}`)));
        for (const [i, p] of pages.entries()) {
          expect(p.total, `page ${i + 1}`).toBe(12);
          expect(p.page).toBe(i + 1);
          expect(p.pageSize).toBe(5);
        }
        expect(pages.map((p) => p.items.length)).toEqual([5, 5, 2, 0]);
        expect(pages.flatMap((p) => codesOf(p.items))).toEqual(all);
      });

      it('pages a filtered list with the filtered total', async () => {
        const first = await list('?health=stale&pageSize=2');
        const second = await list('?health=stale&pageSize=2&page=2');
        const third = await list('?health=stale&pageSize=2&page=3');
        expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
        expect([...codesOf(first.items), ...codesOf(second.items), ...codesOf(third.items)]).toEqual([
          'FSA-0010',
          'MAFF-0006',
          'MEXT-0002',
          'MOD-0004',
          'MOFA-0009',
        ]);
      });
    });
  });

  describe('GET /measures/:code', () => {
    it('returns the measure with its milestones and its reports newest first', async () => {
      const m = await getOk(t, '/api/v1/measures/METI-0001', measureDetailResponse);
      expect(m).toMatchObject({
        code: 'METI-0001',
        leadMinistry: 'meti',
        coMinistries: ['mext'],
        status: 'in_progress',
        health: 'on_track',
        reportedHealth: 'on_track',
        stale: false,
        milestones: { total: 4, done: 2, overdue: 0 },
        lastReportedAt: '2026-11-10T01:00:00.000Z',
        reportDueAt: '2026-12-10T01:00:00.000Z',
        reportingCycleDays: 30,
        createdAt: '2026-01-10T00:00:00.000Z',
      });
      expect(m.progress).toBeCloseTo(3 / 8, 12);
      expect(m.milestoneList.map((ms) => [ms.dueDate, ms.weight, ms.completedDate, ms.slipDays, ms.overdue])).toEqual([
        ['2026-04-30', 2, '2026-05-15', 0, false],
        ['2026-10-31', 1, '2026-11-10', 31, false],
        ['2027-03-31', 3, null, 0, false],
        ['2027-09-30', 2, null, 0, false],
      ]);
      expect(m.reports.map((r) => [r.reportedAt, r.status, r.health])).toEqual([
        ['2026-11-10T01:00:00.000Z', 'in_progress', 'on_track'],
        ['2026-05-15T01:00:00.000Z', 'in_progress', 'on_track'],
        ['2026-02-01T01:00:00.000Z', 'planning', 'on_track'],
      ]);
      // Each report names the milestones it completed, by the ids of milestoneList.
      const [second, first] = [m.milestoneList[1], m.milestoneList[0]];
      expect(m.reports.map((r) => r.milestonesCompleted)).toEqual([
        [{ milestoneId: second?.id, completedDate: '2026-11-10' }],
        [{ milestoneId: first?.id, completedDate: '2026-05-15' }],
        [],
      ]);
    });

    it('shows a stale measure as stale with its last reported health and its overdue milestones', async () => {
      const m = await getOk(t, '/api/v1/measures/MEXT-0002', measureDetailResponse);
      expect(m).toMatchObject({
        health: 'stale',
        reportedHealth: 'at_risk',
        stale: true,
        milestones: { total: 3, done: 1, overdue: 1 },
      });
      expect(m.milestoneList.map((ms) => ms.overdue)).toEqual([false, true, false]);
    });

    it('shows a never-reported measure with an empty history', async () => {
      const m = await getOk(t, '/api/v1/measures/MAFF-0006', measureDetailResponse);
      expect(m).toMatchObject({
        status: 'not_started',
        health: 'stale',
        reportedHealth: null,
        lastReportedAt: null,
        reports: [],
      });
    });

    it('answers 404 with a JSON error for an unknown but well-formed code', async () => {
      const body = await getError(t, '/api/v1/measures/METI-9999', 404);
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain('METI-9999');
    });
  });

  describe('GET /stats', () => {
    it('summary has the hand-computed totals, milestones, deadline, progress and forecast', async () => {
      const s = await getOk(t, '/api/v1/stats/summary', summaryResponse);
      expect(s.asOf).toBe('2026-11-26');
      expect(s.total).toBe(12);
      expect(s.byStatus).toEqual({ not_started: 1, planning: 1, in_progress: 7, completed: 2, suspended: 1 });
      expect(s.byHealth).toEqual({ on_track: 4, at_risk: 2, off_track: 1, stale: 5 });
      expect(s.stale).toBe(5);
      expect(s.milestones).toEqual({ total: 28, done: 12, overdue: 5 });
      expect(s.deadline).toMatchObject({ code: 'summer-2027', date: '2027-06-30', daysLeft: 216 });
      expect(s.progress).toBeCloseTo(15 / 38, 12);
      expect(s.overallProgress).toBeCloseTo(1 / 3, 12);
      expect(s.forecast.projectedProgress).toBeCloseTo(27 / 38, 12);
      expect(s.forecast.projectedCompletionDate).toBe('2028-01-14');
      expect(s.forecast.ratePerDay).toBeCloseTo(5 / 90, 12);
      expect(s.forecast.method.trim()).not.toBe('');
      expect(s.forecast.methodJa.trim()).not.toBe('');
    });

    it('by-field has one row per field with hand-computed counts and progress', async () => {
      const body = await getOk(t, '/api/v1/stats/by-field', breakdownResponse);
      expect(body.items.map((r) => r.code)).toEqual(SPEC_FIELDS);
      expect(totalsByCode(body)).toEqual({
        'ai-semiconductors': 3,
        shipbuilding: 1,
        quantum: 2,
        synbio: 0,
        aerospace: 1,
        'digital-cyber': 4,
        content: 0,
        foodtech: 1,
        'energy-gx': 1,
        resilience: 0,
        'drug-discovery': 1,
        fusion: 1,
        materials: 0,
        'port-logistics': 1,
        defense: 1,
        ict: 1,
        ocean: 1,
      });
      const ai = body.items.find((r) => r.code === 'ai-semiconductors');
      expect(ai).toMatchObject({
        nameJa: 'AI・半導体',
        nameEn: 'AI & Semiconductors',
        byStatus: { ...ZERO_STATUS, in_progress: 3 },
        byHealth: { ...ZERO_HEALTH, on_track: 1, off_track: 1, stale: 1 },
      });
      expect(ai?.progress).toBeCloseTo(4 / 14, 12);
      const quantum = body.items.find((r) => r.code === 'quantum');
      expect(quantum).toMatchObject({ byStatus: { ...ZERO_STATUS, in_progress: 2 }, byHealth: { ...ZERO_HEALTH, on_track: 2 } });
      // An empty field is a row of zeros, not a missing row or an error.
      expect(body.items.find((r) => r.code === 'content')).toMatchObject({
        total: 0,
        byStatus: ZERO_STATUS,
        byHealth: ZERO_HEALTH,
        progress: 0,
      });
    });

    it('by-ministry counts a measure under its lead and every co-owner', async () => {
      const body = await getOk(t, '/api/v1/stats/by-ministry', breakdownResponse);
      expect(body.items.map((r) => r.code)).toEqual(expect.arrayContaining(SPEC_MINISTRIES));
      expect(totalsByCode(body)).toMatchObject({
        cas: 1,
        cao: 2,
        digital: 2,
        mic: 3,
        mofa: 1,
        mof: 2,
        mext: 4,
        mhlw: 2,
        maff: 1,
        meti: 5,
        mlit: 1,
        env: 2,
        mod: 3,
        fsa: 1,
      });
      const meti = body.items.find((r) => r.code === 'meti');
      expect(meti).toMatchObject({
        total: 5,
        byStatus: { ...ZERO_STATUS, in_progress: 4, suspended: 1 },
        byHealth: { ...ZERO_HEALTH, on_track: 1, at_risk: 1, stale: 3 },
      });
      expect(meti?.progress).toBeCloseTo(6 / 18, 12);
    });

    it('burnup runs weekly to the deadline with planned, completed, ideal and forecast', async () => {
      const b = await getOk(t, '/api/v1/stats/burnup', burnupResponse);
      expect(b.deadline).toMatchObject({ code: 'summer-2027', date: '2027-06-30', daysLeft: 216 });
      expect(b.interval).toBe('week');
      expect(b.totalWeight).toBe(38);
      const dates = b.points.map((p) => p.date);
      expect(dates).toEqual([...new Set(dates)].sort());
      expect(dates[0]).toBe('2026-01-31');
      expect(dates.at(-1)).toBe('2027-06-30');
      for (const p of b.points) {
        expect(p.completed === null, p.date).toBe(p.date > '2026-11-26');
        expect(p.forecast !== undefined, p.date).toBe(p.date >= '2026-11-26');
      }
      const first = b.points[0];
      expect(first).toMatchObject({ ideal: 0 });
      const today = b.points.find((p) => p.date === '2026-11-26');
      expect(today?.planned).toBeCloseTo(21 / 38, 12);
      expect(today?.completed).toBeCloseTo(15 / 38, 12);
      expect(today?.forecast).toBeCloseTo(15 / 38, 12);
      const end = b.points.at(-1);
      expect(end).toMatchObject({ planned: 1, ideal: 1, completed: null });
      expect(end?.forecast).toBeCloseTo(27 / 38, 12);
      expect(b.forecast.projectedProgress).toBeCloseTo(27 / 38, 12);
    });

    it('deadline=summer-2026 measures against a past deadline', async () => {
      const s = await getOk(t, '/api/v1/stats/summary?deadline=summer-2026', summaryResponse);
      expect(s.deadline).toMatchObject({ code: 'summer-2026', date: '2026-06-30', daysLeft: -149 });
      expect(s.total).toBe(12);
      expect(s.progress).toBeCloseTo(10 / 13, 12);
      expect(s.forecast.projectedProgress).toBeCloseTo(10 / 13, 12);
      expect(s.forecast.projectedCompletionDate).toBeNull();
      expect(s.forecast.method.trim()).not.toBe('');

      const b = await getOk(t, '/api/v1/stats/burnup?deadline=summer-2026', burnupResponse);
      expect(b.interval).toBe('day');
      expect(b.totalWeight).toBe(13);
      expect(b.points).toHaveLength(300);
      expect(b.points.find((p) => p.date === '2026-06-30')).toMatchObject({ ideal: 1, planned: 1 });
      expect(b.points.at(-1)?.date).toBe('2026-11-26');
      expect(b.points.at(-1)?.completed).toBeCloseTo(10 / 13, 12);

      const byField = await getOk(t, '/api/v1/stats/by-field?deadline=summer-2026', breakdownResponse);
      expect(byField.deadline.code).toBe('summer-2026');
      // ai-semiconductors toward summer 2026: METI-0001 #1 (2, done), MEXT-0002 #1 (1, done), CAO-0003 #1 (2) → 3/5.
      expect(byField.items.find((r) => r.code === 'ai-semiconductors')?.progress).toBeCloseTo(3 / 5, 12);
    });
  });

  describe('asOf (time travel)', () => {
    it('before any report, every measure that existed is not started and stale', async () => {
      const l = await list('?asOf=2025-11-15');
      expect(l.asOf).toBe('2025-11-15');
      expect(codesOf(l.items)).toEqual(['MEXT-0008', 'MHLW-0005']);
      for (const item of l.items) {
        expect(item).toMatchObject({ status: 'not_started', health: 'stale', reportedHealth: null, stale: true, progress: 0 });
      }
      const s = await getOk(t, '/api/v1/stats/summary?asOf=2025-11-15', summaryResponse);
      expect(s).toMatchObject({
        asOf: '2025-11-15',
        total: 2,
        byStatus: { ...ZERO_STATUS, not_started: 2 },
        byHealth: { ...ZERO_HEALTH, stale: 2 },
        stale: 2,
        milestones: { total: 6, done: 0, overdue: 0 },
        progress: 0,
      });
      // The deadline in force is the next one after the as-of date, not after today.
      expect(s.deadline).toMatchObject({ code: 'roadmap-2026', date: '2026-04-30', daysLeft: 166 });
    });

    it('mid-2026 rebuilds each state from the report log and leaves out measures created later', async () => {
      const l = await list('?asOf=2026-07-15&pageSize=500');
      expect(l.total).toBe(10);
      const state = Object.fromEntries(l.items.map((i) => [i.code, `${i.status}/${i.health}`]));
      expect(state).toEqual({
        'METI-0001': 'in_progress/stale',
        'MEXT-0002': 'in_progress/on_track',
        'CAO-0003': 'planning/stale',
        'MOD-0004': 'in_progress/stale',
        'MHLW-0005': 'completed/on_track',
        'MLIT-0007': 'planning/stale',
        'MEXT-0008': 'in_progress/stale',
        'MOFA-0009': 'in_progress/on_track',
        'FSA-0010': 'suspended/at_risk',
        'ENV-0011': 'in_progress/on_track',
      });
      // MEXT-0008's second milestone was completed on 10-30, after the as-of date.
      expect(l.items.find((i) => i.code === 'MEXT-0008')?.progress).toBeCloseTo(2 / 10, 12);
      expect(l.items.find((i) => i.code === 'MEXT-0008')?.milestones).toEqual({ total: 4, done: 1, overdue: 0 });

      const s = await getOk(t, '/api/v1/stats/summary?asOf=2026-07-15', summaryResponse);
      expect(s).toMatchObject({
        asOf: '2026-07-15',
        total: 10,
        byStatus: { ...ZERO_STATUS, planning: 2, in_progress: 6, completed: 1, suspended: 1 },
        byHealth: { ...ZERO_HEALTH, on_track: 4, at_risk: 1, stale: 5 },
        stale: 5,
        milestones: { total: 25, done: 8, overdue: 2 },
      });
      expect(s.deadline).toMatchObject({ code: 'summer-2027', daysLeft: 350 });
      expect(s.progress).toBeCloseTo(10 / 35, 12);

      const byField = await getOk(t, '/api/v1/stats/by-field?asOf=2026-07-15', breakdownResponse);
      // DIGITAL-0012 (created 2026-08-15) is not yet in digital-cyber.
      expect(byField.items.find((r) => r.code === 'digital-cyber')?.total).toBe(3);
      expect(byField.items.find((r) => r.code === 'foodtech')?.total).toBe(0);
    });

    it('filters act on the state as of the date', async () => {
      expect(await listCodes('?asOf=2026-07-15&health=at_risk')).toEqual(['FSA-0010']);
      expect(await listCodes('?asOf=2026-07-15&status=planning')).toEqual(['CAO-0003', 'MLIT-0007']);
      expect(await listCodes('?asOf=2026-07-15&status=completed')).toEqual(['MHLW-0005']);
    });

    // Regression: the list rebuilt status and health as of the date but showed today's
    // lastReportedAt and updatedAt, i.e. reports that did not exist yet on the as-of date.
    it('shows no report from after the as-of date in a past list (lastReportedAt)', async () => {
      const l = await list('?asOf=2026-07-15&pageSize=500');
      const endOfAsOf = '2026-07-15T14:59:59.999Z';
      for (const item of l.items) {
        if (item.lastReportedAt !== null)
          expect(item.lastReportedAt <= endOfAsOf, `${item.code} ${item.lastReportedAt}`).toBe(true);
        expect(item.updatedAt <= endOfAsOf, `${item.code} updatedAt ${item.updatedAt}`).toBe(true);
      }
      expect(l.items.find((i) => i.code === 'METI-0001')?.lastReportedAt).toBe('2026-05-15T01:00:00.000Z');
    });
  });
});

function totalsByCode(body: BreakdownResponse): Record<string, number> {
  return Object.fromEntries(body.items.map((r) => [r.code, r.total]));
}
