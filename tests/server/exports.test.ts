import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS, HEALTH_CODES, INSTRUMENTS, MINISTRIES, PILLARS, STATUS_CODES } from '../../common/taxonomy';
import { createApp } from '../../server/app';
import { DEFAULT_AUTH_CONFIG } from '../../server/config';
import { createTaxonomyCache } from '../../server/repositories/taxonomy-repository';
import { SORT_KEYS } from '../../server/schemas/query';
import { exportView } from '../../server/services/export-service';
import type { ExportSelection } from '../../server/services/export-service';
import { generateSyntheticMeasures } from '../../seeds/synthetic/generate-synthetic';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestUser, signIn } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// The exports answer the rows their views show (docs/product.md §4): the same measures in the same
// order as the list, all of them; the same figures as the statistics; refusals like the API's.

const EXPORT = '/api/v1/exports';

/** A small seeded PRNG (mulberry32), so that the random filter sets are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function someOf<T>(random: () => number, items: readonly T[], chance: number): T[] {
  if (random() > chance) return [];
  return items.filter(() => random() < 0.25);
}

/** A random query of the explorer: some filters, sometimes a search, a past day, any sort. */
function randomQuery(random: () => number): URLSearchParams {
  const params = new URLSearchParams();
  const lists: [string, readonly string[]][] = [
    ['field', FIELDS.map((f) => f.code)],
    ['ministry', MINISTRIES.map((m) => m.code)],
    ['status', STATUS_CODES],
    ['health', HEALTH_CODES],
    ['pillar', PILLARS.map((p) => p.code)],
    ['instrument', INSTRUMENTS.map((i) => i.code)],
  ];
  for (const [name, codes] of lists) for (const code of someOf(random, codes, 0.35)) params.append(name, code);
  if (random() < 0.2) params.set('q', ['量子', 'AI', '支援', 'platform'][Math.floor(random() * 4)] ?? '');
  if (random() < 0.3) params.set('asOf', ['2026-07-15', '2026-03-31', '2025-12-31'][Math.floor(random() * 3)] ?? '');
  const sort = SORT_KEYS[Math.floor(random() * SORT_KEYS.length)] ?? 'code';
  params.set('sort', random() < 0.5 ? sort : `-${sort}`);
  // The language orders the titles (sort=title) and names the headers.
  if (random() < 0.3) params.set('lang', 'en');
  return params;
}

interface ListPage {
  items: { code: string }[];
  total: number;
}

interface JsonExport {
  meta: { view: string; filters: Record<string, unknown>; asOf: string; deadline: { code: string } | null; generatedAt: string };
  rows: Record<string, unknown>[];
}

