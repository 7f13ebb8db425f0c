import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfJstDay, jstDateOfInstant } from '../../common/calendar';
import { completionOnBasis, completionState } from '../../server/domain/derived-figures';
import { completionOnBasisSql } from '../../server/repositories/measure-filter';
import { BASES } from '../../server/schemas/follow-up';
import type { Basis, ReviewState } from '../../server/schemas/follow-up';
import {
  breakdownResponse,
  burnupResponse,
  heatmapResponse,
  measureListResponse,
  summaryResponse,
} from '../../server/schemas/responses';
import type { MeasureListItem, MeasureListResponse, SummaryResponse } from '../../server/schemas/responses';
import { getError, getOk, withQuery } from '../support/api-helpers';
import { addReviewsAndVerifications } from '../support/basis-fixture';
import type { BasisFixtureRows } from '../support/basis-fixture';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// docs/product.md §3 "Basis", §4 `basis`: the figures on accepted reports and on verified milestone
// completions, today and as of a past day. The expectations come from the rows the fixture wrote,
// read by a small model of the definition below, never from the code under test.

type Pairs = (readonly [string, string])[];

const TODAY = jstDateOfInstant(FIXTURE_NOW.toISOString());
/** Past days on which some reviews and verifications had been made and others not yet. */
const PAST_DAYS = ['2026-05-20', '2026-07-15', '2026-11-12'];

interface View {
  asOf: string;
  instant: string;
}
const viewOf = (asOf: string): View => ({
  asOf,
  instant: asOf === TODAY ? FIXTURE_NOW.toISOString() : endOfJstDay(asOf),
});

/** The model: what a measure's list item shows on a basis, from the fixture's rows. */
function expectedItem(rows: BasisFixtureRows, code: string, basis: Basis, { asOf, instant }: View) {
  const measure = rows.measures.find((m) => m.code === code);
  if (!measure) throw new Error(`no measure ${code}`);
  const reviewOf = (reportId: number) => rows.reviews.find((r) => r.reportId === reportId && r.reviewedAt <= instant);
  const known = rows.reports
    .filter((r) => r.measureId === measure.id && r.reportedAt <= instant)
    .sort((a, b) => (a.reportedAt === b.reportedAt ? b.id - a.id : a.reportedAt < b.reportedAt ? 1 : -1));
  const counted = basis === 'reported' ? known : known.filter((r) => reviewOf(r.id)?.decision === 'accepted');
  const report = counted[0];
  const latest = known[0];
  const milestones = rows.milestones.filter((m) => m.measureId === measure.id);
  const done = milestones.filter(
    (m) =>
      m.completedDate !== null &&
      m.completedDate <= asOf &&
      (basis !== 'verified' || (m.verifiedAt !== null && m.verifiedAt <= instant)),
  );
  const total = milestones.reduce((a, m) => a + m.weight, 0);
  return {
    status: report?.status ?? 'not_started',
    reportedHealth: report?.health ?? null,
    lastReportedAt: report?.reportedAt ?? null,
    reportDueAt: report?.nextReportDueAt ?? measure.createdAt,
    done: done.length,
    progress: total > 0 ? done.reduce((a, m) => a + m.weight, 0) / total : 0,
    review: latest ? ((reviewOf(latest.id)?.decision ?? 'submitted') as ReviewState) : null,
  };
}

function shown(item: MeasureListItem) {
  return {
    status: item.status,
    reportedHealth: item.reportedHealth,
    lastReportedAt: item.lastReportedAt,
    reportDueAt: item.reportDueAt,
    done: item.milestones.done,
    progress: item.progress,
    review: item.review,
  };
}

