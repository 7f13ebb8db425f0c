import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isWithdrawnAsOf } from '../../server/domain/withdrawals';
import { auditListResponse } from '../../server/schemas/writes';
import { errorResponse, measureDetailResponse, summaryResponse } from '../../server/schemas/responses';
import { roundDetailResponse } from '../../server/schemas/follow-up';
import { getOk } from '../support/api-helpers';
import { openRound } from '../support/follow-up';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { currentEtag, send, signedInUsers } from '../support/sessions';
import type { SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Retiring a measure (廃止, issue 13 item 3, docs/decisions/024): who may, what is checked, and what a
// user sees: the measure leaves today's lists and figures, stays readable and exportable, stays in
// every as-of view before the day it took effect, is read-only while withdrawn, and its restoration
// is audited like its withdrawal.

const ADMIN = 'admin@example.go.jp';
const SECRETARIAT = 'secretariat@example.go.jp';
const METI_LEAD = 'meti-lead@example.go.jp';
const MEXT_LEAD = 'mext-lead@example.go.jp';
const EXECUTIVE = 'executive@example.go.jp';
const ANALYST = 'analyst@example.go.jp';

// FIXTURE_NOW is 2026-11-26 (JST). METI-0001 was registered on 2026-01-10.
const TODAY = '2026-11-26';
const CODE = 'METI-0001';
const WITHDRAWN_ON = '2026-10-01';

function errorCode(result: SendResult): string {
  return errorResponse.parse(result.body).error.code;
}

const codesOf = z.object({ items: z.array(z.object({ code: z.string(), withdrawnOn: z.string().nullable() })) });

describe.each(TEST_DIALECTS)('withdrawing measures on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;
  const post = async (email: string | null, action: 'withdraw' | 'restore', body: unknown, code = CODE) =>
    send(t.app, 'POST', `/api/v1/measures/${code}/${action}`, {
      cookie: email ? cookies.get(email) : null,
      ifMatch: await currentEtag(t.app, code),
      body,
    });
  const total = async (query = '') => (await getOk(t, `/api/v1/stats/summary${query}`, summaryResponse)).total;
  const listed = async (query: string) => (await getOk(t, `/api/v1/measures?pageSize=200${query}`, codesOf)).items;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, [
      { email: ADMIN, role: 'admin' },
      { email: SECRETARIAT, role: 'secretariat' },
      { email: METI_LEAD, role: 'ministry_lead', ministry: 'meti' },
      { email: MEXT_LEAD, role: 'ministry_lead', ministry: 'mext' },
      { email: EXECUTIVE, role: 'executive' },
      { email: ANALYST, role: 'analyst' },
    ]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('refuses who may not: 401 without a session, 403 for read-only roles, another ministry and the secretariat', async () => {
    expect((await post(null, 'withdraw', { reason: 'x' })).status).toBe(401);
    for (const email of [EXECUTIVE, ANALYST, MEXT_LEAD, SECRETARIAT]) {
      const result = await post(email, 'withdraw', { reason: 'x' });
      expect(result.status, email).toBe(403);
    }
    const withoutIfMatch = await send(t.app, 'POST', `/api/v1/measures/${CODE}/withdraw`, {
      cookie: cookies.get(METI_LEAD),
      body: { reason: 'x' },
    });
    expect(withoutIfMatch.status).toBe(428);
    expect((await listed('')).map((m) => m.code)).toContain(CODE);
  });

  it('checks the body and the day: a reason, a real date, not in the future, not before the measure existed', async () => {
    for (const [body, path] of [
      [{}, 'reason'],
      [{ reason: '   ' }, 'reason'],
      [{ reason: 'x', date: '2026-13-01' }, 'date'],
      [{ reason: 'x', date: '2026-11-27' }, 'date'],
      [{ reason: 'x', date: '2025-12-31' }, 'date'],
      [{ reason: 'x', code: 'METI-9999' }, ''],
    ] as const) {
      const result = await post(METI_LEAD, 'withdraw', body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(result.body)).toContain(path);
    }
    expect((await send(t.app, 'POST', '/api/v1/measures/METI-9999/withdraw', { cookie: cookies.get(ADMIN) })).status).toBe(404);
    expect((await post(METI_LEAD, 'restore', { reason: 'x' })).status).toBe(409);
  });

  it('takes the measure out of today’s lists and figures, and out of as-of views from its day only', async () => {
    const before = {
      today: await total(),
      beforeDay: await total('?asOf=2026-09-30'),
      onDay: await total(`?asOf=${WITHDRAWN_ON}`),
    };

    const result = await post(METI_LEAD, 'withdraw', { reason: '後継施策（METI-0002）へ統合', date: WITHDRAWN_ON });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const detail = measureDetailResponse.parse(result.body);
    expect(detail.withdrawnOn).toBe(WITHDRAWN_ON);
    expect(detail.withdrawal).toMatchObject({
      date: WITHDRAWN_ON,
      reason: '後継施策（METI-0002）へ統合',
      withdrawnBy: METI_LEAD,
    });
    expect(result.headers.get('etag')).toBe(`"v${detail.version}"`);

    expect(await total()).toBe(before.today - 1);
    expect(await total(`?asOf=${WITHDRAWN_ON}`)).toBe(before.onDay - 1);
    expect(await total('?asOf=2026-09-30')).toBe(before.beforeDay);

    expect((await listed('')).map((m) => m.code)).not.toContain(CODE);
    expect((await listed('&asOf=2026-09-30')).find((m) => m.code === CODE)?.withdrawnOn).toBeNull();
    expect((await listed('&withdrawn=include')).find((m) => m.code === CODE)?.withdrawnOn).toBe(WITHDRAWN_ON);
    expect(await listed('&withdrawn=only')).toEqual([{ code: CODE, withdrawnOn: WITHDRAWN_ON }]);
    expect(await listed('&withdrawn=only&asOf=2026-09-30')).toEqual([]);
    expect(await total('?withdrawn=include')).toBe(before.today);
    expect(await total('?withdrawn=only')).toBe(1);
    const bad = await t.get('/api/v1/measures?withdrawn=maybe');
    expect(bad.status).toBe(400);

    // Still readable: today with the withdrawal, before its day as it was then.
    const now = await getOk(t, `/api/v1/measures/${CODE}`, measureDetailResponse);
    expect(now.withdrawal?.date).toBe(WITHDRAWN_ON);
    const then = await getOk(t, `/api/v1/measures/${CODE}?asOf=2026-09-30`, measureDetailResponse);
    expect(then.withdrawal).toBeNull();
    expect(then.withdrawnOn).toBeNull();

    // Exportable when asked for, absent from the default export.
    const csv = async (query: string) => (await t.app.request(`/api/v1/exports/measures.csv${query}`)).text();
    expect(await csv('')).not.toContain(CODE);
    const included = (await csv('?withdrawn=include')).split(/\r?\n/);
    expect(included[0]).toContain('廃止日');
    expect(included.find((line) => line.startsWith(CODE))).toContain(WITHDRAWN_ON);
  });

  it('is read-only while withdrawn: every other write is a 409, a second withdrawal too', async () => {
    const patch = await send(t.app, 'PATCH', `/api/v1/measures/${CODE}`, {
      cookie: cookies.get(METI_LEAD),
      ifMatch: await currentEtag(t.app, CODE),
      body: { ownerName: '経産 次郎' },
    });
    expect(patch.status).toBe(409);
    expect(errorCode(patch)).toBe('measure_withdrawn');
    const report = await send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
      cookie: cookies.get(METI_LEAD),
      ifMatch: await currentEtag(t.app, CODE),
      body: { status: 'in_progress', health: 'on_track', note: '' },
    });
    expect(report.status).toBe(409);
    const again = await post(ADMIN, 'withdraw', { reason: 'again' });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('measure_withdrawn');
  });

  it('restores it, audited, back in the figures from the day named; the withdrawn days stay withdrawn', async () => {
    const withdrawnTotal = await total();
    expect((await post(METI_LEAD, 'restore', { reason: 'x', date: '2026-09-30' })).status).toBe(400);
    expect((await post(METI_LEAD, 'restore', { reason: 'x', date: '2026-11-27' })).status).toBe(400);
    const result = await post(ADMIN, 'restore', { reason: '統合を取りやめ', date: '2026-11-01' });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const detail = measureDetailResponse.parse(result.body);
    expect(detail.withdrawnOn).toBeNull();
    expect(detail.withdrawal).toBeNull();
    expect(await total()).toBe(withdrawnTotal + 1);
    expect((await listed('&withdrawn=only&asOf=2026-10-15')).map((m) => m.code)).toEqual([CODE]);
    expect(await listed('&withdrawn=only&asOf=2026-11-01')).toEqual([]);
    const then = await getOk(t, `/api/v1/measures/${CODE}?asOf=2026-10-15`, measureDetailResponse);
    expect(then.withdrawal?.reason).toBe('後継施策（METI-0002）へ統合');

    // A new withdrawal may not reach back into the restored period.
    expect((await post(METI_LEAD, 'withdraw', { reason: 'x', date: '2026-10-20' })).status).toBe(400);

    const audit = auditListResponse.parse(
      (await send(t.app, 'GET', `/api/v1/audit?entityType=measure&entity=${CODE}`, { cookie: cookies.get(ADMIN) })).body,
    );
    const actions = audit.items.map((e) => `${e.action} ${e.actor?.email}`);
    expect(actions).toContain(`measure.withdraw ${METI_LEAD}`);
    expect(actions).toContain(`measure.restore ${ADMIN}`);
    // Nothing is deleted: both periods' facts stay in the database.
    const rows = await t.database.db.selectFrom('measure_withdrawals').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ withdrawn_on: WITHDRAWN_ON, restored_on: '2026-11-01', restore_reason: '統合を取りやめ' });
  });

  it('filters as-of days exactly as withdrawals.ts defines them, over several periods', async () => {
    const code = 'MEXT-0002';
    const periods = [
      { withdrawnOn: '2026-03-01', restoredOn: '2026-05-01' },
      { withdrawnOn: '2026-08-15', restoredOn: null },
    ];
    expect((await post(MEXT_LEAD, 'withdraw', { reason: 'a', date: '2026-03-01' }, code)).status).toBe(200);
    expect((await post(MEXT_LEAD, 'restore', { reason: 'b', date: '2026-05-01' }, code)).status).toBe(200);
    expect((await post(MEXT_LEAD, 'withdraw', { reason: 'c', date: '2026-08-15' }, code)).status).toBe(200);
    for (const asOf of ['2026-02-28', '2026-03-01', '2026-04-30', '2026-05-01', '2026-08-14', '2026-08-15', TODAY]) {
      const only = (await listed(`&withdrawn=only&asOf=${asOf}`)).map((m) => m.code);
      const byDefault = (await listed(`&asOf=${asOf}`)).map((m) => m.code);
      const expected = periods.some((p) => isWithdrawnAsOf(p, asOf));
      expect(only.includes(code), asOf).toBe(expected);
      expect(byDefault.includes(code), asOf).toBe(!expected);
    }
  });

  it('is not asked in an open round while withdrawn, and is asked again once restored', async () => {
    const opened = await openRound(t.app, cookies.get(SECRETARIAT), {
      code: 'withdrawal-round',
      opensAt: '2026-11-20',
      dueAt: '2026-12-10',
      ministries: ['mext'],
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const asked = async () =>
      roundDetailResponse.parse((await send(t.app, 'GET', '/api/v1/rounds/withdrawal-round')).body).measures.map((m) => m.code);
    expect(await asked()).toEqual(['MEXT-0008']);
    expect((await post(MEXT_LEAD, 'restore', { reason: 'd' }, 'MEXT-0002')).status).toBe(200);
    expect(await asked()).toEqual(['MEXT-0002', 'MEXT-0008']);
  });
});

// A check that the fixture's day is what the test assumes.
it('runs on the fixture day', () => {
  expect(FIXTURE_NOW.toISOString().slice(0, 10)).toBe(TODAY);
});
