import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiStatsResponse } from '../../server/schemas/follow-up';
import { editionDto, editionListResponse } from '../../server/schemas/meeting-pack';
import {
  breakdownResponse,
  burnupResponse,
  errorResponse,
  heatmapResponse,
  measureListResponse,
  summaryResponse,
} from '../../server/schemas/responses';
import type { z } from 'zod';
import { auditListResponse } from '../../server/schemas/writes';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { fileReport } from '../support/follow-up';
import { send, signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Editions (docs/product.md §2 "Meetings and editions", docs/decisions/013-frozen-editions.md):
// freezing one (rights, every refusal), reading its views exactly as the live statistics answered
// at freezing, paging the frozen list, caching, and immutability — after new reports and in the
// database itself. Against the twelve fixture measures with the clock pinned at FIXTURE_NOW.

const SECRETARIAT = 'sec@example.go.jp';
const ADMIN = 'admin@example.go.jp';
const METI_LEAD = 'meti@example.go.jp';
const MEXT_LEAD = 'mext@example.go.jp';
const EXECUTIVE = 'exec@example.go.jp';
const USERS = [
  { email: SECRETARIAT, role: 'secretariat' as const },
  { email: ADMIN, role: 'admin' as const },
  { email: METI_LEAD, role: 'ministry_lead' as const, ministry: 'meti' },
  { email: MEXT_LEAD, role: 'ministry_lead' as const, ministry: 'mext' },
  { email: EXECUTIVE, role: 'executive' as const },
];
const LONG_SESSIONS = { requireLogin: false, session: { idleMinutes: 60 * 24 * 30, absoluteHours: 24 * 30 } };

const MEETINGS = [
  { code: 'meeting-1', name_ja: '第1回会議', name_en: 'First meeting', date: '2026-09-01', sort_order: 1 },
  { code: 'meeting-2', name_ja: '第2回会議', name_en: 'Second meeting', date: '2026-11-20', sort_order: 2 },
  { code: 'meeting-3', name_ja: '第3回会議', name_en: 'Third meeting', date: '2026-12-20', sort_order: 3 },
];

/** The views and the live endpoints they froze, with the schema each answers. */
const VIEWS: readonly [string, string, z.ZodType][] = [
  ['summary', '/api/v1/stats/summary', summaryResponse],
  ['by-field', '/api/v1/stats/by-field', breakdownResponse],
  ['by-ministry', '/api/v1/stats/by-ministry', breakdownResponse],
  ['heatmap', '/api/v1/stats/heatmap', heatmapResponse],
  ['burnup', '/api/v1/stats/burnup', burnupResponse],
  ['kpi', '/api/v1/stats/kpi?by=field', kpiStatsResponse],
  ['kpi?by=ministry', '/api/v1/stats/kpi?by=ministry', kpiStatsResponse],
];

function withParams(path: string, params: string): string {
  if (!params) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${params}`;
}

describe.each(TEST_DIALECTS)('editions on %s', (dialect) => {
  let t: TestApp;
  let as: (email: string) => string | undefined;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW, auth: LONG_SESSIONS });
    // Before the first request, so that the taxonomy (cached per process) holds them.
    await t.database.db.insertInto('meetings').values(MEETINGS).execute();
    const cookies = await signedInUsers(t.database.db, t.app, USERS);
    as = (email) => cookies.get(email);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const freeze = (body: unknown, email: string | null = SECRETARIAT) =>
    send(t.app, 'POST', '/api/v1/editions', { cookie: email ? as(email) : null, body });

  function expectIssue(res: { status: number; body: unknown }, path: (string | number)[]) {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const { error } = errorResponse.parse(res.body);
    expect(error.code).toBe('invalid_parameter');
    expect(error.issues?.map((i) => i.path)).toContainEqual(path);
  }

  it('refuses the signed-out with 401 and those without the right with 403', async () => {
    const body = { code: 'refused', meeting: 'meeting-3' };
    expect((await freeze(body, null)).status).toBe(401);
    for (const email of [METI_LEAD, EXECUTIVE]) {
      const res = await freeze(body, email);
      expect(res.status).toBe(403);
      expect(errorResponse.parse(res.body).error.code).toBe('forbidden');
    }
    expect((await t.get('/api/v1/editions/refused')).status).toBe(404);
  });

  it('refuses bad bodies with 400 naming the parameter', async () => {
    expectIssue(await freeze({ code: 'x', meeting: 'meeting-3', filters: { fields: 'ai-semiconductors' } }), [
      'filters',
      'fields',
    ]);
    expectIssue(await freeze({ code: 'x', meeting: 'meeting-3', filters: { asOf: '2026-11-01' } }), ['filters', 'asOf']);
    expectIssue(await freeze({ code: 'x', meeting: 'meeting-3', filters: { status: 'nope' } }), ['filters', 'status', 0]);
    expectIssue(await freeze({ code: 'x', meeting: 'no-such-meeting' }), ['meeting']);
    expectIssue(await freeze({ code: 'x', meeting: 'meeting-3', filters: { field: 'no-such-field' } }), ['filters', 'field']);
    expectIssue(await freeze({ code: 'x', meeting: 'meeting-3', filters: { deadline: 'no-such-deadline' } }), [
      'filters',
      'deadline',
    ]);
    expectIssue(await freeze({ code: 'x', meeting: 'meeting-3', asOf: '2026-11-27' }), ['asOf']);
    expectIssue(await freeze({ code: 'Not A Code', meeting: 'meeting-3' }), ['code']);
    expectIssue(await freeze({ code: 'x', meeting: 'meeting-3', extra: 1 }), ['extra']);
    expect((await t.get('/api/v1/editions')).body).toEqual({ items: [] });
  });

  const FILTERS = { field: ['ai-semiconductors', 'energy-gx'], basis: 'reported' };
  const LIVE_PARAMS = 'field=ai-semiconductors,energy-gx&basis=reported';

  it('freezes every view as the live statistics answer at that instant: 201, Location, audited', async () => {
    const live = new Map<string, unknown>();
    for (const [view, path, schema] of VIEWS) live.set(view, await getOk(t, withParams(path, LIVE_PARAMS), schema));
    const liveList = await getOk(t, `/api/v1/measures?${LIVE_PARAMS}&sort=behind&pageSize=500`, measureListResponse);

    const res = await freeze({ code: 'meeting-3-2026-11-26', meeting: 'meeting-3', filters: FILTERS });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('location')).toBe('/api/v1/editions/meeting-3-2026-11-26');
    const edition = editionDto.parse(res.body);
    const summary = summaryResponse.parse(live.get('summary'));
    expect(edition).toEqual({
      code: 'meeting-3-2026-11-26',
      meeting: { code: 'meeting-3', nameJa: '第3回会議', nameEn: 'Third meeting', date: '2026-12-20' },
      asOf: '2026-11-26',
      asOfInstant: FIXTURE_NOW.toISOString(),
      deadline: summary.deadline.code,
      basis: 'reported',
      filters: { field: ['ai-semiconductors', 'energy-gx'] },
      createdAt: FIXTURE_NOW.toISOString(),
      createdBy: SECRETARIAT,
      views: ['summary', 'by-field', 'by-ministry', 'heatmap', 'burnup', 'kpi', 'measures'],
    });

    for (const [view, , schema] of VIEWS) {
      const stored = await t.get(`/api/v1/editions/meeting-3-2026-11-26/${view}`);
      expect(stored.status, view).toBe(200);
      expect(schema.parse(stored.body), view).toEqual(live.get(view));
    }
    const list = await getOk(t, '/api/v1/editions/meeting-3-2026-11-26/measures?pageSize=500', measureListResponse);
    expect(list).toEqual(liveList);
    expect(list.total).toBeGreaterThan(0);

    const audit = auditListResponse.parse(
      (await send(t.app, 'GET', '/api/v1/audit?entity=meeting-3-2026-11-26', { cookie: as(ADMIN) })).body,
    );
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ action: 'edition.create', entityType: 'edition', actor: { email: SECRETARIAT } });
  });

  it('freezes a past as-of date like the live statistics as of that date', async () => {
    const live = await getOk(t, '/api/v1/stats/summary?asOf=2026-11-01', summaryResponse);
    const res = await freeze({ code: 'past', meeting: 'meeting-2', asOf: '2026-11-01' }, ADMIN);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(editionDto.parse(res.body)).toMatchObject({
      asOf: '2026-11-01',
      asOfInstant: '2026-11-01T14:59:59.999Z',
      filters: {},
    });
    expect((await t.get('/api/v1/editions/past/summary')).body).toEqual(live);
  });

  it('refuses a taken code with 409 edition_exists', async () => {
    const res = await freeze({ code: 'past', meeting: 'meeting-3' });
    expect(res.status).toBe(409);
    expect(errorResponse.parse(res.body).error.code).toBe('edition_exists');
  });

  it('lists editions by meeting date, newest first', async () => {
    const list = editionListResponse.parse((await t.get('/api/v1/editions')).body);
    expect(list.items.map((e) => [e.code, e.meeting.code])).toEqual([
      ['meeting-3-2026-11-26', 'meeting-3'],
      ['past', 'meeting-2'],
    ]);
  });

  it('pages the frozen list in its stored order, as the live list pages it', async () => {
    const all = await getOk(t, '/api/v1/editions/meeting-3-2026-11-26/measures?pageSize=500', measureListResponse);
    const page2 = await getOk(t, '/api/v1/editions/meeting-3-2026-11-26/measures?page=2&pageSize=2', measureListResponse);
    const livePage2 = await getOk(t, `/api/v1/measures?${LIVE_PARAMS}&sort=behind&page=2&pageSize=2`, measureListResponse);
    expect(page2).toEqual(livePage2);
    expect(page2.items).toEqual(all.items.slice(2, 4));
    const beyond = await getOk(t, '/api/v1/editions/meeting-3-2026-11-26/measures?page=99', measureListResponse);
    expect(beyond).toMatchObject({ items: [], total: all.total, page: 99, pageSize: 50 });
    expect((await t.get('/api/v1/editions/meeting-3-2026-11-26/measures?sort=code')).status).toBe(400);
  });

  it('answers 404 for an unknown edition or view', async () => {
    for (const path of ['/api/v1/editions/nope', '/api/v1/editions/nope/summary', '/api/v1/editions/nope/measures']) {
      const res = await t.get(path);
      expect(res.status, path).toBe(404);
      expect(errorResponse.parse(res.body).error.code, path).toBe('edition_not_found');
    }
    expect((await t.get('/api/v1/editions/past/slippage')).status).toBe(404);
  });

  it('is cached for good and answers 304 to If-None-Match', async () => {
    const first = await t.app.request('/api/v1/editions/past/summary');
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"edition-past-summary"');
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await t.app.request('/api/v1/editions/past/summary', {
      headers: { 'if-none-match': '"edition-past-summary"' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await t.app.request('/api/v1/editions/past/kpi?by=ministry', {
      headers: { 'if-none-match': '"edition-past-summary"' },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).toBe('"edition-past-kpi-by-ministry"');
    expect((await t.app.request('/api/v1/editions/past')).headers.get('etag')).toBe('"edition-past"');
  });

  it('stays equal to itself after a new report changes the live figures', async () => {
    const frozen = await t.get('/api/v1/editions/meeting-3-2026-11-26/summary');
    const frozenList = await t.get('/api/v1/editions/meeting-3-2026-11-26/measures?pageSize=500');
    const liveBefore = await getOk(t, `/api/v1/stats/summary?${LIVE_PARAMS}`, summaryResponse);
    // MEXT-0002 (AI & semiconductors) is stale in the fixture: a report makes it on track.
    const target = measureListResponse.parse(frozenList.body).items.find((i) => i.code === 'MEXT-0002');
    expect(target?.health).toBe('stale');
    await fileReport(t.app, as(MEXT_LEAD), 'MEXT-0002', '会議後の報告');

    const liveAfter = await getOk(t, `/api/v1/stats/summary?${LIVE_PARAMS}`, summaryResponse);
    expect(liveAfter.byHealth).not.toEqual(liveBefore.byHealth);
    expect(summaryResponse.parse(frozen.body)).toEqual(liveBefore);
    expect((await t.get('/api/v1/editions/meeting-3-2026-11-26/summary')).body).toEqual(frozen.body);
    expect((await t.get('/api/v1/editions/meeting-3-2026-11-26/measures?pageSize=500')).body).toEqual(frozenList.body);
  });

  it('is refused UPDATE and DELETE by the database, editions and their views alike', async () => {
    const db = t.database.db;
    const attempts = [
      sql`UPDATE editions SET basis = 'verified' WHERE code = 'past'`,
      sql`DELETE FROM editions WHERE code = 'past'`,
      sql`UPDATE edition_views SET body_json = '{}' WHERE view = 'summary'`,
      sql`DELETE FROM edition_views WHERE view = 'summary'`,
    ];
    for (const attempt of attempts) await expect(attempt.execute(db)).rejects.toThrow();
    const [edition] = editionListResponse.parse((await t.get('/api/v1/editions')).body).items.filter((e) => e.code === 'past');
    expect(edition?.basis).toBe('reported');
    expect(summaryResponse.parse((await t.get('/api/v1/editions/past/summary')).body).asOf).toBe('2026-11-01');
  });
});
