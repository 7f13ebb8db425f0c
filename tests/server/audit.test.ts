import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { errorResponse, measureDetailResponse } from '../../server/schemas/responses';
import type { MeasureDetailResponse } from '../../server/schemas/responses';
import { auditListResponse } from '../../server/schemas/writes';
import type { AuditListResponse } from '../../server/schemas/writes';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { currentEtag, send, signIn, signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// The audit trail (docs/product.md §7): every change writes one row — actor, role, UTC time,
// action, entity, before and after, request id — in the same transaction as the change; refused
// and failed writes write none; the database itself refuses to update or delete a row; only
// administrators read it, filtered by entity, type, actor and JST days.

const ADMIN = 'Admin@Example.go.jp';
const ENV_LEAD = 'env-lead@example.go.jp';
const CODE = 'ENV-0011';
const LATER = new Date('2026-11-28T03:00:00.000Z'); // 2026-11-28 12:00 JST

describe.each(TEST_DIALECTS)('audit trail on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, [
      { email: ADMIN, role: 'admin', displayName: 'Admin' },
      { email: ENV_LEAD, role: 'ministry_lead', ministry: 'env', displayName: '環境 一郎' },
    ]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const admin = () => cookies.get(ADMIN);
  const lead = () => cookies.get(ENV_LEAD);

  async function audit(query = ''): Promise<AuditListResponse> {
    const res = await send(t.app, 'GET', `/api/v1/audit${query}`, { cookie: admin() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return auditListResponse.parse(res.body);
  }

  async function auditCount(): Promise<number> {
    const row = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function detail(code = CODE): Promise<MeasureDetailResponse> {
    return getOk(t, `/api/v1/measures/${code}`, measureDetailResponse);
  }

  it('records each write once, with actor, role, time, action, entity, before, after and request id', async () => {
    const start = await detail();
    const open = start.milestoneList.find((m) => m.completedDate === null);
    if (!open) throw new Error('fixture: ENV-0011 has open milestones');

    const reported = await send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
      cookie: lead(),
      ifMatch: await currentEtag(t.app, CODE),
      headers: { 'x-request-id': 'req-report' },
      body: {
        status: 'in_progress',
        health: 'off_track',
        note: '調達が遅延',
        milestonesCompleted: [{ milestoneId: open.id, completedDate: '2026-11-25' }],
      },
    });
    expect(reported.status).toBe(201);
    expect(reported.headers.get('x-request-id')).toBe('req-report');
    const patched = await send(t.app, 'PATCH', `/api/v1/measures/${CODE}`, {
      cookie: lead(),
      ifMatch: reported.headers.get('etag'),
      headers: { 'x-request-id': 'req-patch' },
      body: { titleEn: 'Transition bonds, second issue' },
    });
    expect(patched.status).toBe(200);
    const created = await send(t.app, 'POST', `/api/v1/measures/${CODE}/milestones`, {
      cookie: admin(),
      ifMatch: patched.headers.get('etag'),
      headers: { 'x-request-id': 'req-create' },
      body: { titleJa: '第2回発行', titleEn: 'Second issue', dueDate: '2027-09-30' },
    });
    expect(created.status).toBe(201);
    const milestone = measureDetailResponse.parse(created.body).milestoneList.find((m) => m.titleEn === 'Second issue');
    if (!milestone) throw new Error('milestone not created');
    const rescheduled = await send(t.app, 'PATCH', `/api/v1/measures/${CODE}/milestones/${milestone.id}`, {
      cookie: admin(),
      ifMatch: created.headers.get('etag'),
      headers: { 'x-request-id': 'req-reschedule' },
      body: { dueDate: '2027-10-31' },
    });
    expect(rescheduled.status).toBe(200);

    const { items, total } = await audit(`?entity=${CODE}`);
    expect(total).toBe(4);
    expect(items.map((i) => [i.action, i.entityType, i.entityCode, i.requestId, i.actor?.email, i.actor?.role])).toEqual([
      ['milestone.update', 'milestone', `${CODE}/milestones/${milestone.id}`, 'req-reschedule', ADMIN.toLowerCase(), 'admin'],
      ['milestone.create', 'milestone', `${CODE}/milestones/${milestone.id}`, 'req-create', ADMIN.toLowerCase(), 'admin'],
      ['measure.update', 'measure', CODE, 'req-patch', ENV_LEAD, 'ministry_lead'],
      ['measure.report', 'measure', CODE, 'req-report', ENV_LEAD, 'ministry_lead'],
    ]);
    expect(items.every((i) => i.occurredAt === FIXTURE_NOW.toISOString())).toBe(true);

    const [reschedule, create, update, report] = items;
    expect(report?.before).toMatchObject({ code: CODE, version: start.version, reportedHealth: 'at_risk' });
    expect(report?.after).toMatchObject({
      code: CODE,
      version: start.version + 1,
      reportedHealth: 'off_track',
      report: {
        note: '調達が遅延',
        reporter: '環境 一郎',
        milestonesCompleted: [{ milestoneId: open.id, completedDate: '2026-11-25' }],
      },
    });
    // The report log is its own history: the snapshots do not copy it.
    expect(report?.before).not.toHaveProperty('reports');
    expect(update?.before).toMatchObject({ titleEn: start.titleEn, version: start.version + 1 });
    expect(update?.after).toMatchObject({ titleEn: 'Transition bonds, second issue', version: start.version + 2 });
    expect(create?.before).toBeNull();
    expect(create?.after).toMatchObject({
      measureCode: CODE,
      measureVersion: start.version + 3,
      milestone: { id: milestone.id, dueDate: '2027-09-30', baselineDueDate: '2027-09-30' },
    });
    expect(reschedule?.before).toMatchObject({ measureVersion: start.version + 3, milestone: { dueDate: '2027-09-30' } });
    expect(reschedule?.after).toMatchObject({
      measureVersion: start.version + 4,
      milestone: { dueDate: '2027-10-31', baselineDueDate: '2027-09-30', slipDays: 31 },
    });
  });

  it('writes nothing for a refused, invalid, stale or precondition-less write', async () => {
    const count = await auditCount();
    const etag = await currentEtag(t.app, CODE);
    const before = await detail();
    const attempts = [
      // schema-invalid
      send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
        cookie: lead(),
        ifMatch: etag,
        body: { status: 'in_progress', health: 'on_track', version: 1 },
      }),
      // invalid against the measure's state
      send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
        cookie: lead(),
        ifMatch: etag,
        body: { status: 'completed', health: 'on_track' },
      }),
      // stale
      send(t.app, 'PATCH', `/api/v1/measures/${CODE}`, { cookie: lead(), ifMatch: '"v1"', body: { titleEn: 'Lost' } }),
      // no If-Match
      send(t.app, 'PATCH', `/api/v1/measures/${CODE}`, { cookie: lead(), body: { titleEn: 'Lost' } }),
      // another ministry's lead is refused
      send(t.app, 'PATCH', '/api/v1/measures/METI-0001', {
        cookie: lead(),
        ifMatch: await currentEtag(t.app, 'METI-0001'),
        body: { titleEn: 'Lost' },
      }),
    ];
    expect((await Promise.all(attempts)).map((r) => r.status)).toEqual([400, 400, 412, 428, 403]);
    expect(await auditCount()).toBe(count);
    expect(await detail()).toEqual(before);
  });

  it('commits the change and its audit row together: when the audit insert fails, the change is rolled back', async () => {
    const before = await detail('MLIT-0007');
    const reports = await t.database.db.selectFrom('status_reports').select('id').execute();
    const db = t.database.db;
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER audit_log_test_outage BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit outage'); END`.execute(
        db,
      );
    } else {
      await sql`CREATE FUNCTION audit_log_test_outage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit outage'; END $$`.execute(
        db,
      );
      await sql`CREATE TRIGGER audit_log_test_outage BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_test_outage()`.execute(
        db,
      );
    }
    try {
      const res = await send(t.app, 'POST', '/api/v1/measures/MLIT-0007/reports', {
        cookie: admin(),
        ifMatch: await currentEtag(t.app, 'MLIT-0007'),
        body: { status: 'in_progress', health: 'on_track', note: 'never stored' },
      });
      expect(res.status).toBe(500);
      const body = errorResponse.parse(res.body);
      expect(body.error.code).toBe('internal_error');
      expect(JSON.stringify(body)).not.toMatch(/audit outage|INSERT|audit_log|\.ts:\d+/);
    } finally {
      if (dialect === 'sqlite') await sql`DROP TRIGGER audit_log_test_outage`.execute(db);
      else await sql`DROP FUNCTION audit_log_test_outage() CASCADE`.execute(db);
    }
    expect(await detail('MLIT-0007')).toEqual(before);
    expect(await t.database.db.selectFrom('status_reports').select('id').execute()).toHaveLength(reports.length);
  });

  it('filters by entity, entity type, actor and JST days, newest first, paged', async () => {
    // A change two days later, through a second server process over the same database.
    const later = createApp({ db: t.database.db, dialect: t.database.dialect, now: () => LATER });
    const laterCookie = await signIn(later, ADMIN);
    const res = await send(later, 'POST', '/api/v1/measures/MOFA-0009/reports', {
      cookie: laterCookie,
      ifMatch: await currentEtag(later, 'MOFA-0009'),
      body: { status: 'in_progress', health: 'on_track' },
    });
    expect(res.status).toBe(201);

    const all = await audit();
    expect(all.total).toBe(5);
    expect(all.items[0]).toMatchObject({ entityCode: 'MOFA-0009', occurredAt: LATER.toISOString() });
    const ids = all.items.map((i) => i.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    expect((await audit('?entity=env-0011')).total).toBe(4);
    expect((await audit(`?entity=${CODE}&entityType=milestone`)).items.map((i) => i.action)).toEqual([
      'milestone.update',
      'milestone.create',
    ]);
    expect((await audit('?entityType=measure')).total).toBe(3);
    const milestoneCode = (await audit('?entityType=milestone')).items[0]?.entityCode ?? '';
    expect((await audit(`?entity=${encodeURIComponent(milestoneCode)}`)).total).toBe(2);
    expect((await audit(`?actor=${encodeURIComponent(ENV_LEAD.toUpperCase())}`)).items.map((i) => i.action)).toEqual([
      'measure.update',
      'measure.report',
    ]);
    expect((await audit('?actor=nobody@example.go.jp')).total).toBe(0);
    expect((await audit('?from=2026-11-27')).items.map((i) => i.entityCode)).toEqual(['MOFA-0009']);
    expect((await audit('?from=2026-11-26&to=2026-11-26')).total).toBe(4);
    expect((await audit('?to=2026-11-25')).total).toBe(0);
    const page = await audit('?pageSize=2&page=2');
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items.map((i) => i.id)).toEqual(ids.slice(2, 4));
  });

  it.each([
    ['?entityTyp=measure', 'entityTyp'],
    ['?from=2026-02-30', 'from'],
    ['?from=2026-11-27&to=2026-11-26', 'to'],
    ['?pageSize=201', 'pageSize'],
    ['?page=0', 'page'],
    ['?actor=a&actor=b', 'actor'],
  ])('answers 400 naming the parameter for %s', async (query, parameter) => {
    const res = await send(t.app, 'GET', `/api/v1/audit${query}`, { cookie: admin() });
    expect(res.status).toBe(400);
    expect(errorResponse.parse(res.body).error.issues?.[0]?.path[0]).toBe(parameter);
  });

  it('is for administrators only', async () => {
    expect((await send(t.app, 'GET', '/api/v1/audit')).status).toBe(401);
    const refused = await send(t.app, 'GET', '/api/v1/audit', { cookie: lead() });
    expect(refused.status).toBe(403);
    expect(errorResponse.parse(refused.body).error.code).toBe('forbidden');
  });

  it('is append-only in the database itself: UPDATE and DELETE are refused', async () => {
    const db = t.database.db;
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows.length).toBeGreaterThan(0);
    await expect(db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(
      db
        .updateTable('audit_log')
        .set({ after_json: null })
        .where('id', '=', rows[0]?.id ?? 0)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(
      db
        .deleteFrom('audit_log')
        .where('id', '=', rows[0]?.id ?? 0)
        .execute(),
    ).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(rows);
  });
});
