import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse, measureDetailResponse } from '../../server/schemas/responses';
import type { MeasureDetailResponse } from '../../server/schemas/responses';
import { preconditionFailedResponse } from '../../server/schemas/writes';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { send, signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// No lost update (docs/product.md §7): every measure response carries an ETag from its version,
// every write needs If-Match — 428 without it, 412 with the current state when it is stale — and
// of many writers holding the same ETag exactly one wins.

const ADMIN = 'admin@example.go.jp';
const WRITERS = 20;

describe.each(TEST_DIALECTS)('ETag and If-Match on %s', (dialect) => {
  let t: TestApp;
  let cookie: string | undefined;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookie = (await signedInUsers(t.database.db, t.app, [{ email: ADMIN, role: 'admin' }])).get(ADMIN);
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function detail(code: string): Promise<MeasureDetailResponse> {
    return getOk(t, `/api/v1/measures/${code}`, measureDetailResponse);
  }

  async function reportCount(code: string): Promise<number> {
    const row = await t.database.db
      .selectFrom('status_reports as r')
      .innerJoin('measures as m', 'm.id', 'r.measure_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('m.code', '=', code)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  function report(code: string, ifMatch: string | null, note = 'note') {
    return send(t.app, 'POST', `/api/v1/measures/${code}/reports`, {
      cookie,
      ifMatch,
      body: { status: 'in_progress', health: 'on_track', note },
    });
  }

  it('GET /measures/:code carries a strong ETag from the version; a past view carries none', async () => {
    const res = await t.get('/api/v1/measures/METI-0001');
    const body = measureDetailResponse.parse(res.body);
    expect(res.headers.get('etag')).toBe(`"v${body.version}"`);
    // The fixture writes version 1 + number of reports.
    expect(body.version).toBe(1 + body.reports.length);
    const past = await t.get('/api/v1/measures/METI-0001?asOf=2026-07-15');
    expect(past.status).toBe(200);
    expect(past.headers.get('etag')).toBeNull();
  });

  it('answers 428 to a write without If-Match (or with *), and writes nothing', async () => {
    const before = await detail('MEXT-0002');
    for (const ifMatch of [null, '*']) {
      const res = await report('MEXT-0002', ifMatch);
      expect(res.status).toBe(428);
      expect(errorResponse.parse(res.body).error.code).toBe('precondition_required');
    }
    const patch = await send(t.app, 'PATCH', '/api/v1/measures/MEXT-0002', { cookie, body: { titleEn: 'x' } });
    expect(patch.status).toBe(428);
    const milestone = await send(t.app, 'POST', '/api/v1/measures/MEXT-0002/milestones', {
      cookie,
      body: { titleJa: 'x', titleEn: 'x', dueDate: '2027-01-01' },
    });
    expect(milestone.status).toBe(428);
    const reschedule = await send(t.app, 'PATCH', `/api/v1/measures/MEXT-0002/milestones/${before.milestoneList[0]?.id}`, {
      cookie,
      body: { dueDate: '2027-01-01' },
    });
    expect(reschedule.status).toBe(428);
    expect(await detail('MEXT-0002')).toEqual(before);
  });

  it('answers 412 with the current state and its ETag when the If-Match is stale', async () => {
    const loaded = await detail('CAO-0003');
    const staleTag = `"v${loaded.version}"`;
    const first = await report('CAO-0003', staleTag, 'first');
    expect(first.status).toBe(201);
    const count = await reportCount('CAO-0003');

    for (const attempt of [
      () => report('CAO-0003', staleTag, 'second'),
      () => send(t.app, 'PATCH', '/api/v1/measures/CAO-0003', { cookie, ifMatch: staleTag, body: { titleEn: 'Overwritten' } }),
      () =>
        send(t.app, 'POST', '/api/v1/measures/CAO-0003/milestones', {
          cookie,
          ifMatch: staleTag,
          body: { titleJa: 'x', titleEn: 'x', dueDate: '2027-01-01' },
        }),
      () =>
        send(t.app, 'PATCH', `/api/v1/measures/CAO-0003/milestones/${loaded.milestoneList[0]?.id}`, {
          cookie,
          ifMatch: staleTag,
          body: { dueDate: '2027-01-01' },
        }),
    ]) {
      const res = await attempt();
      expect(res.status, JSON.stringify(res.body)).toBe(412);
      const body = preconditionFailedResponse.parse(res.body);
      expect(body.error.code).toBe('precondition_failed');
      expect(body.current.version).toBe(loaded.version + 1);
      expect(body.current.reports[0]?.note).toBe('first');
      expect(res.headers.get('etag')).toBe(`"v${loaded.version + 1}"`);
      expect(body.current).toEqual(await detail('CAO-0003'));
    }
    expect(await reportCount('CAO-0003')).toBe(count);
    expect((await detail('CAO-0003')).titleEn).toBe(loaded.titleEn);
  });

  it('compares strongly: a weak or foreign tag never matches, a list matches when one of its tags does', async () => {
    const { version } = await detail('ENV-0011');
    for (const ifMatch of [`W/"v${version}"`, `"${version}"`, '"abc"', `v${version}`]) {
      const res = await report('ENV-0011', ifMatch);
      expect(res.status, ifMatch).toBe(412);
    }
    const listed = await report('ENV-0011', `"v${version - 1}", "v${version}"`);
    expect(listed.status).toBe(201);
    expect(listed.headers.get('etag')).toBe(`"v${version + 1}"`);
  });

  it(`lets exactly one of ${WRITERS} concurrent writers holding the same ETag win`, async () => {
    const before = await detail('MLIT-0007');
    const etag = `"v${before.version}"`;
    const auditBefore = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const results = await Promise.all(Array.from({ length: WRITERS }, (_, i) => report('MLIT-0007', etag, `writer ${i}`)));

    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(WRITERS - 1);
    const winner = results.find((r) => r.status === 201);
    const winnerNote = measureDetailResponse.parse(winner?.body).reports[0]?.note;
    expect(winnerNote).toMatch(/^writer \d+$/);

    const after = await detail('MLIT-0007');
    expect(after.version).toBe(before.version + 1);
    expect(after.reports).toHaveLength(before.reports.length + 1);
    expect(after.reports[0]?.note).toBe(winnerNote);
    expect(await reportCount('MLIT-0007')).toBe(before.reports.length + 1);
    for (const loser of results.filter((r) => r.status === 412)) {
      const body = preconditionFailedResponse.parse(loser.body);
      expect(body.current.version).toBe(before.version + 1);
      expect(body.current.reports[0]?.note).toBe(winnerNote);
    }
    const auditAfter = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n) + 1);
  });

  it(`keeps exactly one of ${WRITERS} concurrent edits, whole`, async () => {
    const before = await detail('MAFF-0006');
    const etag = `"v${before.version}"`;
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        send(t.app, 'PATCH', '/api/v1/measures/MAFF-0006', {
          cookie,
          ifMatch: etag,
          body: { titleEn: `Edit ${i}`, kpiEn: `KPI ${i}` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(WRITERS - 1);
    const after = await detail('MAFF-0006');
    expect(after.version).toBe(before.version + 1);
    // Both fields come from the same writer: no interleaving of two edits.
    expect(after.kpiEn.replace('KPI', 'Edit')).toBe(after.titleEn);
  });

  it(`lets exactly one of ${WRITERS} concurrent milestone creations through`, async () => {
    const before = await detail('MOFA-0009');
    const etag = `"v${before.version}"`;
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        send(t.app, 'POST', '/api/v1/measures/MOFA-0009/milestones', {
          cookie,
          ifMatch: etag,
          body: { titleJa: `節目 ${i}`, titleEn: `Step ${i}`, dueDate: '2027-03-31' },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(WRITERS - 1);
    const after = await detail('MOFA-0009');
    expect(after.milestoneList).toHaveLength(before.milestoneList.length + 1);
    expect(after.version).toBe(before.version + 1);
  });
});
