import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationQueueResponse } from '../../server/schemas/follow-up';
import { errorResponse, measureDetailResponse, measureListResponse } from '../../server/schemas/responses';
import type { MeasureDetailResponse, MilestoneDto } from '../../server/schemas/responses';
import { auditListResponse } from '../../server/schemas/writes';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { currentEtag, send, signedInUsers } from '../support/sessions';
import type { SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Verified milestones (docs/product.md §3 "Verified milestones", §4): a completion the ministry
// reports is verified by the secretariat against its evidence, or rejected with a comment (not
// complete again, the history kept). Verification is a measure write (If-Match, version, audit) by
// the centre's right. The clock is pinned at FIXTURE_NOW (2026-11-26 12:00 JST).

const USERS = {
  admin: { email: 'admin@example.go.jp', role: 'admin' },
  metiLead: { email: 'meti@example.go.jp', role: 'ministry_lead', ministry: 'meti' },
  mextLead: { email: 'mext@example.go.jp', role: 'ministry_lead', ministry: 'mext' },
  secretariat: { email: 'sec@example.go.jp', role: 'secretariat' },
  executive: { email: 'exec@example.go.jp', role: 'executive' },
  analyst: { email: 'analyst@example.go.jp', role: 'analyst' },
} as const;
type Who = keyof typeof USERS | 'anonymous';

const EVIDENCE = 'https://www.meti.go.jp/evidence/roadmap.pdf';

function errorCode(result: SendResult): string {
  return errorResponse.parse(result.body).error.code;
}

describe.each(TEST_DIALECTS)('verified milestones on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, Object.values(USERS));
  });
  afterAll(async () => {
    await t?.drop();
  });

  const cookieOf = (who: Who) => (who === 'anonymous' ? undefined : cookies.get(USERS[who].email));

  async function detail(code: string): Promise<MeasureDetailResponse> {
    return getOk(t, `/api/v1/measures/${code}`, measureDetailResponse);
  }
  async function write(who: Who, method: string, path: string, body: unknown): Promise<SendResult> {
    const code = /\/measures\/([^/]+)/.exec(path)?.[1] ?? '';
    return send(t.app, method, `/api/v1${path}`, { cookie: cookieOf(who), ifMatch: await currentEtag(t.app, code), body });
  }
  function decide(who: Who, code: string, id: number, body: unknown) {
    return write(who, 'POST', `/measures/${code}/milestones/${id}/verification`, body);
  }
  function milestone(measure: MeasureDetailResponse, id: number): MilestoneDto {
    const found = measure.milestoneList.find((m) => m.id === id);
    if (!found) throw new Error(`no milestone ${id} on ${measure.code}`);
    return found;
  }
  /** A new milestone on the measure with evidence, completed by a report of its lead. */
  async function completedMilestone(code: string, lead: Who, evidenceUrl: string | null = EVIDENCE): Promise<number> {
    const created = await write(lead, 'POST', `/measures/${code}/milestones`, {
      titleJa: '検証対象',
      titleEn: 'To verify',
      dueDate: '2026-11-30',
      evidenceUrl,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = measureDetailResponse.parse(created.body).milestoneList.at(-1)?.id ?? 0;
    const reported = await write(lead, 'POST', `/measures/${code}/reports`, {
      status: 'in_progress',
      health: 'on_track',
      milestonesCompleted: [{ milestoneId: id, completedDate: '2026-11-20' }],
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    return id;
  }

  it('shows every milestone open or reported, with its evidence and an empty history', async () => {
    const m = await detail('METI-0001');
    expect(m.milestoneList.map((x) => x.completion)).toEqual(['reported', 'reported', 'open', 'open']);
    expect(
      m.milestoneList.every((x) => x.verifiedAt === null && x.verifiedBy === null && x.verificationHistory.length === 0),
    ).toBe(true);
  });

  describe('who may verify and reject', () => {
    const cases: [Who, number][] = [
      ['anonymous', 401],
      ['metiLead', 403],
      ['mextLead', 403],
      ['executive', 403],
      ['analyst', 403],
      ['secretariat', 200],
      ['admin', 200],
    ];
    it.each(cases)('%s', async (who, status) => {
      const verifyId = await completedMilestone('METI-0001', 'metiLead');
      const rejectId = await completedMilestone('METI-0001', 'metiLead');
      const verified = await decide(who, 'METI-0001', verifyId, { decision: 'verify' });
      expect(verified.status, JSON.stringify(verified.body)).toBe(status);
      const rejected = await decide(who, 'METI-0001', rejectId, { decision: 'reject', comment: '証拠が不十分' });
      expect(rejected.status, JSON.stringify(rejected.body)).toBe(status);
      const after = await detail('METI-0001');
      expect(milestone(after, verifyId).completion).toBe(status === 200 ? 'verified' : 'reported');
      expect(milestone(after, rejectId).completion).toBe(status === 200 ? 'open' : 'reported');
    });
  });

  it('verifies: needs a completion, evidence, and no verification yet; bumps the version; is audited', async () => {
    const noEvidence = await completedMilestone('METI-0001', 'metiLead', null);
    const refused = await decide('secretariat', 'METI-0001', noEvidence, { decision: 'verify' });
    expect(refused.status).toBe(409);
    expect(errorCode(refused)).toBe('evidence_required');
    const open = (await detail('METI-0001')).milestoneList.find((m) => m.completion === 'open');
    if (!open) throw new Error('fixture: METI-0001 has open milestones');
    const notDone = await decide('secretariat', 'METI-0001', open.id, { decision: 'verify' });
    expect(errorCode(notDone)).toBe('milestone_not_completed');
    expect((await decide('secretariat', 'METI-0001', open.id, { decision: 'reject', comment: 'x' })).status).toBe(409);
    expect((await decide('secretariat', 'METI-0001', 999999, { decision: 'verify' })).status).toBe(404);
    const unknown = await send(t.app, 'POST', '/api/v1/measures/METI-9999/milestones/1/verification', {
      cookie: cookieOf('secretariat'),
      ifMatch: '"v1"',
      body: { decision: 'verify' },
    });
    expect(unknown.status).toBe(404);
    const noIfMatch = await send(t.app, 'POST', `/api/v1/measures/METI-0001/milestones/${noEvidence}/verification`, {
      cookie: cookieOf('secretariat'),
      body: { decision: 'verify' },
    });
    expect(noIfMatch.status).toBe(428);
    const stale = await send(t.app, 'POST', `/api/v1/measures/METI-0001/milestones/${noEvidence}/verification`, {
      cookie: cookieOf('secretariat'),
      ifMatch: '"v1"',
      body: { decision: 'verify' },
    });
    expect(stale.status).toBe(412);

    // Evidence added afterwards by the lead (PATCH): now it can be verified.
    const patched = await write('metiLead', 'PATCH', `/measures/METI-0001/milestones/${noEvidence}`, { evidenceUrl: EVIDENCE });
    expect(milestone(measureDetailResponse.parse(patched.body), noEvidence).evidenceUrl).toBe(EVIDENCE);
    const before = await detail('METI-0001');
    const res = await decide('secretariat', 'METI-0001', noEvidence, { decision: 'verify', comment: '確認済み' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = measureDetailResponse.parse(res.body);
    expect(after.version).toBe(before.version + 1);
    expect(res.headers.get('etag')).toBe(`"v${after.version}"`);
    expect(milestone(after, noEvidence)).toMatchObject({
      completion: 'verified',
      completedDate: '2026-11-20',
      verifiedAt: FIXTURE_NOW.toISOString(),
      verifiedBy: USERS.secretariat.email,
      verificationHistory: [
        {
          decision: 'verified',
          comment: '確認済み',
          completedDate: '2026-11-20',
          evidenceUrl: EVIDENCE,
          actor: USERS.secretariat.email,
          decidedAt: FIXTURE_NOW.toISOString(),
        },
      ],
    });
    const again = await decide('admin', 'METI-0001', noEvidence, { decision: 'verify' });
    expect(errorCode(again)).toBe('already_verified');

    const audit = auditListResponse.parse(
      (await send(t.app, 'GET', `/api/v1/audit?entity=METI-0001/milestones/${noEvidence}`, { cookie: cookieOf('admin') })).body,
    );
    const entry = audit.items.find((e) => e.action === 'milestone.verify');
    expect(entry).toMatchObject({ entityType: 'milestone', actor: { email: USERS.secretariat.email, role: 'secretariat' } });
    expect(entry?.after).toMatchObject({ milestone: { completion: 'verified' } });
  });

  it('rejects with a comment: not complete again, the history kept; a new completion is unverified', async () => {
    const id = await completedMilestone('MEXT-0002', 'mextLead');
    await decide('secretariat', 'MEXT-0002', id, { decision: 'verify' });
    const noComment = await decide('secretariat', 'MEXT-0002', id, { decision: 'reject', comment: '  ' });
    expect(noComment.status).toBe(400);
    expect(errorResponse.parse(noComment.body).error.issues?.map((i) => i.path.join('.'))).toEqual(['comment']);
    expect((await decide('secretariat', 'MEXT-0002', id, { decision: 'maybe' })).status).toBe(400);

    const before = await detail('MEXT-0002');
    const res = await decide('secretariat', 'MEXT-0002', id, { decision: 'reject', comment: '報告書の該当頁がない' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = measureDetailResponse.parse(res.body);
    expect(milestone(after, id)).toMatchObject({
      completion: 'open',
      completedDate: null,
      verifiedAt: null,
      verifiedBy: null,
      evidenceUrl: EVIDENCE,
    });
    expect(milestone(after, id).verificationHistory.map((h) => [h.decision, h.comment])).toEqual([
      ['verified', ''],
      ['rejected', '報告書の該当頁がない'],
    ]);
    // The figures see it as not done again.
    expect(after.milestones.done).toBe(before.milestones.done - 1);

    // The lead completes it again, with new evidence in the report: reported, not verified; the
    // milestone keeps its own evidence link (it had one).
    const report = await write('mextLead', 'POST', '/measures/MEXT-0002/reports', {
      status: 'in_progress',
      health: 'on_track',
      evidenceUrl: 'https://www.mext.go.jp/new.pdf',
      milestonesCompleted: [{ milestoneId: id, completedDate: '2026-11-25' }],
    });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    expect(milestone(measureDetailResponse.parse(report.body), id)).toMatchObject({
      completion: 'reported',
      completedDate: '2026-11-25',
      evidenceUrl: EVIDENCE,
      verifiedAt: null,
    });
    const audit = auditListResponse.parse(
      (await send(t.app, 'GET', `/api/v1/audit?entity=MEXT-0002/milestones/${id}`, { cookie: cookieOf('secretariat') })).body,
    );
    expect(audit.items.map((e) => e.action)).toEqual(['milestone.reject', 'milestone.verify', 'milestone.create']);
  });

  it("a report's evidence link becomes the evidence of the milestones it completes that have none", async () => {
    const created = await write('metiLead', 'POST', '/measures/METI-0001/milestones', {
      titleJa: '証拠なし',
      titleEn: 'No evidence',
      dueDate: '2026-12-31',
    });
    const id = measureDetailResponse.parse(created.body).milestoneList.at(-1)?.id ?? 0;
    const res = await write('metiLead', 'POST', '/measures/METI-0001/reports', {
      status: 'in_progress',
      health: 'on_track',
      evidenceUrl: 'https://www.meti.go.jp/report-2026-11.pdf',
      milestonesCompleted: [{ milestoneId: id, completedDate: '2026-11-26' }],
    });
    expect(milestone(measureDetailResponse.parse(res.body), id)).toMatchObject({
      evidenceUrl: 'https://www.meti.go.jp/report-2026-11.pdf',
      completion: 'reported',
    });
    const bad = await write('metiLead', 'PATCH', `/measures/METI-0001/milestones/${id}`, { evidenceUrl: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
    const cleared = await write('metiLead', 'PATCH', `/measures/METI-0001/milestones/${id}`, { evidenceUrl: null });
    expect(milestone(measureDetailResponse.parse(cleared.body), id).evidenceUrl).toBeNull();
  });

  it('the queue holds the completed, unverified milestones, oldest completion first, under the filters', async () => {
    for (const query of ['', '&ministry=meti', '&field=digital-cyber']) {
      const list = await getOk(t, `/api/v1/measures?pageSize=500${query}`, measureListResponse);
      const details = await Promise.all(list.items.map((m) => detail(m.code)));
      const byHand = details
        .flatMap((m) => m.milestoneList.filter((x) => x.completion === 'reported').map((x) => ({ code: m.code, ...x })))
        .sort((a, b) =>
          (a.completedDate ?? '') === (b.completedDate ?? '')
            ? a.id - b.id
            : (a.completedDate ?? '') < (b.completedDate ?? '')
              ? -1
              : 1,
        );
      const queue = await getOk(t, `/api/v1/milestones?verification=pending&pageSize=200${query}`, verificationQueueResponse);
      expect(queue.total, query).toBe(byHand.length);
      expect(queue.items.map((i) => [i.measure.code, i.milestone.id])).toEqual(byHand.map((m) => [m.code, m.id]));
      const verified = await getOk(t, `/api/v1/milestones?verification=verified&pageSize=200${query}`, verificationQueueResponse);
      expect(verified.total).toBe(details.flatMap((m) => m.milestoneList.filter((x) => x.completion === 'verified')).length);
    }
    const page = await getOk(t, '/api/v1/milestones?pageSize=3&page=2', verificationQueueResponse);
    const all = await getOk(t, '/api/v1/milestones?pageSize=200', verificationQueueResponse);
    expect(page.items).toEqual(all.items.slice(3, 6));
    expect((await t.get('/api/v1/milestones?verification=nope')).status).toBe(400);
    expect((await t.get('/api/v1/milestones?ministry=nowhere')).status).toBe(400);
  });
});
