import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportQueueItem, reportQueueResponse } from '../../server/schemas/follow-up';
import { errorResponse, measureDetailResponse } from '../../server/schemas/responses';
import { reviewConflictResponse } from '../../server/schemas/reviews';
import { auditListResponse } from '../../server/schemas/writes';
import { getError, getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { fileReport, measureReport, reportEtag, review } from '../support/follow-up';
import { send, signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// The review of reports (差し戻し, docs/product.md §4 "The follow-up round"): accept, return with a
// comment, If-Match on the report's review state, one winner of two simultaneous reviews, a newer
// report superseding an older one, the lead's answer to a return, and the audit trail.

const SECRETARIAT = 'sec@example.go.jp';
const ADMIN = 'admin@example.go.jp';
const METI_LEAD = 'meti@example.go.jp';
const MOD_LEAD = 'mod@example.go.jp';

describe.each(TEST_DIALECTS)('reviewing reports on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;
  const as = (email: string) => cookies.get(email);

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, [
      { email: SECRETARIAT, role: 'secretariat' },
      { email: ADMIN, role: 'admin' },
      { email: METI_LEAD, role: 'ministry_lead', ministry: 'meti' },
      { email: MOD_LEAD, role: 'ministry_lead', ministry: 'mod' },
    ]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function reviewRows(reportId: number) {
    return t.database.db.selectFrom('report_reviews').selectAll().where('report_id', '=', reportId).execute();
  }

  it('shows a report with its measure and the report before it, with an ETag of its review state', async () => {
    const res = await t.app.request('/api/v1/reports/3');
    expect(res.status).toBe(200);
    const item = reportQueueItem.parse(await res.json());
    expect(res.headers.get('etag')).toBe(`"report-3-submitted"`);
    expect(item.measure.code).toBe('METI-0001');
    // METI-0001's reports are ids 1, 2, 3 in time order.
    expect([item.report.id, item.previous?.id]).toEqual([3, 2]);
    const first = reportQueueItem.parse((await t.get('/api/v1/reports/1')).body);
    expect(first.previous).toBeNull();
    await getError(t, '/api/v1/reports/999999', 404);
    await getError(t, '/api/v1/reports/abc', 400);
    // Beyond a database integer: no such report, not a database error.
    await getError(t, '/api/v1/reports/99999999999', 404);
  });

  it('accepts a report: 200 with the new ETag, shown on the measure, audited as report.accept', async () => {
    const id = await fileReport(t.app, as(METI_LEAD), 'METI-0001', 'accepted one');
    const res = await review(t.app, as(SECRETARIAT), id, { decision: 'accept' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('etag')).toBe(`"report-${id}-accepted"`);
    const item = reportQueueItem.parse(res.body);
    expect(item.report.review).toEqual({
      state: 'accepted',
      comment: null,
      reviewer: SECRETARIAT,
      reviewedAt: FIXTURE_NOW.toISOString(),
    });
    expect((await measureReport(t.app, 'METI-0001', id)).review.state).toBe('accepted');
    const audit = await send(t.app, 'GET', `/api/v1/audit?entityType=report`, { cookie: as(ADMIN) });
    const row = auditListResponse.parse(audit.body).items.find((r) => r.entityCode === `METI-0001#${id}`);
    expect(row).toMatchObject({
      action: 'report.accept',
      entityType: 'report',
      actor: { email: SECRETARIAT, role: 'secretariat' },
    });
    expect(reportQueueItem.parse(row?.before).report.review.state).toBe('submitted');
    expect(reportQueueItem.parse(row?.after).report.review.state).toBe('accepted');
  });

  it('returns a report only with a comment; the lead answers with a new report, submitted again', async () => {
    const id = await fileReport(t.app, as(METI_LEAD), 'METI-0001', 'unclear one');
    for (const body of [{ decision: 'return' }, { decision: 'return', comment: '   ' }, { decision: 'maybe', comment: 'x' }]) {
      const refused = await review(t.app, as(SECRETARIAT), id, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    const long = await review(t.app, as(SECRETARIAT), id, { decision: 'return', comment: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(await reviewRows(id)).toHaveLength(0);

    const res = await review(t.app, as(SECRETARIAT), id, { decision: 'return', comment: 'KPIの実績値を記入してください' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(reportQueueItem.parse(res.body).report.review).toMatchObject({
      state: 'returned',
      comment: 'KPIの実績値を記入してください',
      reviewer: SECRETARIAT,
    });
    const returned = await getOk(t, '/api/v1/reports?review=returned&measure=METI-0001', reportQueueResponse);
    expect(returned.items.map((i) => i.report.id)).toEqual([id]);

    const answer = await fileReport(t.app, as(METI_LEAD), 'METI-0001', 'the KPI is 12');
    expect((await measureReport(t.app, 'METI-0001', answer)).review.state).toBe('submitted');
    // The returned report is no longer the measure's latest; the answer is in the queue, beside it.
    expect((await getOk(t, '/api/v1/reports?review=returned&measure=METI-0001', reportQueueResponse)).items).toEqual([]);
    const all = await getOk(t, '/api/v1/reports?review=returned&measure=METI-0001&latest=false', reportQueueResponse);
    expect(all.items.map((i) => i.report.id)).toEqual([id]);
    const queue = await getOk(t, '/api/v1/reports?review=submitted&measure=METI-0001', reportQueueResponse);
    expect(queue.items.map((i) => [i.report.id, i.previous?.id, i.previous?.review.state])).toEqual([[answer, id, 'returned']]);

    const audit = await send(t.app, 'GET', `/api/v1/audit?entity=${encodeURIComponent(`METI-0001#${id}`)}`, {
      cookie: as(ADMIN),
    });
    expect(auditListResponse.parse(audit.body).items.map((r) => r.action)).toEqual(['report.return']);
    // The measure's own trail shows the decisions on its reports beside its writes.
    const measureTrail = await send(t.app, 'GET', '/api/v1/audit?entity=METI-0001&entityType=report', { cookie: as(ADMIN) });
    expect(auditListResponse.parse(measureTrail.body).items.map((r) => r.entityCode)).toContain(`METI-0001#${id}`);
  });

  it('needs If-Match (428) naming the current review state (412 with the report as it is now)', async () => {
    const id = await fileReport(t.app, as(METI_LEAD), 'METI-0001', 'precondition');
    const missing = await review(t.app, as(SECRETARIAT), id, { decision: 'accept' }, null);
    expect(missing.status).toBe(428);
    expect(errorResponse.parse(missing.body).error.code).toBe('precondition_required');
    const any = await review(t.app, as(SECRETARIAT), id, { decision: 'accept' }, '*');
    expect(any.status).toBe(428);
    const wrong = await review(t.app, as(SECRETARIAT), id, { decision: 'accept' }, `"report-${id}-accepted"`);
    expect(wrong.status).toBe(412);
    const stale = reviewConflictResponse.parse(wrong.body);
    expect(stale.error.code).toBe('precondition_failed');
    expect(stale.current.report).toMatchObject({ id, review: { state: 'submitted' } });
    expect(wrong.headers.get('etag')).toBe(`"report-${id}-submitted"`);

    const etag = await reportEtag(t.app, id);
    expect((await review(t.app, as(SECRETARIAT), id, { decision: 'accept' }, etag)).status).toBe(200);
    // The same ETag again: the report has been reviewed since.
    const again = await review(t.app, as(ADMIN), id, { decision: 'return', comment: 'no' }, etag);
    expect(again.status).toBe(412);
    expect(reviewConflictResponse.parse(again.body).current.report.review).toMatchObject({
      state: 'accepted',
      reviewer: SECRETARIAT,
    });
    expect(await reviewRows(id)).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous reviews win; the other gets 412 with the winner’s review', async () => {
    for (let round = 0; round < 3; round += 1) {
      const id = await fileReport(t.app, as(MOD_LEAD), 'MOD-0004', `race ${round}`);
      const etag = await reportEtag(t.app, id);
      const results = await Promise.all([
        review(t.app, as(SECRETARIAT), id, { decision: 'accept' }, etag),
        review(t.app, as(ADMIN), id, { decision: 'return', comment: '根拠資料を添付してください' }, etag),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.status === 200);
      const loser = results.find((r) => r.status === 412);
      const rows = await reviewRows(id);
      expect(rows).toHaveLength(1);
      const won = reportQueueItem.parse(winner?.body).report.review;
      expect(reviewConflictResponse.parse(loser?.body).current.report.review).toEqual(won);
      expect(rows[0]?.decision).toBe(won.state);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_code', '=', `MOD-0004#${id}`)
        .execute();
      expect(audit).toHaveLength(1);
    }
  });

  it('refuses to review a report a newer one has superseded (409 report_superseded)', async () => {
    const older = await fileReport(t.app, as(MOD_LEAD), 'MOD-0004', 'older');
    const etag = await reportEtag(t.app, older);
    await fileReport(t.app, as(MOD_LEAD), 'MOD-0004', 'newer');
    const res = await review(t.app, as(SECRETARIAT), older, { decision: 'accept' }, etag);
    expect(res.status).toBe(409);
    expect(errorResponse.parse(res.body).error.code).toBe('report_superseded');
    expect(await reviewRows(older)).toHaveLength(0);
    const unknown = await review(t.app, as(SECRETARIAT), 999999, { decision: 'accept' }, '"report-999999-submitted"');
    expect(unknown.status).toBe(404);
  });

  it('queues reports oldest first, filtered by state, ministry, field and round; each measure’s latest by default', async () => {
    const queue = await getOk(t, '/api/v1/reports?review=submitted&pageSize=500', reportQueueResponse);
    const times = queue.items.map((i) => i.report.reportedAt);
    expect(times).toEqual([...times].sort());
    // Latest only: one item per measure, and it is the measure's latest report.
    const codes = queue.items.map((i) => i.measure.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const item of queue.items) {
      const detail = measureDetailResponse.parse((await t.get(`/api/v1/measures/${item.measure.code}`)).body);
      expect(detail.reports[0]?.id).toBe(item.report.id);
      expect(item.report.review.state).toBe('submitted');
    }
    const meti = await getOk(t, '/api/v1/reports?ministry=meti&latest=false&pageSize=500', reportQueueResponse);
    expect(new Set(meti.items.map((i) => i.measure.leadMinistry))).toEqual(new Set(['meti']));
    const quantum = await getOk(t, '/api/v1/reports?field=quantum', reportQueueResponse);
    expect(quantum.items.map((i) => i.measure.code).sort()).toEqual(['MEXT-0008', 'METI-0001'].sort());
    const page = await getOk(t, '/api/v1/reports?latest=false&pageSize=2&page=2', reportQueueResponse);
    expect([page.items.length, page.page, page.pageSize]).toEqual([2, 2, 2]);
    expect(page.total).toBeGreaterThan(4);
    await getError(t, '/api/v1/reports?round=nope', 400);
    await getError(t, '/api/v1/reports?review=maybe', 400);
    await getError(t, '/api/v1/reports?ministry=nope', 400);
    await getError(t, '/api/v1/reports?latest=yes', 400);
  });

  it('shows a past view of a report as submitted when it was reviewed later', async () => {
    // CAO-0003's latest fixture report, reviewed today: yesterday it was still submitted.
    const latest = measureDetailResponse.parse((await t.get('/api/v1/measures/CAO-0003')).body).reports[0];
    if (!latest) throw new Error('fixture: CAO-0003 has reports');
    expect((await review(t.app, as(SECRETARIAT), latest.id, { decision: 'accept' })).status).toBe(200);
    const then = measureDetailResponse.parse((await t.get('/api/v1/measures/CAO-0003?asOf=2026-11-25')).body);
    expect(then.reports.find((r) => r.id === latest.id)?.review.state).toBe('submitted');
    expect((await measureReport(t.app, 'CAO-0003', latest.id)).review.state).toBe('accepted');
  });
});
