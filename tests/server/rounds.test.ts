import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundDetailResponse, roundListResponse } from '../../server/schemas/follow-up';
import type { RoundDetailResponse } from '../../server/schemas/follow-up';
import { errorResponse, measureDetailResponse } from '../../server/schemas/responses';
import { auditListResponse } from '../../server/schemas/writes';
import { getError, getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { fileReport, measureReport, openRound, review } from '../support/follow-up';
import type { RoundInput } from '../support/follow-up';
import { send, signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';
import { bytesOf, col, downloadTemplate, dryRun, post, rowOf, surveySheet } from './imports-support';

// Rounds (照会, docs/product.md §4 "The follow-up round"): opening one, its validation, which reports
// belong to it, and its progress per ministry, against the twelve fixture measures
// (tests/support/fixture-measures.ts). The clock starts at FIXTURE_NOW = 2026-11-26 12:00 JST and is
// moved past due dates; sessions are made to outlive that.

const SECRETARIAT = 'sec@example.go.jp';
const ADMIN = 'admin@example.go.jp';
const METI_LEAD = 'meti@example.go.jp';
const MEXT_LEAD = 'mext@example.go.jp';
const USERS = [
  { email: SECRETARIAT, role: 'secretariat' as const },
  { email: ADMIN, role: 'admin' as const },
  { email: METI_LEAD, role: 'ministry_lead' as const, ministry: 'meti' },
  { email: MEXT_LEAD, role: 'ministry_lead' as const, ministry: 'mext' },
];
const LONG_SESSIONS = { requireLogin: false, session: { idleMinutes: 60 * 24 * 30, absoluteHours: 24 * 30 } };

async function setUp(dialect: (typeof TEST_DIALECTS)[number]) {
  const clock = { now: FIXTURE_NOW };
  const t = await createTestApp(dialect, { measures: fixtureMeasures(), now: () => clock.now, auth: LONG_SESSIONS });
  const cookies = await signedInUsers(t.database.db, t.app, USERS);
  return { t, clock, as: (email: string) => cookies.get(email) };
}

describe.each(TEST_DIALECTS)('opening and closing rounds on %s', (dialect) => {
  let t: TestApp;
  let as: (email: string) => string | undefined;

  beforeAll(async () => {
    ({ t, as } = await setUp(dialect));
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function open(input: RoundInput & Record<string, unknown>) {
    return openRound(t.app, as(SECRETARIAT), input);
  }

  it('opens a round: a day opens at its start in Japan and is due at its end; audited as round.open', async () => {
    const res = await open({
      code: '2027-winter',
      opensAt: '2027-01-05',
      dueAt: '2027-01-29T17:00:00+09:00',
      ministries: ['meti'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const round = roundDetailResponse.parse(res.body);
    expect(round).toMatchObject({
      code: '2027-winter',
      opensAt: '2027-01-04T15:00:00.000Z',
      dueAt: '2027-01-29T08:00:00.000Z',
      closedAt: null,
      state: 'scheduled',
      ministries: ['meti'],
      fields: [],
      deadline: null,
      totals: { inScope: 1, submitted: 0, accepted: 0, returned: 0, missing: 1, late: 0 },
    });
    expect(round.measures.map((m) => m.code)).toEqual(['METI-0001']);
    const end = await open({ code: 'end-of-day', opensAt: '2027-02-01', dueAt: '2027-02-01', deadline: 'summer-2027' });
    expect(roundDetailResponse.parse(end.body)).toMatchObject({ dueAt: '2027-02-01T14:59:59.999Z', deadline: 'summer-2027' });

    const audit = await send(t.app, 'GET', '/api/v1/audit?entity=2027-winter', { cookie: as(ADMIN) });
    const rows = auditListResponse.parse(audit.body).items;
    expect(rows.map((r) => [r.action, r.entityType, r.entityCode, r.actor?.email])).toEqual([
      ['round.open', 'round', '2027-winter', SECRETARIAT],
    ]);
  });

  it.each([
    ['a bad code', { code: 'Winter 2027' }, 'code'],
    ['dueAt before opensAt', { opensAt: '2027-03-10', dueAt: '2027-03-09' }, 'dueAt'],
    ['dueAt equal to opensAt', { opensAt: '2027-03-10T00:00:00Z', dueAt: '2027-03-10T09:00:00+09:00' }, 'dueAt'],
    ['a date that does not exist', { dueAt: '2027-02-30' }, 'dueAt'],
    ['an instant without offset', { opensAt: '2027-03-01T09:00:00' }, 'opensAt'],
    ['an unknown ministry', { ministries: ['meti', 'nope'] }, 'ministries'],
    ['an unknown field', { fields: ['warp-drive'] }, 'fields'],
    ['an unknown deadline', { deadline: 'winter-2099' }, 'deadline'],
    ['an empty title', { titleJa: '  ' }, 'titleJa'],
    ['an unknown key', { closedAt: '2027-01-01' }, 'closedAt'],
  ])('refuses %s with 400 naming it', async (_case, change, path) => {
    const res = await open({ code: 'refused', opensAt: '2027-03-01', dueAt: '2027-03-31', ...change });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const body = errorResponse.parse(res.body);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.issues?.map((i) => i.path[0])).toContain(path);
    if (path === 'ministries') expect(body.error.message).toContain('nope');
    await getError(t, '/api/v1/rounds/refused', 404);
  });

  it('refuses a taken code with 409 round_exists', async () => {
    const res = await open({ code: '2027-winter', opensAt: '2027-04-01', dueAt: '2027-04-30' });
    expect(res.status).toBe(409);
    expect(errorResponse.parse(res.body).error.code).toBe('round_exists');
  });

  it('lists rounds newest opening first, with their state', async () => {
    await open({ code: 'past-open', opensAt: '2026-10-01', dueAt: '2026-10-31', ministries: ['mod'], fields: ['defense'] });
    const list = await getOk(t, '/api/v1/rounds', roundListResponse);
    expect(list.items.map((r) => [r.code, r.state])).toEqual([
      ['end-of-day', 'scheduled'],
      ['2027-winter', 'scheduled'],
      ['past-open', 'open'],
    ]);
    await getError(t, '/api/v1/rounds?state=open', 400);
    await getError(t, '/api/v1/rounds/no-such-round', 404);
    await getError(t, '/api/v1/rounds/Not%20A%20Code', 400);
  });

  it('closes a round once (409 round_closed after), audited as round.close', async () => {
    const res = await send(t.app, 'POST', '/api/v1/rounds/past-open/close', { cookie: as(ADMIN) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(roundDetailResponse.parse(res.body)).toMatchObject({ state: 'closed', closedAt: FIXTURE_NOW.toISOString() });
    const again = await send(t.app, 'POST', '/api/v1/rounds/past-open/close', { cookie: as(SECRETARIAT) });
    expect(again.status).toBe(409);
    expect(errorResponse.parse(again.body).error.code).toBe('round_closed');
    const unknown = await send(t.app, 'POST', '/api/v1/rounds/no-such-round/close', { cookie: as(SECRETARIAT) });
    expect(unknown.status).toBe(404);
    const audit = await send(t.app, 'GET', '/api/v1/audit?entity=past-open&entityType=round', { cookie: as(ADMIN) });
    expect(auditListResponse.parse(audit.body).items.map((r) => r.action)).toEqual(['round.close', 'round.open']);
  });

  it('never counts a measure created after the round closed as missing from it', async () => {
    const before = await getOk(t, '/api/v1/rounds/past-open', roundDetailResponse);
    const asked = before.measures.map((m) => m.code);
    expect(asked.length).toBeGreaterThan(0);
    const [first] = asked;
    // As if the measure had been added to the plan after the round closed (no API creates measures yet).
    // created_at is never updated by the app (db/schema.ts), hence raw SQL.
    const later = new Date(FIXTURE_NOW.getTime() + 60_000).toISOString();
    await sql`UPDATE measures SET created_at = ${later} WHERE code = ${first ?? ''}`.execute(t.database.db);
    const after = await getOk(t, '/api/v1/rounds/past-open', roundDetailResponse);
    expect(after.measures.map((m) => m.code)).toEqual(asked.slice(1));
    expect(after.totals.inScope).toBe(before.totals.inScope - 1);
    expect(after.totals.missing).toBe(before.totals.missing - 1);
  });
});

describe.each(TEST_DIALECTS)('which round a report belongs to on %s', (dialect) => {
  let t: TestApp;
  let clock: { now: Date };
  let as: (email: string) => string | undefined;

  beforeAll(async () => {
    ({ t, clock, as } = await setUp(dialect));
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function report(code: string) {
    const id = await fileReport(t.app, as(ADMIN), code);
    return measureReport(t.app, code, id);
  }

  it('takes a report filed while open with the measure in scope; not one out of scope; late after due; none after close', async () => {
    const opened = await openRound(t.app, as(SECRETARIAT), {
      code: 'defense',
      opensAt: '2026-11-26',
      dueAt: '2026-11-27',
      ministries: ['mod'],
      fields: ['defense'],
    });
    expect(opened.status).toBe(201);
    expect(await report('MOD-0004')).toMatchObject({ roundCode: 'defense', late: false, review: { state: 'submitted' } });
    // FSA-0010's lead ministry is not asked.
    expect(await report('FSA-0010')).toMatchObject({ roundCode: null, late: false });

    await openRound(t.app, as(SECRETARIAT), { code: 'quantum', opensAt: '2026-11-26', dueAt: '2026-12-10', fields: ['quantum'] });
    // MEXT-0002 has no field of the round; MEXT-0008 has quantum among its fields.
    expect((await report('MEXT-0002')).roundCode).toBeNull();
    expect((await report('MEXT-0008')).roundCode).toBe('quantum');

    // 2026-11-28 10:00 JST: the defense round was due at the end of 11-27.
    clock.now = new Date('2026-11-28T01:00:00.000Z');
    expect(await report('MOD-0004')).toMatchObject({ roundCode: 'defense', late: true });
    const detail = await getOk(t, '/api/v1/rounds/defense', roundDetailResponse);
    expect(detail.measures).toEqual([
      expect.objectContaining({ code: 'MOD-0004', state: 'submitted', late: true, reportedAt: '2026-11-28T01:00:00.000Z' }),
    ]);
    expect(detail.totals).toEqual({ inScope: 1, submitted: 1, accepted: 0, returned: 0, missing: 0, late: 1 });

    expect((await send(t.app, 'POST', '/api/v1/rounds/defense/close', { cookie: as(SECRETARIAT) })).status).toBe(200);
    expect((await report('MOD-0004')).roundCode).toBeNull();
  });

  it('of two open rounds takes the one that opened last; a scheduled round takes nothing yet', async () => {
    await openRound(t.app, as(SECRETARIAT), {
      code: 'ships-early',
      opensAt: '2026-11-01',
      dueAt: '2026-12-31',
      fields: ['shipbuilding'],
    });
    await openRound(t.app, as(SECRETARIAT), {
      code: 'ports-later',
      opensAt: '2026-11-20',
      dueAt: '2026-12-31',
      fields: ['port-logistics'],
    });
    await openRound(t.app, as(SECRETARIAT), {
      code: 'ports-future',
      opensAt: '2026-12-15',
      dueAt: '2026-12-31',
      fields: ['port-logistics'],
    });
    // MLIT-0007 is in all three (port-logistics and shipbuilding).
    expect((await report('MLIT-0007')).roundCode).toBe('ports-later');
  });
});

describe.each(TEST_DIALECTS)('a survey-form import on %s', (dialect) => {
  let t: TestApp;
  let as: (email: string) => string | undefined;

  beforeAll(async () => {
    ({ t, as } = await setUp(dialect));
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('files its reports into the open round, like a report filed on the page', async () => {
    await openRound(t.app, as(SECRETARIAT), {
      code: 'mext-call',
      opensAt: '2026-11-26',
      dueAt: '2026-12-10',
      ministries: ['mext'],
    });
    const cookie = as(MEXT_LEAD) ?? '';
    const workbook = await downloadTemplate(t, cookie);
    const row = rowOf(surveySheet(workbook), 'MEXT-0008');
    row.getCell(col('newHealth')).value = '要注意';
    row.getCell(col('note')).value = '調査票で回答';
    const result = await dryRun(t, cookie, await bytesOf(workbook));
    expect(result.changes.map((c) => c.code)).toEqual(['MEXT-0008']);
    expect((await post(t, cookie, `/api/v1/imports/${result.id}/apply`)).status).toBe(200);
    const detail = await getOk(t, '/api/v1/measures/MEXT-0008', measureDetailResponse);
    expect(detail.reports[0]).toMatchObject({ note: '調査票で回答', roundCode: 'mext-call', late: false });
    const round = await getOk(t, '/api/v1/rounds/mext-call', roundDetailResponse);
    expect(round.measures.map((m) => [m.code, m.state])).toEqual([
      ['MEXT-0002', 'missing'],
      ['MEXT-0008', 'submitted'],
    ]);
  });
});

describe.each(TEST_DIALECTS)('a round’s progress on %s', (dialect) => {
  let t: TestApp;
  let clock: { now: Date };
  let as: (email: string) => string | undefined;

  beforeAll(async () => {
    ({ t, clock, as } = await setUp(dialect));
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('counts each measure in scope once per ministry, by the state of its latest report in the round', async () => {
    // Asked: cao (CAO-0003), mext (MEXT-0002, MEXT-0008), meti (METI-0001); due at the end of 11-27 JST.
    await openRound(t.app, as(SECRETARIAT), {
      code: 'autumn',
      opensAt: '2026-11-26',
      dueAt: '2026-11-27',
      ministries: ['meti', 'mext', 'cao'],
    });
    const meti = await fileReport(t.app, as(METI_LEAD), 'METI-0001');
    expect((await review(t.app, as(SECRETARIAT), meti, { decision: 'accept' })).status).toBe(200);
    const mext2 = await fileReport(t.app, as(MEXT_LEAD), 'MEXT-0002');
    expect(
      (await review(t.app, as(SECRETARIAT), mext2, { decision: 'return', comment: '進捗の根拠を示してください' })).status,
    ).toBe(200);
    const mext8 = await fileReport(t.app, as(MEXT_LEAD), 'MEXT-0008');
    expect((await review(t.app, as(SECRETARIAT), mext8, { decision: 'return', comment: 'numbers?' })).status).toBe(200);
    // Out of scope: counts nowhere.
    await fileReport(t.app, as(ADMIN), 'MOD-0004');
    // After the due date MEXT answers its returned report: submitted again, and late.
    clock.now = new Date('2026-11-28T00:00:00.000Z');
    await fileReport(t.app, as(MEXT_LEAD), 'MEXT-0002', 'answer to the return');

    const detail: RoundDetailResponse = await getOk(t, '/api/v1/rounds/autumn', roundDetailResponse);
    expect(detail.totals).toEqual({ inScope: 4, submitted: 1, accepted: 1, returned: 1, missing: 1, late: 1 });
    expect(
      detail.byMinistry.map(({ code, inScope, submitted, accepted, returned, missing, late }) => ({
        code,
        counts: [inScope, submitted, accepted, returned, missing, late],
      })),
    ).toEqual([
      { code: 'cao', counts: [1, 0, 0, 0, 1, 0] },
      { code: 'mext', counts: [2, 1, 0, 1, 0, 1] },
      { code: 'meti', counts: [1, 0, 1, 0, 0, 0] },
    ]);
    expect(detail.measures.map((m) => [m.code, m.state, m.late, m.comment])).toEqual([
      ['CAO-0003', 'missing', false, null],
      ['MEXT-0002', 'submitted', true, null],
      ['MEXT-0008', 'returned', false, 'numbers?'],
      ['METI-0001', 'accepted', false, null],
    ]);
    const list = await getOk(t, '/api/v1/rounds', roundListResponse);
    expect(list.items.find((r) => r.code === 'autumn')?.totals).toEqual(detail.totals);
  });
});
