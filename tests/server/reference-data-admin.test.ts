import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { DatabaseHandle } from '../../db/connection';
import { ensureTaxonomy } from '../../db/reference-data';
import { createApp } from '../../server/app';
import { referenceItem, referenceListResponse } from '../../server/schemas/reference-data';
import { errorResponse, metaResponse, summaryResponse } from '../../server/schemas/responses';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { readResponse } from '../support/read-response';
import { send, signedInUsers } from '../support/sessions';
import type { SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Deadlines and meetings in the browser (issue 13 item 6; docs/decisions/026-reference-data-in-the-browser.md):
// POST and PATCH /deadlines and /meetings for administrators only, audited, seen by another app on the
// same database at its next request, retirement that keeps old links working, and a restart's
// reference data that neither resurrects nor overwrites what an administrator changed.

const ADMIN = 'admin@example.go.jp';
const OTHERS = {
  secretariat: 'sec@example.go.jp',
  ministry_lead: 'lead@example.go.jp',
  executive: 'exec@example.go.jp',
  analyst: 'analyst@example.go.jp',
} as const;

function errorCode(res: SendResult): string {
  return errorResponse.parse(res.body).error.code;
}

function issuePaths(res: SendResult): string[] {
  return (errorResponse.parse(res.body).error.issues ?? []).map((i) => i.path.join('.'));
}

describe.each(TEST_DIALECTS)('deadlines and meetings in the browser on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;
  /** A second connection and app on the same database: another server process. */
  let other: DatabaseHandle;
  let otherApp: ReturnType<typeof createApp>;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, [
      { email: ADMIN, role: 'admin' },
      { email: OTHERS.secretariat, role: 'secretariat' },
      { email: OTHERS.ministry_lead, role: 'ministry_lead', ministry: 'meti' },
      { email: OTHERS.executive, role: 'executive' },
      { email: OTHERS.analyst, role: 'analyst' },
    ]);
    other = await openDatabase(t.database.target);
    otherApp = createApp({ db: other.db, dialect: other.dialect, now: () => FIXTURE_NOW });
  });
  afterAll(async () => {
    await other?.close();
    await t?.drop();
  });

  const admin = () => cookies.get(ADMIN);
  const requestId = () => `ref-${dialect}-${++serial}`;
  const newDeadline = (code: string) => ({
    code,
    nameJa: `期限 ${code}`,
    nameEn: `Deadline ${code}`,
    date: '2028-06-30',
  });

  async function metaOf(app: { request(path: string): Response | Promise<Response> }) {
    return metaResponse.parse((await readResponse(await app.request('/api/v1/meta'))).body);
  }

  async function auditOf(id: string) {
    return t.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', id).execute();
  }

  describe('who may', () => {
    const writes = [
      ['GET', '/api/v1/deadlines', undefined],
      ['POST', '/api/v1/deadlines', newDeadline('role-check')],
      ['PATCH', '/api/v1/deadlines/summer-2026', { nameEn: 'x' }],
      ['GET', '/api/v1/meetings', undefined],
      ['POST', '/api/v1/meetings', newDeadline('role-check')],
      ['PATCH', '/api/v1/meetings/none', { nameEn: 'x' }],
    ] as const;

    it.each(writes)('%s %s: 401 without a session', async (method, path, body) => {
      const res = await send(t.app, method, path, { body });
      expect(res.status).toBe(401);
    });

    for (const [role, email] of Object.entries(OTHERS)) {
      it.each(writes)(`%s %s: 403 for ${role}`, async (method, path, body) => {
        const res = await send(t.app, method, path, { cookie: cookies.get(email), body });
        expect(res.status).toBe(403);
      });
    }

    it('refused writes changed nothing', async () => {
      const rows = await t.database.db.selectFrom('deadlines').select('code').where('code', '=', 'role-check').execute();
      expect(rows).toEqual([]);
      const meetings = await t.database.db.selectFrom('meetings').select('code').where('code', '=', 'role-check').execute();
      expect(meetings).toEqual([]);
    });
  });

  it('an administrator lists the deadlines, with what names them, uncached', async () => {
    const res = await send(t.app, 'GET', '/api/v1/deadlines', { cookie: admin() });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = referenceListResponse.parse(res.body);
    expect(list.items.map((d) => d.code)).toEqual(['roadmap-2026', 'summer-2026', 'summer-2027']);
    expect(list.items.every((d) => !d.retired && d.retiredAt === null)).toBe(true);
    expect(list.items[0]?.usedBy).toEqual({ editions: 0, rounds: 0 });
  });

  it('adds a deadline: 201, Location, audited, and another process sees it on its next request', async () => {
    const warm = await metaOf(otherApp);
    expect(warm.deadlines.map((d) => d.code)).not.toContain('summer-2028');
    const id = requestId();
    const res = await send(t.app, 'POST', '/api/v1/deadlines', {
      cookie: admin(),
      body: { ...newDeadline('summer-2028'), nameJa: '  成長戦略改訂（2028年夏）  ' },
      headers: { 'x-request-id': id },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/v1/deadlines/summer-2028');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = referenceItem.parse(res.body);
    expect(created).toMatchObject({
      code: 'summer-2028',
      nameJa: '成長戦略改訂（2028年夏）',
      date: '2028-06-30',
      retired: false,
    });
    const detail = await send(t.app, 'GET', '/api/v1/deadlines/summer-2028', { cookie: admin() });
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual(res.body);

    const seen = await metaOf(otherApp);
    expect(seen.deadlines.find((d) => d.code === 'summer-2028')).toMatchObject({ date: '2028-06-30', retired: false });
    const stats = await otherApp.request('/api/v1/stats/summary?deadline=summer-2028');
    expect(stats.status).toBe(200);

    const [row, ...more] = await auditOf(id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      action: 'deadline.create',
      entity_type: 'deadline',
      entity_code: 'summer-2028',
      actor_email: ADMIN,
    });
    expect(row?.before_json).toBeNull();
    expect(JSON.parse(row?.after_json ?? 'null')).toEqual({
      code: 'summer-2028',
      nameJa: '成長戦略改訂（2028年夏）',
      nameEn: 'Deadline summer-2028',
      date: '2028-06-30',
      retired: false,
    });
  });

  it('refuses a taken code with 409, retired or not', async () => {
    const res = await send(t.app, 'POST', '/api/v1/deadlines', { cookie: admin(), body: newDeadline('summer-2026') });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('code_taken');
    expect(issuePaths(res)).toEqual(['code']);
  });

  it.each([
    ['a code with capitals', { ...newDeadline('x'), code: 'Summer-2028' }, 'code'],
    ['a code with an underscore', { ...newDeadline('x'), code: 'summer_2028' }, 'code'],
    ['a code with a double hyphen', { ...newDeadline('x'), code: 'summer--2028' }, 'code'],
    ['a code ending in a hyphen', { ...newDeadline('x'), code: 'summer-' }, 'code'],
    ['a code too long', { ...newDeadline('x'), code: 'a'.repeat(65) }, 'code'],
    ['an empty name', { ...newDeadline('x1'), nameJa: '   ' }, 'nameJa'],
    ['a name too long', { ...newDeadline('x2'), nameEn: 'n'.repeat(201) }, 'nameEn'],
    ['a name with a line break', { ...newDeadline('x3'), nameEn: 'a\nb' }, 'nameEn'],
    ['an impossible date', { ...newDeadline('x4'), date: '2028-02-30' }, 'date'],
    ['a date out of range', { ...newDeadline('x5'), date: '1999-12-31' }, 'date'],
    ['a missing date', { code: 'x6', nameJa: 'a', nameEn: 'b' }, 'date'],
    ['an unknown field', { ...newDeadline('x7'), sortOrder: 3 }, 'sortOrder'],
  ])('POST: 400 for %s', async (_, body, path) => {
    const res = await send(t.app, 'POST', '/api/v1/deadlines', { cookie: admin(), body });
    expect(res.status).toBe(400);
    expect(issuePaths(res)).toContain(path);
  });

  it.each([
    ['nothing to change', {}],
    ['a new code', { code: 'other' }],
    ['an empty name', { nameEn: '' }],
    ['a bad date', { date: '28-06-30' }],
    ['a retired that is not a boolean', { retired: 'yes' }],
  ])('PATCH: 400 for %s', async (_, body) => {
    const res = await send(t.app, 'PATCH', '/api/v1/deadlines/summer-2026', { cookie: admin(), body });
    expect(res.status).toBe(400);
  });

  it('PATCH and GET: 404 for an unknown code, 400 for a malformed one', async () => {
    expect((await send(t.app, 'PATCH', '/api/v1/deadlines/no-such', { cookie: admin(), body: { nameEn: 'x' } })).status).toBe(
      404,
    );
    expect((await send(t.app, 'GET', '/api/v1/deadlines/no-such', { cookie: admin() })).status).toBe(404);
    expect((await send(t.app, 'GET', '/api/v1/meetings/no-such', { cookie: admin() })).status).toBe(404);
    expect((await send(t.app, 'GET', '/api/v1/deadlines/Not%20A%20Code', { cookie: admin() })).status).toBe(400);
    expect((await send(t.app, 'GET', '/api/v1/deadlines?page=1', { cookie: admin() })).status).toBe(400);
  });

  it('renames and moves a deadline: audited before and after, seen by the other process at once', async () => {
    await metaOf(otherApp);
    const id = requestId();
    const res = await send(t.app, 'PATCH', '/api/v1/deadlines/summer-2028', {
      cookie: admin(),
      body: { nameEn: 'Growth strategy revision (summer 2028)', date: '2028-07-15' },
      headers: { 'x-request-id': id },
    });
    expect(res.status).toBe(200);
    expect(referenceItem.parse(res.body)).toMatchObject({
      code: 'summer-2028',
      nameEn: 'Growth strategy revision (summer 2028)',
      date: '2028-07-15',
    });
    const seen = (await metaOf(otherApp)).deadlines.find((d) => d.code === 'summer-2028');
    expect(seen).toMatchObject({ nameEn: 'Growth strategy revision (summer 2028)', date: '2028-07-15' });
    const summary = summaryResponse.parse(
      (await readResponse(await otherApp.request('/api/v1/stats/summary?deadline=summer-2028'))).body,
    );
    expect(summary.deadline).toMatchObject({ date: '2028-07-15', nameEn: 'Growth strategy revision (summer 2028)' });

    const [row] = await auditOf(id);
    expect(row).toMatchObject({ action: 'deadline.update', entity_type: 'deadline', entity_code: 'summer-2028' });
    expect(JSON.parse(row?.before_json ?? 'null')).toMatchObject({
      nameEn: 'Deadline summer-2028',
      date: '2028-06-30',
      retired: false,
    });
    expect(JSON.parse(row?.after_json ?? 'null')).toMatchObject({
      nameEn: 'Growth strategy revision (summer 2028)',
      date: '2028-07-15',
      retired: false,
    });
  });

  it('a change that changes nothing writes nothing, audit included', async () => {
    const id = requestId();
    const res = await send(t.app, 'PATCH', '/api/v1/deadlines/summer-2028', {
      cookie: admin(),
      body: { date: '2028-07-15' },
      headers: { 'x-request-id': id },
    });
    expect(res.status).toBe(200);
    expect(await auditOf(id)).toEqual([]);
  });

  it('a retired deadline is neither the default nor offered, but deadline=<code> still resolves', async () => {
    const before = await metaOf(otherApp);
    expect(before.defaultDeadline).toBe('summer-2027');
    const id = requestId();
    const res = await send(t.app, 'PATCH', '/api/v1/deadlines/summer-2027', {
      cookie: admin(),
      body: { retired: true },
      headers: { 'x-request-id': id },
    });
    expect(res.status).toBe(200);
    const retired = referenceItem.parse(res.body);
    expect(retired.retired).toBe(true);
    expect(retired.retiredAt).toBe(FIXTURE_NOW.toISOString());

    const meta = await metaOf(otherApp);
    expect(meta.deadlines.find((d) => d.code === 'summer-2027')?.retired).toBe(true);
    // The next one in force after today is the one added above.
    expect(meta.defaultDeadline).toBe('summer-2028');
    const byDefault = summaryResponse.parse((await readResponse(await otherApp.request('/api/v1/stats/summary'))).body);
    expect(byDefault.deadline.code).toBe('summer-2028');
    // An old link still works.
    const old = await readResponse(await otherApp.request('/api/v1/stats/summary?deadline=summer-2027'));
    expect(old.status).toBe(200);
    expect(summaryResponse.parse(old.body).deadline.code).toBe('summer-2027');

    const [row] = await auditOf(id);
    expect(row?.action).toBe('deadline.update');
    expect(JSON.parse(row?.before_json ?? 'null')).toMatchObject({ retired: false });
    expect(JSON.parse(row?.after_json ?? 'null')).toMatchObject({ retired: true });
  });

  it('a retired deadline is refused for a new round', async () => {
    const res = await send(t.app, 'POST', '/api/v1/rounds', {
      cookie: admin(),
      body: {
        code: 'ref-round',
        titleJa: '照会',
        titleEn: 'Round',
        opensAt: '2026-11-01',
        dueAt: '2026-12-31',
        deadline: 'summer-2027',
      },
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res)).toEqual(['deadline']);
  });

  it('the last deadline in force cannot be retired (409)', async () => {
    for (const code of ['roadmap-2026', 'summer-2026']) {
      const res = await send(t.app, 'PATCH', `/api/v1/deadlines/${code}`, { cookie: admin(), body: { retired: true } });
      expect(res.status).toBe(200);
    }
    const last = await send(t.app, 'PATCH', '/api/v1/deadlines/summer-2028', { cookie: admin(), body: { retired: true } });
    expect(last.status).toBe(409);
    expect(errorCode(last)).toBe('last_deadline_in_force');
    expect((await metaOf(t.app)).defaultDeadline).toBe('summer-2028');
    for (const code of ['roadmap-2026', 'summer-2026']) {
      const res = await send(t.app, 'PATCH', `/api/v1/deadlines/${code}`, { cookie: admin(), body: { retired: false } });
      expect(referenceItem.parse(res.body)).toMatchObject({ retired: false, retiredAt: null });
    }
  });

  it('the reference data of a restart neither resurrects nor overwrites what an administrator changed', async () => {
    await send(t.app, 'PATCH', '/api/v1/deadlines/summer-2026', {
      cookie: admin(),
      body: { nameJa: '改名済み', date: '2026-07-01' },
    });
    const before = await t.database.db.selectFrom('deadlines').selectAll().orderBy('code').execute();
    await ensureTaxonomy(other.db);
    const after = await t.database.db.selectFrom('deadlines').selectAll().orderBy('code').execute();
    expect(after).toEqual(before);
    const summer2027 = after.find((d) => d.code === 'summer-2027');
    expect(summer2027?.retired_at).not.toBeNull();
    expect(after.find((d) => d.code === 'summer-2026')).toMatchObject({ name_ja: '改名済み', date: '2026-07-01' });
  });

  it('meetings: add, rename, move; a retired one gets no new edition and is not the next meeting, its editions stay', async () => {
    const id = requestId();
    const created = await send(t.app, 'POST', '/api/v1/meetings', {
      cookie: admin(),
      body: { code: 'council-5', nameJa: '推進会議（第5回）', nameEn: 'Council (5)', date: '2026-12-10' },
      headers: { 'x-request-id': id },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/meetings/council-5');
    expect((await auditOf(id))[0]).toMatchObject({ action: 'meeting.create', entity_type: 'meeting', entity_code: 'council-5' });
    expect((await metaOf(otherApp)).nextMeeting).toBe('council-5');
    const duplicate = await send(t.app, 'POST', '/api/v1/meetings', {
      cookie: admin(),
      body: { code: 'council-5', nameJa: 'a', nameEn: 'b', date: '2026-12-11' },
    });
    expect(duplicate.status).toBe(409);

    // An edition for it, then it is moved and retired.
    const edition = await send(t.app, 'POST', '/api/v1/editions', {
      cookie: admin(),
      body: { code: 'ref-edition', meeting: 'council-5' },
    });
    expect(edition.status).toBe(201);
    const list = referenceListResponse.parse((await send(t.app, 'GET', '/api/v1/meetings', { cookie: admin() })).body);
    expect(list.items.find((m) => m.code === 'council-5')?.usedBy).toEqual({ editions: 1, rounds: 0 });
    const deadlines = referenceListResponse.parse((await send(t.app, 'GET', '/api/v1/deadlines', { cookie: admin() })).body);
    expect(deadlines.items.find((d) => d.code === 'summer-2028')?.usedBy.editions).toBe(1);

    const updateId = requestId();
    const moved = await send(t.app, 'PATCH', '/api/v1/meetings/council-5', {
      cookie: admin(),
      body: { nameEn: 'Council (5th)', date: '2026-12-12', retired: true },
      headers: { 'x-request-id': updateId },
    });
    expect(moved.status).toBe(200);
    const [row] = await auditOf(updateId);
    expect(row?.action).toBe('meeting.update');
    expect(JSON.parse(row?.before_json ?? 'null')).toEqual({
      nameJa: '推進会議（第5回）',
      nameEn: 'Council (5)',
      date: '2026-12-10',
      retired: false,
    });
    expect(JSON.parse(row?.after_json ?? 'null')).toEqual({
      nameJa: '推進会議（第5回）',
      nameEn: 'Council (5th)',
      date: '2026-12-12',
      retired: true,
    });

    const meta = await metaOf(otherApp);
    expect(meta.meetings.find((m) => m.code === 'council-5')).toMatchObject({ retired: true, nameEn: 'Council (5th)' });
    expect(meta.nextMeeting).toBeNull();
    const refused = await send(t.app, 'POST', '/api/v1/editions', {
      cookie: admin(),
      body: { code: 'ref-edition-2', meeting: 'council-5' },
    });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused)).toEqual(['meeting']);
    // The edition frozen for it still shows it.
    const frozen = await readResponse(await otherApp.request('/api/v1/editions/ref-edition'));
    expect(frozen.status).toBe(200);
    expect(JSON.stringify(frozen.body)).toContain('council-5');

    const restored = await send(t.app, 'PATCH', '/api/v1/meetings/council-5', { cookie: admin(), body: { retired: false } });
    expect(referenceItem.parse(restored.body).retired).toBe(false);
    expect((await metaOf(otherApp)).nextMeeting).toBe('council-5');
  });
});
