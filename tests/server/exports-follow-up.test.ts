import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { fileReport, openRound, review } from '../support/follow-up';
import { signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// The reports export carries each report's round and review (docs/product.md §4, "The follow-up
// round"), so an analyst can take the round's answers to Excel: the round code, lateness, the
// review state in words, the comment, who reviewed and when — and as of a past day, a later review
// not yet.

const SECRETARIAT = 'sec@example.go.jp';
const METI_LEAD = 'meti@example.go.jp';
const USERS = [
  { email: SECRETARIAT, role: 'secretariat' as const },
  { email: METI_LEAD, role: 'ministry_lead' as const, ministry: 'meti' },
];
const LONG_SESSIONS = { requireLogin: false, session: { idleMinutes: 60 * 24 * 30, absoluteHours: 24 * 30 } };

interface JsonReport {
  code: string;
  note: string;
  roundCode: string | null;
  late: boolean;
  review: { state: string; comment: string | null; reviewer: string | null };
}

describe.each(TEST_DIALECTS)('the reports export in the follow-up round on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: FIXTURE_NOW };

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: () => clock.now, auth: LONG_SESSIONS });
    const cookies = await signedInUsers(t.database.db, t.app, USERS);
    const opened = await openRound(t.app, cookies.get(SECRETARIAT), {
      code: 'export-round',
      opensAt: '2026-11-01',
      dueAt: '2026-11-20',
      ministries: ['meti'],
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = await fileReport(t.app, cookies.get(METI_LEAD), 'METI-0001', 'late answer for the export');
    // The review happens a day later: as of the day of the report it is still submitted.
    clock.now = new Date(FIXTURE_NOW.getTime() + 24 * 3600_000);
    const returned = await review(t.app, cookies.get(SECRETARIAT), id, {
      decision: 'return',
      comment: '根拠資料を添付してください。',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('names the round, the lateness and the review of each report in CSV (Japanese) and JSON', async () => {
    const csv = await t.app.request('/api/v1/exports/reports.csv?measure=METI-0001');
    expect(csv.status).toBe(200);
    const rows: string[][] = parse((await csv.text()).replace(/^\uFEFF/, ''), { relax_column_count: true });
    const header = rows.find((r) => r.includes('照会'));
    if (!header) throw new Error('no header row with 照会');
    const line = rows.find((r) => r.includes('late answer for the export'));
    if (!line) throw new Error('the report is not in the export');
    const cell = (name: string) => line[header.indexOf(name)];
    expect(cell('照会')).toBe('export-round');
    expect(cell('期限後の提出')).toBe('はい');
    expect(cell('確認状態')).toBe('差し戻し');
    expect(cell('確認コメント')).toBe('根拠資料を添付してください。');
    expect(cell('確認者')).toBe(SECRETARIAT);

    const json = await t.app.request('/api/v1/exports/reports.json?measure=METI-0001&lang=en');
    const body: { rows: JsonReport[] } = await json.json();
    expect(body.rows.find((r) => r.note === 'late answer for the export')).toMatchObject({
      roundCode: 'export-round',
      late: true,
      review: { state: 'returned', comment: '根拠資料を添付してください。', reviewer: SECRETARIAT },
    });
    // An older report answered no round.
    expect(body.rows.filter((r) => r.note !== 'late answer for the export').every((r) => r.roundCode === null)).toBe(true);
  });

  it('shows a review made after the as-of day as not made yet', async () => {
    const json = await t.app.request('/api/v1/exports/reports.json?measure=METI-0001&asOf=2026-11-26');
    const body: { rows: JsonReport[] } = await json.json();
    expect(body.rows.find((r) => r.note === 'late answer for the export')?.review).toMatchObject({
      state: 'submitted',
      comment: null,
    });
  });
});