describe.each(TEST_DIALECTS)('exports on %s', (dialect) => {
  let t: TestApp;
  const fetchJson = async (path: string) => (await t.get(path)).body;

  beforeAll(async () => {
    const synthetic = [...generateSyntheticMeasures({ count: 60, seed: 8, referenceDate: '2026-11-25' })];
    t = await createTestApp(dialect, { measures: [...fixtureMeasures(), ...synthetic], now: FIXTURE_NOW });
  }, 60_000);
  afterAll(() => t.drop());

  it('answers every matching measure, in the list order, for random filter sets (JSON and CSV)', async () => {
    const random = prng(20261201);
    let nonEmpty = 0;
    for (let i = 0; i < 24; i++) {
      const params = randomQuery(random);
      const list = (await fetchJson(`/api/v1/measures?${params}&pageSize=500`)) as ListPage;
      const json = (await fetchJson(`${EXPORT}/measures.json?${params}`)) as JsonExport;
      expect(
        json.rows.map((r) => r.code),
        params.toString(),
      ).toEqual(list.items.map((item) => item.code));
      expect(json.rows).toHaveLength(list.total);
      list.items.forEach((item, index) => expect(json.rows[index]).toMatchObject(item));

      const csv = await (await t.app.request(`${EXPORT}/measures.csv?${params}`)).text();
      const lines = csv.split('\r\n').slice(1, -1);
      expect(lines.map((line) => line.split(',')[0])).toEqual(list.items.map((item) => item.code));
      if (list.total > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(8);
  });

  it('reads in batches without repeating or skipping a row at the boundaries', async () => {
    const deps = { db: t.database.db, taxonomy: createTaxonomyCache(t.database.db), now: () => FIXTURE_NOW };
    const read = async (selection: ExportSelection) => {
      const file = await exportView(deps, { ...selection, format: 'json', origin: 'http://x', search: new URLSearchParams() }, 7);
      let text = '';
      for await (const chunk of file.body) text += String(chunk);
      return JSON.parse(text) as JsonExport;
    };
    for (const sort of ['-progress', 'behind', 'ministry'] as const) {
      const list = (await fetchJson(`/api/v1/measures?sort=${sort}&pageSize=500`)) as ListPage;
      const exported = await read({ view: 'measures', query: { sort } });
      expect(exported.rows.map((r) => r.code)).toEqual(list.items.map((item) => item.code));
    }
    const all = (await fetchJson(`${EXPORT}/reports.json`)) as JsonExport;
    const batched = await read({ view: 'reports', query: {} });
    expect(batched.rows).toEqual(all.rows);
  });

  it('exports the reports of the filtered measures, newest first, within from / to', async () => {
    const query = 'ministry=meti&from=2026-08-01&to=2026-10-31';
    const json = (await fetchJson(`${EXPORT}/reports.json?${query}`)) as JsonExport;
    const list = (await fetchJson('/api/v1/measures?ministry=meti&pageSize=500')) as ListPage;
    const codes = new Set(list.items.map((item) => item.code));
    let expected = 0;
    for (const code of codes) {
      const detail = (await fetchJson(`/api/v1/measures/${code}`)) as { reports: { reportedAt: string }[] };
      // 2026-08-01 00:00 JST to 2026-10-31 24:00 JST.
      expected += detail.reports.filter(
        (r) => r.reportedAt >= '2026-07-31T15:00:00.000Z' && r.reportedAt < '2026-10-31T15:00:00.000Z',
      ).length;
    }
    expect(json.rows.length).toBe(expected);
    expect(json.rows.length).toBeGreaterThan(0);
    for (const row of json.rows) expect(codes.has(String(row.code))).toBe(true);
    const times = json.rows.map((r) => String(r.reportedAt));
    expect(times).toEqual([...times].sort().reverse());
    expect(json.rows[0]).toEqual(
      expect.objectContaining({
        titleJa: expect.any(String),
        titleEn: expect.any(String),
        milestonesCompleted: expect.any(Array),
      }),
    );
    expect(json.meta).toMatchObject({ view: 'reports', filters: { ministry: ['meti'], from: '2026-08-01', to: '2026-10-31' } });
  });

  it("exports one measure's report history with measure=<code>, as its page shows it", async () => {
    const detail = (await fetchJson('/api/v1/measures/METI-0001')) as { reports: { reportedAt: string; note: string }[] };
    expect(detail.reports.length).toBeGreaterThan(1);
    const json = (await fetchJson(`${EXPORT}/reports.json?measure=METI-0001`)) as JsonExport;
    expect(json.rows.map((r) => r.code)).toEqual(detail.reports.map(() => 'METI-0001'));
    expect(json.rows.map((r) => r.reportedAt)).toEqual(detail.reports.map((r) => r.reportedAt));
    expect(json.rows.map((r) => r.note)).toEqual(detail.reports.map((r) => r.note));
    // A well-formed code of no measure is an empty history; a malformed one is a 400 naming it.
    expect(((await fetchJson(`${EXPORT}/reports.json?measure=METI-9999`)) as JsonExport).rows).toEqual([]);
    const bad = await t.app.request(`${EXPORT}/reports.json?measure=not a code`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('measure');
  });

  it('exports the statistics with the figures the dashboard shows', async () => {
    const query = 'field=quantum,ai-semiconductors&deadline=summer-2026';
    const byField = (await fetchJson(`/api/v1/stats/by-field?${query}`)) as { items: unknown[] };
    const byMinistry = (await fetchJson(`/api/v1/stats/by-ministry?${query}`)) as { items: unknown[] };
    const heatmap = (await fetchJson(`/api/v1/stats/heatmap?${query}`)) as { cells: unknown[] };
    const burnup = (await fetchJson(`/api/v1/stats/burnup?${query}`)) as { points: unknown[] };
    for (const [view, rows] of [
      ['by-field', byField.items],
      ['by-ministry', byMinistry.items],
      ['heatmap', heatmap.cells],
      ['burnup', burnup.points],
    ] as const) {
      const json = (await fetchJson(`${EXPORT}/${view}.json?${query}`)) as JsonExport;
      expect(json.rows, view).toEqual(rows);
      expect(json.meta).toMatchObject({ view, asOf: '2026-11-26', deadline: { code: 'summer-2026' } });
      const csv = await (await t.app.request(`${EXPORT}/${view}.csv?${query}`)).text();
      expect(csv.split('\r\n').length - 2, view).toBe(rows.length);
    }
  });

  it('answers the JSON shape: meta with view, filters, as-of date, basis, deadline, time of export; rows with both titles', async () => {
    const json = (await fetchJson(`${EXPORT}/measures.json?field=quantum&sort=-progress&lang=en`)) as JsonExport;
    expect(Object.keys(json)).toEqual(['meta', 'rows']);
    expect(json.meta).toEqual({
      view: 'measures',
      filters: { field: ['quantum'], sort: '-progress' },
      asOf: '2026-11-26',
      basis: 'reported',
      deadline: expect.objectContaining({ code: 'summer-2027', date: '2027-06-30' }),
      generatedAt: FIXTURE_NOW.toISOString(),
    });
    const row = json.rows.find((r) => r.code === 'METI-0001');
    expect(row).toMatchObject({
      titleJa: expect.any(String),
      titleEn: expect.any(String),
      progress: 0.375,
      version: expect.any(Number),
    });
    expect(row).toHaveProperty('progressTowardDeadline');
    expect(row).toHaveProperty('budgetYen');
  });

  it('names the file in the language (RFC 6266 filename*) with an ASCII fallback', async () => {
    const ja = await t.app.request(`${EXPORT}/measures.xlsx`);
    expect(ja.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(ja.headers.get('content-disposition')).toBe(
      `attachment; filename="measures_2026-11-26.xlsx"; filename*=UTF-8''${encodeURIComponent('施策一覧_2026-11-26.xlsx')}`,
    );
    const en = await t.app.request(`${EXPORT}/by-ministry.csv?lang=en&asOf=2026-07-15`);
    expect(en.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(en.headers.get('content-disposition')).toBe(
      `attachment; filename="by-ministry_2026-07-15.csv"; filename*=UTF-8''by-ministry_2026-07-15.csv`,
    );
    const json = await t.app.request(`${EXPORT}/reports.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('状況報告一覧_2026-11-26.json')}`,
    );
    // Public reading: nothing private to keep out of caches.
    expect(ja.headers.get('cache-control')).toBeNull();
  });

  it('refuses bad parameters with 400 naming the parameter, and unknown names with 404', async () => {
    const cases: [string, string][] = [
      ['measures.csv?page=2', 'page'],
      ['measures.csv?pageSize=10', 'pageSize'],
      ['measures.json?deadline=summer-2026', 'deadline'],
      ['measures.xlsx?sort=bogus', 'sort'],
      ['measures.csv?field=nowhere', 'field'],
      ['measures.csv?asOf=2027-01-01', 'asOf'],
      ['measures.csv?lang=fr', 'lang'],
      ['measures.csv?lang=ja&lang=en', 'lang'],
      ['reports.csv?from=2026-13-01', 'from'],
      ['reports.csv?from=2026-10-01&to=2026-09-01', 'to'],
      ['reports.csv?sort=code', 'sort'],
      ['by-field.csv?deadline=nowhere', 'deadline'],
      ['heatmap.json?status=done', 'status'],
      ['burnup.xlsx?sort=code', 'sort'],
    ];
    for (const [path, parameter] of cases) {
      const res = await t.get(`${EXPORT}/${path}`);
      expect(res.status, path).toBe(400);
      const body = res.body as { error: { issues: { path: string[] }[] } };
      expect(
        body.error.issues.some((issue) => issue.path.includes(parameter)),
        `${path}: ${JSON.stringify(body)}`,
      ).toBe(true);
    }
    for (const path of ['summary.csv', 'measures.pdf', 'measures', 'measures.csv.json']) {
      const res = await t.get(`${EXPORT}/${path}`);
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(res.body)).toContain('view one of measures, reports');
    }
  });

  it('follows the read rules: 401 without a session when sign-in is required, no-store when signed in', async () => {
    const locked = createApp({
      db: t.database.db,
      dialect: t.database.dialect,
      now: () => FIXTURE_NOW,
      auth: { ...DEFAULT_AUTH_CONFIG, requireLogin: true },
    });
    for (const view of ['measures', 'reports', 'by-field', 'by-ministry', 'heatmap', 'burnup']) {
      const res = await locked.request(`${EXPORT}/${view}.csv`);
      expect(res.status, view).toBe(401);
    }
    await createTestUser(t.database.db, { email: 'analyst.export@example.go.jp', role: 'analyst' });
    const cookie = await signIn(locked, 'analyst.export@example.go.jp');
    const res = await locked.request(`${EXPORT}/measures.csv`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await res.text()).split('\r\n').length).toBeGreaterThan(60);
  });
});