describe('completionOnBasis and completionState (pure)', () => {
  const instant = '2026-11-26T03:00:00.000Z';
  it('counts a completion on verified only when verified by the instant', () => {
    const reported = { completedDate: '2026-11-01', verifiedAt: null };
    const verified = { completedDate: '2026-11-01', verifiedAt: '2026-11-20T00:00:00.000Z' };
    const later = { completedDate: '2026-11-01', verifiedAt: '2026-11-27T00:00:00.000Z' };
    for (const basis of ['reported', 'accepted'] as const) {
      expect(completionOnBasis(reported, basis, instant)).toBe('2026-11-01');
      expect(completionOnBasis(later, basis, instant)).toBe('2026-11-01');
    }
    expect(completionOnBasis(reported, 'verified', instant)).toBeNull();
    expect(completionOnBasis(verified, 'verified', instant)).toBe('2026-11-01');
    expect(completionOnBasis(later, 'verified', instant)).toBeNull();
    expect(completionOnBasis({ completedDate: null, verifiedAt: null }, 'verified', instant)).toBeNull();
  });
  it('names a milestone open, reported or verified as of a view', () => {
    const ms = { completedDate: '2026-11-01', verifiedAt: '2026-11-20T00:00:00.000Z' };
    expect(completionState(ms, '2026-11-26', instant)).toBe('verified');
    expect(completionState(ms, '2026-11-10', endOfJstDay('2026-11-10'))).toBe('reported');
    expect(completionState(ms, '2026-10-31', endOfJstDay('2026-10-31'))).toBe('open');
    expect(completionState({ completedDate: null, verifiedAt: null }, '2026-11-26', instant)).toBe('open');
  });
});

