import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { errorResponse, measureDetailResponse, measureListResponse, summaryResponse } from '../../server/schemas/responses';
import type { MeasureDetailResponse } from '../../server/schemas/responses';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { currentEtag, send, signIn, signedInUsers } from '../support/sessions';
import type { SendOptions, SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// The write API (docs/product.md §4): a status report appends to the log and moves the measure's cached
// state with it; PATCH edits a measure's own fields; milestones are created and rescheduled with
// their baseline kept; every body is a strict schema, checked against the measure's state too.
// The clock is pinned at FIXTURE_NOW (2026-11-26 12:00 JST); see tests/support/fixture-measures.ts.

const ADMIN = 'admin@example.go.jp';
const METI_LEAD = 'meti-lead@example.go.jp';
const MEXT_LEAD = 'mext-lead@example.go.jp';
const NOW_ISO = FIXTURE_NOW.toISOString();
const DUE_ISO = '2026-12-26T03:00:00.000Z'; // NOW + 30 days (the fixture's reporting cycle)

function issuePaths(result: SendResult): string[] {
  const parsed = errorResponse.safeParse(result.body);
  if (!parsed.success) throw new Error(`not an error body: ${JSON.stringify(result.body)}`);
  return (parsed.data.error.issues ?? []).map((i) => i.path.join('.'));
}

describe.each(TEST_DIALECTS)('measure writes on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, [
      { email: ADMIN, role: 'admin', displayName: 'Admin Taro' },
      { email: METI_LEAD, role: 'ministry_lead', ministry: 'meti', displayName: '経産 花子' },
      { email: MEXT_LEAD, role: 'ministry_lead', ministry: 'mext', displayName: '文科 次郎' },
    ]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function detail(code: string): Promise<MeasureDetailResponse> {
    return getOk(t, `/api/v1/measures/${code}`, measureDetailResponse);
  }

  /** A write as `email`, based on the measure's current ETag. */
  async function write(
    email: string,
    method: string,
    path: string,
    body: unknown,
    options: SendOptions = {},
  ): Promise<SendResult> {
    const code = /\/measures\/([^/]+)/.exec(path)?.[1] ?? '';
    return send(t.app, method, path, { cookie: cookies.get(email), ifMatch: await currentEtag(t.app, code), body, ...options });
  }

  describe('POST /measures/:code/reports', () => {
    it('appends a report, completes milestones and updates the cached state in one go', async () => {
      const before = await detail('MEXT-0002');
      const summaryBefore = await getOk(t, '/api/v1/stats/summary', summaryResponse);
      expect(before.health).toBe('stale');
      expect(before.progress).toBeCloseTo(0.25, 10);
      const open = before.milestoneList.find((m) => m.completedDate === null && m.overdue);
      if (!open) throw new Error('fixture: MEXT-0002 has an overdue milestone');

      const res = await write(MEXT_LEAD, 'POST', '/api/v1/measures/MEXT-0002/reports', {
        status: 'in_progress',
        health: 'on_track',
        note: '第2節目を達成。',
        evidenceUrl: 'https://www.mext.go.jp/report.pdf',
        milestonesCompleted: [{ milestoneId: open.id, completedDate: '2026-11-20' }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const after = measureDetailResponse.parse(res.body);
      expect(res.headers.get('etag')).toBe(`"v${before.version + 1}"`);
      expect(after.version).toBe(before.version + 1);
      expect(after.reports).toHaveLength(before.reports.length + 1);
      expect(after.reports[0]).toMatchObject({
        reportedAt: NOW_ISO,
        reporter: '文科 次郎',
        status: 'in_progress',
        health: 'on_track',
        note: '第2節目を達成。',
        evidenceUrl: 'https://www.mext.go.jp/report.pdf',
        milestonesCompleted: [{ milestoneId: open.id, completedDate: '2026-11-20' }],
      });
      expect(after).toMatchObject({
        status: 'in_progress',
        health: 'on_track',
        reportedHealth: 'on_track',
        stale: false,
        lastReportedAt: NOW_ISO,
        reportDueAt: DUE_ISO,
        updatedAt: NOW_ISO,
        milestones: { total: 3, done: 2, overdue: 0 },
      });
      expect(after.progress).toBeCloseTo(0.5, 10);
      expect(after.milestoneList.find((m) => m.id === open.id)?.completedDate).toBe('2026-11-20');
      // The GET agrees with the write's answer.
      expect(await detail('MEXT-0002')).toEqual(after);

      // The cached columns equal the log's projection (decision 003).
      const row = await t.database.db
        .selectFrom('measures')
        .selectAll()
        .where('code', '=', 'MEXT-0002')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        status: 'in_progress',
        health: 'on_track',
        last_reported_at: NOW_ISO,
        report_due_at: DUE_ISO,
        updated_at: NOW_ISO,
        version: before.version + 1,
      });
      const report = await t.database.db
        .selectFrom('status_reports')
        .selectAll()
        .where('measure_id', '=', row.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(report.next_report_due_at).toBe(DUE_ISO);

      // The dashboard follows: one measure less stale, one more on track, one more milestone done.
      const summaryAfter = await getOk(t, '/api/v1/stats/summary', summaryResponse);
      expect(summaryAfter.byHealth.stale).toBe((summaryBefore.byHealth.stale ?? 0) - 1);
      expect(summaryAfter.byHealth.on_track).toBe((summaryBefore.byHealth.on_track ?? 0) + 1);
      expect(summaryAfter.milestones.done).toBe(summaryBefore.milestones.done + 1);
      expect(summaryAfter.milestones.overdue).toBe(summaryBefore.milestones.overdue - 1);
      const list = await getOk(t, '/api/v1/measures?health=stale', measureListResponse);
      expect(list.items.map((i) => i.code)).not.toContain('MEXT-0002');
    });

    it('keeps the past: as of yesterday the measure is as it was', async () => {
      const then = await getOk(t, '/api/v1/measures/MEXT-0002?asOf=2026-11-25', measureDetailResponse);
      expect(then.health).toBe('stale');
      expect(then.reportedHealth).toBe('at_risk');
    });

    it('never dates a report before the previous one, whatever a lagging server clock says', async () => {
      const first = await write(ADMIN, 'POST', '/api/v1/measures/DIGITAL-0012/reports', {
        status: 'completed',
        health: 'on_track',
        note: 'on time',
      });
      expect(first.status).toBe(201);
      // A second server process whose clock is an hour behind.
      const lagging = createApp({
        db: t.database.db,
        dialect: t.database.dialect,
        now: () => new Date(FIXTURE_NOW.getTime() - 3_600_000),
      });
      const cookie = await signIn(lagging, ADMIN);
      const second = await send(lagging, 'POST', '/api/v1/measures/DIGITAL-0012/reports', {
        cookie,
        ifMatch: first.headers.get('etag'),
        body: { status: 'in_progress', health: 'at_risk', note: 'reopened' },
      });
      expect(second.status, JSON.stringify(second.body)).toBe(201);
      const after = measureDetailResponse.parse(second.body);
      expect(after.reports[0]).toMatchObject({ note: 'reopened', reportedAt: NOW_ISO });
      // The cached state is the latest report's, as the log (reported_at, then id) says.
      expect(after).toMatchObject({
        status: 'in_progress',
        reportedHealth: 'at_risk',
        lastReportedAt: NOW_ISO,
        reportDueAt: DUE_ISO,
      });
      const list = await getOk(t, '/api/v1/measures?status=in_progress&health=at_risk', measureListResponse);
      expect(list.items.map((i) => i.code)).toContain('DIGITAL-0012');
    });

    it('refuses "completed" while a milestone is open, and accepts it when the report completes the last one', async () => {
      const before = await detail('FSA-0010');
      const [only] = before.milestoneList;
      if (!only) throw new Error('fixture: FSA-0010 has one milestone');
      const refused = await write(ADMIN, 'POST', '/api/v1/measures/FSA-0010/reports', {
        status: 'completed',
        health: 'on_track',
      });
      expect(refused.status).toBe(400);
      expect(issuePaths(refused)).toEqual(['status']);
      expect((await detail('FSA-0010')).version).toBe(before.version);

      const accepted = await write(ADMIN, 'POST', '/api/v1/measures/FSA-0010/reports', {
        status: 'completed',
        health: 'on_track',
        milestonesCompleted: [{ milestoneId: only.id, completedDate: '2026-11-26' }],
      });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
      const after = measureDetailResponse.parse(accepted.body);
      expect(after).toMatchObject({ status: 'completed', health: 'on_track', progress: 1, stale: false });
      expect(after.reports[0]?.evidenceUrl).toBeNull();
      expect(after.reports[0]?.note).toBe('');
    });

    it("rejects milestones that are not the measure's, already done, in the future or before its creation", async () => {
      const meti = await detail('METI-0001');
      const mext = await detail('MEXT-0008');
      const done = meti.milestoneList.find((m) => m.completedDate !== null);
      const open = meti.milestoneList.filter((m) => m.completedDate === null);
      const foreign = mext.milestoneList[0];
      if (!done || open.length < 2 || !foreign) throw new Error('fixture changed');
      const res = await write(METI_LEAD, 'POST', '/api/v1/measures/METI-0001/reports', {
        status: 'in_progress',
        health: 'on_track',
        milestonesCompleted: [
          { milestoneId: foreign.id, completedDate: '2026-11-01' },
          { milestoneId: done.id, completedDate: '2026-11-01' },
          { milestoneId: open[0]?.id, completedDate: '2026-11-27' }, // tomorrow in Japan
          { milestoneId: open[1]?.id, completedDate: '2026-01-09' }, // the day before its creation
        ],
      });
      expect(res.status).toBe(400);
      expect(issuePaths(res)).toEqual([
        'milestonesCompleted.0.milestoneId',
        'milestonesCompleted.1.milestoneId',
        'milestonesCompleted.2.completedDate',
        'milestonesCompleted.3.completedDate',
      ]);
      const repeated = await write(METI_LEAD, 'POST', '/api/v1/measures/METI-0001/reports', {
        status: 'in_progress',
        health: 'on_track',
        milestonesCompleted: [
          { milestoneId: open[0]?.id, completedDate: '2026-11-01' },
          { milestoneId: open[0]?.id, completedDate: '2026-11-02' },
        ],
      });
      expect(repeated.status).toBe(400);
      expect(issuePaths(repeated)).toEqual(['milestonesCompleted.1.milestoneId']);
      const after = await detail('METI-0001');
      expect(after.version).toBe(meti.version);
      expect(after.reports).toHaveLength(meti.reports.length);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown field', { status: 'in_progress', health: 'on_track', mood: 'great' }, 'mood'],
      ['a version (mass assignment)', { status: 'in_progress', health: 'on_track', version: 1 }, 'version'],
      ['a reporter (mass assignment)', { status: 'in_progress', health: 'on_track', reporter: 'someone else' }, 'reporter'],
      ['a missing status', { health: 'on_track' }, 'status'],
      ['an unknown status', { status: 'done', health: 'on_track' }, 'status'],
      ['stale as a reported health', { status: 'in_progress', health: 'stale' }, 'health'],
      ['a note over 4000 characters', { status: 'in_progress', health: 'on_track', note: 'あ'.repeat(4001) }, 'note'],
      ['a NUL in the note', { status: 'in_progress', health: 'on_track', note: 'a\u0000b' }, 'note'],
      [
        'a javascript: evidence URL',
        { status: 'in_progress', health: 'on_track', evidenceUrl: 'javascript:alert(1)' },
        'evidenceUrl',
      ],
      [
        'an evidence URL that is no URL',
        { status: 'in_progress', health: 'on_track', evidenceUrl: 'see the file' },
        'evidenceUrl',
      ],
      [
        'a bad completion date',
        { status: 'in_progress', health: 'on_track', milestonesCompleted: [{ milestoneId: 1, completedDate: '2026-02-30' }] },
        'milestonesCompleted.0.completedDate',
      ],
      [
        'a milestone id as a string',
        { status: 'in_progress', health: 'on_track', milestonesCompleted: [{ milestoneId: '1', completedDate: '2026-11-01' }] },
        'milestonesCompleted.0.milestoneId',
      ],
      [
        'an unknown key in a completion',
        {
          status: 'in_progress',
          health: 'on_track',
          milestonesCompleted: [{ milestoneId: 1, completedDate: '2026-11-01', weight: 5 }],
        },
        'weight',
      ],
    ])('answers 400 naming the field for %s, and writes nothing', async (_what, body, path) => {
      const before = await detail('METI-0001');
      const res = await write(METI_LEAD, 'POST', '/api/v1/measures/METI-0001/reports', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(issuePaths(res)).toContain(path);
      expect((await detail('METI-0001')).version).toBe(before.version);
    });

    it('answers 400 for malformed JSON and 415 for a non-JSON body', async () => {
      const malformed = await write(METI_LEAD, 'POST', '/api/v1/measures/METI-0001/reports', '{"status": "in_progress",');
      expect(malformed.status).toBe(400);
      expect(errorResponse.parse(malformed.body).error.code).toBe('invalid_json');
      const form = await write(METI_LEAD, 'POST', '/api/v1/measures/METI-0001/reports', 'status=completed', {
        // A real client sends the length; app.request does not add it.
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '16' },
      });
      expect(form.status).toBe(415);
      const huge = await write(METI_LEAD, 'POST', '/api/v1/measures/METI-0001/reports', {
        status: 'in_progress',
        health: 'on_track',
        note: 'x'.repeat(100_000),
      });
      expect(huge.status).toBe(413);
      expect(errorResponse.parse(huge.body).error.code).toBe('payload_too_large');
    });

    it('answers 404 for an unknown measure and 400 for a malformed code', async () => {
      const unknown = await send(t.app, 'POST', '/api/v1/measures/METI-9999/reports', {
        cookie: cookies.get(ADMIN),
        ifMatch: '"v1"',
        body: { status: 'in_progress', health: 'on_track' },
      });
      expect(unknown.status).toBe(404);
      const malformed = await send(t.app, 'POST', '/api/v1/measures/not_a_code/reports', {
        cookie: cookies.get(ADMIN),
        ifMatch: '"v1"',
        body: { status: 'in_progress', health: 'on_track' },
      });
      expect(malformed.status).toBe(400);
      expect(issuePaths(malformed)).toEqual(['code']);
    });
  });

  describe('PATCH /measures/:code', () => {
    it("edits the measure's fields, links and search text", async () => {
      const before = await detail('METI-0001');
      const res = await write(METI_LEAD, 'PATCH', '/api/v1/measures/METI-0001', {
        titleJa: '量子アニーリング実証プロジェクト',
        titleEn: 'Quantum annealing demonstrator',
        summaryEn: 'Edited summary.',
        targetDate: '2027-12-31',
        budgetYen: 1_200_000_000,
        budgetFiscalYear: 2026,
        kpiEn: 'Qubits in service',
        ownerName: '量子 太郎',
        fields: ['ict', 'quantum'],
        coMinistries: ['mext', 'mic'],
        instruments: ['rnd'],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const after = measureDetailResponse.parse(res.body);
      expect(res.headers.get('etag')).toBe(`"v${before.version + 1}"`);
      expect(after).toMatchObject({
        code: 'METI-0001',
        leadMinistry: 'meti',
        titleJa: '量子アニーリング実証プロジェクト',
        titleEn: 'Quantum annealing demonstrator',
        summaryJa: before.summaryJa,
        summaryEn: 'Edited summary.',
        targetDate: '2027-12-31',
        startDate: before.startDate,
        budgetYen: 1_200_000_000,
        budgetFiscalYear: 2026,
        kpiJa: before.kpiJa,
        kpiEn: 'Qubits in service',
        ownerName: '量子 太郎',
        fields: ['ict', 'quantum'],
        primaryField: 'ict',
        // Co-ministries come back in taxonomy order.
        coMinistries: ['mic', 'mext'],
        instruments: ['rnd'],
        // Editing is not reporting: the state and the log are untouched.
        status: before.status,
        health: before.health,
        lastReportedAt: before.lastReportedAt,
        reports: before.reports,
        updatedAt: NOW_ISO,
        version: before.version + 1,
      });

      const found = await getOk(t, '/api/v1/measures?q=annealing', measureListResponse);
      expect(found.items.map((i) => i.code)).toEqual(['METI-0001']);
      const foundJa = await getOk(t, '/api/v1/measures?q=アニーリング', measureListResponse);
      expect(foundJa.items.map((i) => i.code)).toEqual(['METI-0001']);
      const old = await getOk(t, '/api/v1/measures?q=industrialisation', measureListResponse);
      expect(old.total).toBe(0);
      const byField = await getOk(t, '/api/v1/measures?field=ict', measureListResponse);
      expect(byField.items.map((i) => i.code)).toContain('METI-0001');
      const byMinistry = await getOk(t, '/api/v1/measures?ministry=mic', measureListResponse);
      expect(byMinistry.items.map((i) => i.code)).toContain('METI-0001');
      // The lead is still a ministry of the measure.
      const byLead = await getOk(t, '/api/v1/measures?ministry=meti', measureListResponse);
      expect(byLead.items.map((i) => i.code)).toContain('METI-0001');
    });

    it('clears nullable fields with null and leaves the others alone', async () => {
      const res = await write(ADMIN, 'PATCH', '/api/v1/measures/METI-0001', {
        budgetYen: null,
        budgetFiscalYear: null,
        targetDate: null,
        coMinistries: [],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(measureDetailResponse.parse(res.body)).toMatchObject({
        budgetYen: null,
        budgetFiscalYear: null,
        targetDate: null,
        coMinistries: [],
        titleEn: 'Quantum annealing demonstrator',
      });
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a version (mass assignment)', { version: 99 }, 'version'],
      ['a code (identity)', { code: 'METI-9999' }, 'code'],
      ['a lead ministry (not editable)', { leadMinistry: 'mext' }, 'leadMinistry'],
      ['a status (reports set it)', { status: 'completed' }, 'status'],
      ['an empty title', { titleJa: '   ' }, 'titleJa'],
      ['a title with a line break', { titleEn: 'a\nb' }, 'titleEn'],
      ['an unknown field code', { fields: ['quantum', 'astrology'] }, 'fields'],
      ['a repeated field code', { fields: ['quantum', 'quantum'] }, 'fields'],
      ['no field at all', { fields: [] }, 'fields'],
      ['six fields', { fields: ['quantum', 'ict', 'ocean', 'fusion', 'defense', 'content'] }, 'fields'],
      ['an unknown ministry', { coMinistries: ['xyz'] }, 'coMinistries'],
      ['the lead as a co-ministry', { coMinistries: ['meti'] }, 'coMinistries'],
      ['an unknown instrument', { instruments: ['magic'] }, 'instruments'],
      ['no instrument', { instruments: [] }, 'instruments'],
      ['a negative budget', { budgetYen: -1 }, 'budgetYen'],
      ['a fractional budget', { budgetYen: 1.5 }, 'budgetYen'],
      ['a budget as a string', { budgetYen: '100' }, 'budgetYen'],
      ['a fiscal year out of range', { budgetFiscalYear: 1999 }, 'budgetFiscalYear'],
      ['an impossible date', { targetDate: '2027-02-30' }, 'targetDate'],
      ['a target before the start', { startDate: '2027-01-01', targetDate: '2026-12-31' }, 'targetDate'],
    ])('answers 400 naming the field for %s, and changes nothing', async (_what, body, path) => {
      const before = await detail('METI-0001');
      const res = await write(ADMIN, 'PATCH', '/api/v1/measures/METI-0001', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(issuePaths(res)).toContain(path);
      expect(await detail('METI-0001')).toEqual(before);
    });

    it('answers 400 for an empty body', async () => {
      const res = await write(ADMIN, 'PATCH', '/api/v1/measures/METI-0001', {});
      expect(res.status).toBe(400);
      expect(errorResponse.parse(res.body).error.message).toMatch(/at least one/);
    });
  });

  describe('milestones', () => {
    it('creates a milestone whose baseline is its due date, and reschedules it keeping the baseline', async () => {
      const before = await detail('MOD-0004');
      const created = await write(ADMIN, 'POST', '/api/v1/measures/MOD-0004/milestones', {
        titleJa: '量産契約の締結',
        titleEn: 'Production contract signed',
        dueDate: '2027-03-31',
        weight: 2,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const afterCreate = measureDetailResponse.parse(created.body);
      expect(created.headers.get('etag')).toBe(`"v${before.version + 1}"`);
      expect(afterCreate.milestoneList).toHaveLength(before.milestoneList.length + 1);
      const milestone = afterCreate.milestoneList.find((m) => m.titleEn === 'Production contract signed');
      expect(milestone).toMatchObject({
        baselineDueDate: '2027-03-31',
        dueDate: '2027-03-31',
        slipDays: 0,
        weight: 2,
        completedDate: null,
        overdue: false,
      });
      if (!milestone) return;
      // Progress is weight-based: 1 of 2 done before, 1 of 4 now.
      expect(before.progress).toBeCloseTo(0.5, 10);
      expect(afterCreate.progress).toBeCloseTo(0.25, 10);

      const rescheduled = await write(ADMIN, 'PATCH', `/api/v1/measures/MOD-0004/milestones/${milestone.id}`, {
        dueDate: '2027-05-31',
      });
      expect(rescheduled.status, JSON.stringify(rescheduled.body)).toBe(200);
      const afterReschedule = measureDetailResponse.parse(rescheduled.body);
      expect(afterReschedule.version).toBe(afterCreate.version + 1);
      expect(afterReschedule.milestoneList.find((m) => m.id === milestone.id)).toMatchObject({
        baselineDueDate: '2027-03-31',
        dueDate: '2027-05-31',
        slipDays: 61,
        titleEn: 'Production contract signed',
      });

      // Rescheduled again: the slip is still measured from the first plan.
      const again = await write(ADMIN, 'PATCH', `/api/v1/measures/MOD-0004/milestones/${milestone.id}`, {
        dueDate: '2027-04-30',
        titleEn: 'Contract signed',
        weight: 3,
      });
      expect(again.status).toBe(200);
      expect(measureDetailResponse.parse(again.body).milestoneList.find((m) => m.id === milestone.id)).toMatchObject({
        baselineDueDate: '2027-03-31',
        dueDate: '2027-04-30',
        slipDays: 30,
        titleEn: 'Contract signed',
        weight: 3,
      });
    });

    it('weights default to 1', async () => {
      const res = await write(ADMIN, 'POST', '/api/v1/measures/MOD-0004/milestones', {
        titleJa: '評価',
        titleEn: 'Review',
        dueDate: '2027-06-30',
      });
      expect(res.status).toBe(201);
      expect(measureDetailResponse.parse(res.body).milestoneList.find((m) => m.titleEn === 'Review')?.weight).toBe(1);
    });

    it('moves an overdue milestone out of overdue by rescheduling it', async () => {
      const before = await detail('CAO-0003');
      const overdue = before.milestoneList.find((m) => m.overdue);
      if (!overdue) throw new Error('fixture: CAO-0003 has an overdue milestone');
      const res = await write(ADMIN, 'PATCH', `/api/v1/measures/CAO-0003/milestones/${overdue.id}`, { dueDate: '2026-12-31' });
      expect(res.status).toBe(200);
      const after = measureDetailResponse.parse(res.body);
      expect(after.milestoneList.find((m) => m.id === overdue.id)).toMatchObject({
        overdue: false,
        baselineDueDate: overdue.baselineDueDate,
        slipDays: 184,
      });
      expect(after.milestones.overdue).toBe(before.milestones.overdue - 1);
    });

    it('refuses to reschedule a completed milestone but lets its title be corrected', async () => {
      const before = await detail('MHLW-0005');
      const done = before.milestoneList[0];
      if (!done?.completedDate) throw new Error('fixture: MHLW-0005 #1 is done');
      const refused = await write(ADMIN, 'PATCH', `/api/v1/measures/MHLW-0005/milestones/${done.id}`, { dueDate: '2026-12-31' });
      expect(refused.status).toBe(400);
      expect(issuePaths(refused)).toEqual(['dueDate']);
      expect((await detail('MHLW-0005')).version).toBe(before.version);
      const retitled = await write(ADMIN, 'PATCH', `/api/v1/measures/MHLW-0005/milestones/${done.id}`, {
        titleEn: 'Seed round closed',
      });
      expect(retitled.status).toBe(200);
      expect(measureDetailResponse.parse(retitled.body).milestoneList[0]).toMatchObject({
        titleEn: 'Seed round closed',
        dueDate: done.dueDate,
        completedDate: done.completedDate,
      });
    });

    it('answers 404 for a milestone of another measure and 400 for bad bodies', async () => {
      const other = (await detail('MEXT-0008')).milestoneList[0];
      if (!other) throw new Error('fixture changed');
      const foreign = await write(ADMIN, 'PATCH', `/api/v1/measures/MOD-0004/milestones/${other.id}`, { dueDate: '2027-01-31' });
      expect(foreign.status).toBe(404);
      const badId = await write(ADMIN, 'PATCH', '/api/v1/measures/MOD-0004/milestones/abc', { dueDate: '2027-01-31' });
      expect(badId.status).toBe(400);
      expect(issuePaths(badId)).toEqual(['id']);

      for (const [body, path] of [
        [{ titleJa: 'x', titleEn: 'x', dueDate: '2027-01-31', weight: 0 }, 'weight'],
        [{ titleJa: 'x', titleEn: 'x', dueDate: '2027-01-31', weight: 101 }, 'weight'],
        [{ titleJa: 'x', titleEn: 'x', dueDate: '31/01/2027' }, 'dueDate'],
        [{ titleJa: 'x', dueDate: '2027-01-31' }, 'titleEn'],
        [{ titleJa: 'x', titleEn: 'x', dueDate: '2027-01-31', baselineDueDate: '2020-01-01' }, 'baselineDueDate'],
        [{ titleJa: 'x', titleEn: 'x', dueDate: '2027-01-31', completedDate: '2026-01-01' }, 'completedDate'],
      ] as const) {
        const res = await write(ADMIN, 'POST', '/api/v1/measures/MOD-0004/milestones', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(issuePaths(res)).toContain(path);
      }
      const mod = await detail('MOD-0004');
      const first = mod.milestoneList[1];
      if (!first) throw new Error('fixture changed');
      for (const [body, path] of [
        [{ baselineDueDate: '2020-01-01' }, 'baselineDueDate'],
        [{ completedDate: '2026-01-01' }, 'completedDate'],
        [{ weight: -1 }, 'weight'],
      ] as const) {
        const res = await write(ADMIN, 'PATCH', `/api/v1/measures/MOD-0004/milestones/${first.id}`, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(issuePaths(res)).toContain(path);
      }
      const empty = await write(ADMIN, 'PATCH', `/api/v1/measures/MOD-0004/milestones/${first.id}`, {});
      expect(empty.status).toBe(400);
      expect((await detail('MOD-0004')).version).toBe(mod.version);
    });
  });
});