describe.each(TEST_DIALECTS)('basis on %s', (dialect) => {
  let t: TestApp;
  let rows: BasisFixtureRows;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    rows = await addReviewsAndVerifications(t.database.db, FIXTURE_NOW);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const list = (pairs: Pairs): Promise<MeasureListResponse> =>
    getOk(t, withQuery('/api/v1/measures', [...pairs, ['pageSize', '500']]), measureListResponse);
  const summary = (pairs: Pairs): Promise<SummaryResponse> =>
    getOk(t, withQuery('/api/v1/stats/summary', pairs), summaryResponse);

  it('the fixture tells the bases apart', () => {
    const decisions = new Set(rows.reviews.map((r) => r.decision));
    expect(decisions).toEqual(new Set(['accepted', 'returned']));
    expect(rows.reviews.length).toBeLessThan(rows.reports.length);
    const completed = rows.milestones.filter((m) => m.completedDate !== null);
    expect(completed.some((m) => m.verifiedAt !== null)).toBe(true);
    expect(completed.some((m) => m.verifiedAt === null)).toBe(true);
  });

  it.each(['/measures', '/stats/summary', '/stats/by-field', '/stats/heatmap', '/stats/burnup', '/exports/measures.csv'])(
    '%s refuses an unknown or repeated basis with 400 naming it',
    async (path) => {
      for (const query of ['basis=foo', 'basis=Verified', 'basis=reported&basis=verified', 'basis=']) {
        const error = await getError(t, `/api/v1${path}?${query}`, 400);
        expect(error.error.code, query).toBe('invalid_parameter');
        expect(
          error.error.issues?.map((i) => i.path.join('.')),
          query,
        ).toContain('basis');
      }
    },
  );

  it('the list and every statistic echo the basis, reported by default', async () => {
    for (const basis of [undefined, ...BASES]) {
      const pairs: Pairs = basis ? [['basis', basis]] : [];
      const expected = basis ?? 'reported';
      expect((await list(pairs)).basis).toBe(expected);
      expect((await summary(pairs)).basis).toBe(expected);
      expect((await getOk(t, withQuery('/api/v1/stats/by-ministry', pairs), breakdownResponse)).basis).toBe(expected);
      expect((await getOk(t, withQuery('/api/v1/stats/heatmap', pairs), heatmapResponse)).basis).toBe(expected);
      expect((await getOk(t, withQuery('/api/v1/stats/burnup', pairs), burnupResponse)).basis).toBe(expected);
    }
  });

  it.each([TODAY, ...PAST_DAYS])('as of %s each list item shows the state, milestones and review of its basis', async (asOf) => {
    const view = viewOf(asOf);
    for (const basis of BASES) {
      const l = await list([
        ['basis', basis],
        ['asOf', asOf],
      ]);
      expect(l.items.length).toBeGreaterThan(0);
      for (const item of l.items)
        expect(shown(item), `${basis} ${item.code}`).toEqual(expectedItem(rows, item.code, basis, view));
    }
  });

  it('the bases differ: accepted reports change states, verified completions lower progress', async () => {
    const [reported, accepted, verified] = await Promise.all([
      list([['basis', 'reported']]),
      list([['basis', 'accepted']]),
      list([['basis', 'verified']]),
    ]);
    const stateOf = (l: MeasureListResponse) => l.items.map((i) => [i.code, i.status, i.reportedHealth, i.lastReportedAt]);
    expect(stateOf(accepted)).not.toEqual(stateOf(reported));
    expect(stateOf(verified)).toEqual(stateOf(accepted));
    // On accepted the milestones count as reported; on verified fewer do.
    expect(accepted.items.map((i) => i.milestones)).toEqual(reported.items.map((i) => i.milestones));
    const done = (l: MeasureListResponse) => l.items.reduce((a, i) => a + i.milestones.done, 0);
    expect(done(verified)).toBeLessThan(done(reported));
    expect(done(verified)).toBeGreaterThan(0);
    // A measure with no accepted report is as if never reported: not started and stale.
    const never = accepted.items.filter((i) => i.lastReportedAt === null);
    expect(never.length).toBeGreaterThan(reported.items.filter((i) => i.lastReportedAt === null).length);
    for (const item of never) expect([item.status, item.health, item.stale]).toEqual(['not_started', 'stale', true]);
    // Every review state shows in the list, and null for the measure never reported on.
    expect(new Set(reported.items.map((i) => i.review))).toEqual(new Set(['accepted', 'returned', 'submitted', null]));
  });

  it.each(BASES)('on %s the list sorts by what it shows (progress, last change, most behind)', async (basis) => {
    for (const asOf of [TODAY, ...PAST_DAYS]) {
      const base: Pairs = [
        ['basis', basis],
        ['asOf', asOf],
      ];
      const byUpdate = await list([...base, ['sort', 'updatedAt']]);
      const updates = byUpdate.items.map((i) => i.updatedAt);
      expect(updates, `${asOf} updatedAt`).toEqual([...updates].sort());
      const byProgress = await list([...base, ['sort', 'progress']]);
      const progresses = byProgress.items.map((i) => i.progress);
      expect(progresses, `${asOf} progress`).toEqual([...progresses].sort((a, b) => a - b));
    }
  });

  it('a review or a verification made after the as-of instant does not count then', async () => {
    // A report accepted on a later day than it was filed: as of its filing day it is not yet accepted.
    const late = rows.reviews.find((rv) => {
      const report = rows.reports.find((r) => r.id === rv.reportId);
      return rv.decision === 'accepted' && report && jstDateOfInstant(rv.reviewedAt) > jstDateOfInstant(report.reportedAt);
    });
    const report = rows.reports.find((r) => r.id === late?.reportId);
    if (!late || !report) throw new Error('the fixture has no late acceptance');
    const code = rows.measures.find((m) => m.id === report.measureId)?.code ?? '';
    const filed = jstDateOfInstant(report.reportedAt);
    const reviewed = jstDateOfInstant(late.reviewedAt);
    const item = async (basis: Basis, asOf: string) => {
      const l = await list([
        ['basis', basis],
        ['asOf', asOf],
        ['q', code],
      ]);
      const found = l.items.find((i) => i.code === code);
      if (!found) throw new Error(`${code} not listed as of ${asOf}`);
      return found;
    };
    expect((await item('reported', filed)).lastReportedAt).toBe(report.reportedAt);
    expect((await item('accepted', filed)).lastReportedAt).not.toBe(report.reportedAt);
    expect((await item('reported', filed)).review).toBe('submitted');
    const atReview = await item('accepted', reviewed);
    expect(atReview.lastReportedAt).toBe(expectedItem(rows, code, 'accepted', viewOf(reviewed)).lastReportedAt);
    expect((atReview.lastReportedAt ?? '') >= report.reportedAt).toBe(true);

    // A milestone verified on a later day than it was completed counts on verified only from then.
    const ms = rows.milestones.find(
      (m) => m.completedDate !== null && m.verifiedAt !== null && jstDateOfInstant(m.verifiedAt) > m.completedDate,
    );
    if (!ms?.completedDate || !ms.verifiedAt) throw new Error('the fixture has no late verification');
    const owner = rows.measures.find((m) => m.id === ms.measureId)?.code ?? '';
    const doneOn = async (basis: Basis, asOf: string) => {
      const l = await list([
        ['basis', basis],
        ['asOf', asOf],
        ['q', owner],
      ]);
      return l.items.find((i) => i.code === owner)?.milestones.done ?? -1;
    };
    const completedOn = ms.completedDate;
    const verifiedOn = jstDateOfInstant(ms.verifiedAt);
    expect(await doneOn('verified', completedOn)).toBeLessThan(await doneOn('reported', completedOn));
    expect(await doneOn('verified', verifiedOn)).toBe(expectedItem(rows, owner, 'verified', viewOf(verifiedOn)).done);
    expect(await doneOn('verified', verifiedOn)).toBeGreaterThan(await doneOn('verified', completedOn));
  });

  it.each([[[]], [[['ministry', 'meti']]], [[['asOf', '2026-07-15']]], [[['status', 'in_progress']]]] as Pairs[][])(
    'summary gives the reported and verified progress side by side, whatever the basis asked (%j)',
    async (pairs) => {
      const each = await Promise.all(BASES.map((b) => summary([...pairs, ['basis', b]])));
      const [reported, , verified] = each;
      if (!reported || !verified) throw new Error('no summary');
      for (const s of each) {
        expect(s.progressByBasis).toEqual({ reported: reported.progress, verified: verified.progress });
        expect(s.milestonesDoneByBasis).toEqual({ reported: reported.milestones.done, verified: verified.milestones.done });
      }
      expect(verified.milestones.done).toBeLessThanOrEqual(reported.milestones.done);
    },
  );

  it('the verified figure is below the reported one on the whole fixture', async () => {
    const s = await summary([]);
    expect(s.progressByBasis.verified).toBeLessThan(s.progressByBasis.reported);
    expect(s.milestonesDoneByBasis.verified).toBeLessThan(s.milestonesDoneByBasis.reported);
    expect(s.progressByBasis.reported).toBe(s.progress);
  });

  it.each(BASES)('on %s the burn-up and the heat map agree with the summary and the list', async (basis) => {
    for (const asOf of [TODAY, '2026-07-15']) {
      const pairs: Pairs = [
        ['basis', basis],
        ['asOf', asOf],
      ];
      const [s, b, h, l] = await Promise.all([
        summary(pairs),
        getOk(t, withQuery('/api/v1/stats/burnup', pairs), burnupResponse),
        getOk(t, withQuery('/api/v1/stats/heatmap', pairs), heatmapResponse),
        list(pairs),
      ]);
      expect(b.points.find((p) => p.date === asOf)?.completed, asOf).toBeCloseTo(s.progress, 12);
      for (const cell of h.cells) {
        const members = l.items.filter(
          (i) => i.fields.includes(cell.field) && [i.leadMinistry, ...i.coMinistries].includes(cell.ministry),
        );
        expect(cell.total, `${cell.field}×${cell.ministry}`).toBe(members.length);
        expect(cell.behind).toBe(members.filter((i) => i.health === 'off_track' || i.health === 'stale').length);
      }
    }
  });

  it('the SQL of a completion on a basis equals the pure definition for every milestone', async () => {
    const instants = [FIXTURE_NOW.toISOString(), ...PAST_DAYS.map(endOfJstDay)];
    for (const basis of BASES) {
      for (const asOfInstant of instants) {
        const got = await t.database.db
          .selectFrom('milestones as ms')
          .select(['ms.id', 'ms.completed_date', 'ms.verified_at', completionOnBasisSql({ basis, asOfInstant }).as('counted')])
          .execute();
        expect(got.length).toBe(rows.milestones.length);
        for (const m of got) {
          expect(m.counted, `${basis} ${asOfInstant} #${m.id}`).toBe(
            completionOnBasis({ completedDate: m.completed_date, verifiedAt: m.verified_at }, basis, asOfInstant),
          );
        }
      }
    }
    // Not vacuous: on verified some completions do not count.
    const counted = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM milestones ms WHERE ${completionOnBasisSql({
      basis: 'verified',
      asOfInstant: FIXTURE_NOW.toISOString(),
    })} IS NOT NULL`.execute(t.database.db);
    expect(Number(counted.rows[0]?.n)).toBeLessThan(rows.milestones.filter((m) => m.completedDate !== null).length);
  });
});
