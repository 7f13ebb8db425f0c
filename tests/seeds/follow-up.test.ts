import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Selectable } from 'kysely';
import { startOfJstDay } from '../../common/calendar';
import type {
  KpiCategoryConfirmationsTable,
  KpiObservationsTable,
  KpisTable,
  MilestoneVerificationsTable,
  MilestonesTable,
  ReportReviewsTable,
  RoundsTable,
  StatusReportsTable,
} from '../../db/schema';
import { ensureTaxonomy } from '../../db/reference-data';
import { generateSampleData } from '../../seeds/sample/generate-sample';
import { paceCategory } from '../../seeds/sample/sample-kpis';
import { roundForReport, sampleRounds } from '../../seeds/sample/sample-rounds';
import { seedSampleIfEmpty } from '../../seeds/seed-sample';
import type { SeedKpi } from '../../seeds/seed-types';
import { TEST_DIALECTS, createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

// The follow-up round's part of the sample data (docs/product.md §4): the rounds and their answers,
// the reviews, verified milestones and structured KPIs, as stored by `npm run db:seed`. The rules
// checked are the API's (docs/product.md §4, server/schemas/follow-up.ts): what belongs to a round,
// what a state means.

const REFERENCE_DATE = '2026-11-26';
const NOW = startOfJstDay(REFERENCE_DATE);
const SECRETARIAT = 'secretariat@demo.example.jp';

describe('the sample follow-up data as generated', () => {
  it('is deterministic for a reference date', () => {
    expect(generateSampleData({ referenceDate: REFERENCE_DATE })).toEqual(generateSampleData({ referenceDate: REFERENCE_DATE }));
  });

  it('moves with the reference date: a round closed in the past and one open on it', () => {
    for (const referenceDate of ['2026-11-26', '2027-02-15']) {
      const { rounds } = generateSampleData({ referenceDate });
      const now = startOfJstDay(referenceDate);
      expect(rounds.filter((r) => r.closedAt !== null && r.closedAt < now)).toHaveLength(1);
      expect(rounds.filter((r) => r.closedAt === null && r.opensAt <= now && now < r.dueAt)).toHaveLength(1);
    }
  });
});

describe('the filing rule the sample applies', () => {
  const [spring, summer] = sampleRounds(REFERENCE_DATE);
  const meti = { lead: 'meti', fields: ['quantum', 'materials'] } as const;
  const mext = { lead: 'mext', fields: ['aerospace'] } as const;

  it('puts a report in the round open when it was filed, and in none before, between or after a close', () => {
    expect(roundForReport([spring!, summer!], meti, spring!.opensAt)).toBe(spring);
    expect(roundForReport([spring!, summer!], meti, spring!.dueAt)).toBe(spring);
    expect(roundForReport([spring!, summer!], meti, spring!.closedAt!)).toBeNull();
    expect(roundForReport([spring!, summer!], meti, '2026-01-05T01:00:00.000Z')).toBeNull();
    expect(roundForReport([spring!, summer!], meti, '2026-11-20T01:00:00.000Z')).toBe(summer);
  });

  it('honours the scope (lead ministry and any field) and prefers the round opened last', () => {
    const scoped = { ...summer!, code: 'scoped', ministries: ['meti'] as const, fields: ['quantum'] as const };
    const at = '2026-11-20T01:00:00.000Z';
    expect(roundForReport([scoped], meti, at)).toBe(scoped);
    expect(roundForReport([scoped], mext, at)).toBeNull();
    expect(roundForReport([{ ...scoped, fields: ['aerospace'] }], meti, at)).toBeNull();
    const later = { ...summer!, code: 'later', opensAt: '2026-11-15T00:00:00.000Z' };
    expect(roundForReport([later, summer!], meti, at)).toBe(later);
    expect(roundForReport([summer!, later], mext, at)).toBe(later);
  });
});

interface Stored {
  rounds: Selectable<RoundsTable>[];
  scope: { ministries: { round_id: number; ministry_id: number }[]; fields: { round_id: number; field_id: number }[] };
  measures: {
    id: number;
    code: string;
    lead_ministry_id: number;
    status: string;
    health: string | null;
    last_reported_at: string | null;
    report_due_at: string;
    created_at: string;
  }[];
  measureFields: { measure_id: number; field_id: number }[];
  ministries: { id: number; code: string }[];
  reports: Selectable<StatusReportsTable>[];
  reviews: Selectable<ReportReviewsTable>[];
  milestones: Selectable<MilestonesTable>[];
  verifications: Selectable<MilestoneVerificationsTable>[];
  reportMilestones: { report_id: number; milestone_id: number; completed_date: string }[];
  kpis: Selectable<KpisTable>[];
  observations: Selectable<KpiObservationsTable>[];
  confirmations: Selectable<KpiCategoryConfirmationsTable>[];
  secretariatId: number;
}

async function load(database: TestDatabase): Promise<Stored> {
  const db = database.db;
  const secretariat = await db.selectFrom('users').select('id').where('email', '=', SECRETARIAT).executeTakeFirstOrThrow();
  return {
    rounds: await db.selectFrom('rounds').selectAll().orderBy('id').execute(),
    scope: {
      ministries: await db.selectFrom('round_ministries').selectAll().execute(),
      fields: await db.selectFrom('round_fields').selectAll().execute(),
    },
    measures: await db
      .selectFrom('measures')
      .select(['id', 'code', 'lead_ministry_id', 'status', 'health', 'last_reported_at', 'report_due_at', 'created_at'])
      .orderBy('id')
      .execute(),
    measureFields: await db.selectFrom('measure_fields').select(['measure_id', 'field_id']).execute(),
    ministries: await db.selectFrom('ministries').select(['id', 'code']).execute(),
    reports: await db.selectFrom('status_reports').selectAll().orderBy('reported_at').orderBy('id').execute(),
    reviews: await db.selectFrom('report_reviews').selectAll().execute(),
    milestones: await db.selectFrom('milestones').selectAll().orderBy('id').execute(),
    verifications: await db.selectFrom('milestone_verifications').selectAll().orderBy('decided_at').orderBy('id').execute(),
    reportMilestones: await db.selectFrom('report_milestones').selectAll().execute(),
    kpis: await db.selectFrom('kpis').selectAll().orderBy('id').execute(),
    observations: await db.selectFrom('kpi_observations').selectAll().orderBy('observed_on').orderBy('id').execute(),
    confirmations: await db.selectFrom('kpi_category_confirmations').selectAll().orderBy('confirmed_at').orderBy('id').execute(),
    secretariatId: secretariat.id,
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

type RoundState = 'submitted' | 'accepted' | 'returned' | 'missing';

/** Per measure in scope: the review state of its latest report in the round, or missing; and late. */
function roundStates(s: Stored, round: Selectable<RoundsTable>): Map<number, { state: RoundState; late: boolean }> {
  const reviews = new Map(s.reviews.map((r) => [r.report_id, r]));
  const byMeasure = groupBy(
    s.reports.filter((r) => r.round_id === round.id),
    (r) => r.measure_id,
  );
  const out = new Map<number, { state: RoundState; late: boolean }>();
  for (const m of s.measures.filter((x) => inScope(s, round, x))) {
    const answers = byMeasure.get(m.id) ?? [];
    const latest = answers[answers.length - 1];
    const state = !latest ? 'missing' : (reviews.get(latest.id)?.decision ?? 'submitted');
    out.set(m.id, { state, late: latest !== undefined && latest.reported_at > round.due_at });
  }
  return out;
}

function inScope(s: Stored, round: Selectable<RoundsTable>, measure: Stored['measures'][number]): boolean {
  const ministries = s.scope.ministries.filter((x) => x.round_id === round.id).map((x) => x.ministry_id);
  const fields = s.scope.fields.filter((x) => x.round_id === round.id).map((x) => x.field_id);
  const measureFields = s.measureFields.filter((f) => f.measure_id === measure.id).map((f) => f.field_id);
  return (
    (ministries.length === 0 || ministries.includes(measure.lead_ministry_id)) &&
    (fields.length === 0 || measureFields.some((f) => fields.includes(f)))
  );
}

function asKpi(k: Selectable<KpisTable>): SeedKpi {
  return {
    nameJa: k.name_ja,
    nameEn: k.name_en,
    unit: k.unit,
    direction: k.direction,
    baselineValue: Number(k.baseline_value),
    baselineDate: k.baseline_date,
    targetValue: Number(k.target_value),
    targetDate: k.target_date,
    source: k.source,
    createdAt: k.created_at,
    observations: [],
    confirmations: [],
  };
}

describe.each(TEST_DIALECTS)('the follow-up round in the seeded sample on %s', (dialect) => {
  let database: TestDatabase;
  let s: Stored;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await ensureTaxonomy(database.db);
    await seedSampleIfEmpty(database.db, { referenceDate: REFERENCE_DATE });
    s = await load(database);
  }, 120_000);
  afterAll(async () => {
    await database.drop();
  });

  const closedRound = () => s.rounds.find((r) => r.closed_at !== null)!;
  const openRound = () => s.rounds.find((r) => r.closed_at === null)!;

  it('has one closed past round and one open round, opened by the secretariat', () => {
    expect(s.rounds).toHaveLength(2);
    const closed = closedRound();
    const open = openRound();
    expect(closed.opens_at < closed.due_at && closed.due_at < closed.closed_at! && closed.closed_at! < NOW).toBe(true);
    expect(open.opens_at < NOW && NOW < open.due_at).toBe(true);
    expect(closed.closed_at! < open.opens_at).toBe(true);
    for (const r of s.rounds) {
      expect(r.created_by_user_id).toBe(s.secretariatId);
      expect(r.deadline_id).not.toBeNull();
      expect(r.title_ja).toMatch(/照会/);
    }
    expect(closed.closed_by_user_id).toBe(s.secretariatId);
  });

  it('puts a report in a round exactly when it was filed while the round was open, on a measure in scope', () => {
    const measures = new Map(s.measures.map((m) => [m.id, m]));
    for (const report of s.reports) {
      const measure = measures.get(report.measure_id)!;
      const open = s.rounds.filter(
        (r) =>
          r.opens_at <= report.reported_at &&
          (r.closed_at === null || report.reported_at < r.closed_at) &&
          inScope(s, r, measure),
      );
      const expected = open.sort((a, b) => b.opens_at.localeCompare(a.opens_at) || b.id - a.id)[0];
      expect(report.round_id).toBe(expected?.id ?? null);
    }
    expect(s.reports.filter((r) => r.round_id !== null).length).toBeGreaterThan(200);
  });

  it('gives the open round a realistic mix of answers in most ministries', () => {
    const states = roundStates(s, openRound());
    const shares = (state: RoundState) => [...states.values()].filter((x) => x.state === state).length / states.size;
    expect(shares('missing')).toBeGreaterThan(0.12);
    expect(shares('missing')).toBeLessThan(0.3);
    expect(shares('submitted')).toBeGreaterThan(0.3);
    expect(shares('accepted')).toBeGreaterThan(0.2);
    expect(shares('returned')).toBeGreaterThan(0.05);
    expect(shares('returned')).toBeLessThan(0.2);
    const byMinistry = groupBy(s.measures, (m) => m.lead_ministry_id);
    const complete = [...byMinistry.values()].filter((measures) => {
      const present = new Set(measures.map((m) => states.get(m.id)?.state));
      return (['submitted', 'accepted', 'returned', 'missing'] as const).every((x) => present.has(x));
    });
    expect(complete.length / byMinistry.size).toBeGreaterThanOrEqual(0.8);
  });

  it('has the closed round almost all accepted, a few missing and late, and returns answered by a later report', () => {
    const round = closedRound();
    const states = roundStates(s, round);
    const answered = [...states.values()].filter((x) => x.state !== 'missing');
    expect(answered.filter((x) => x.state === 'accepted').length / answered.length).toBeGreaterThan(0.9);
    expect(answered.filter((x) => x.state === 'submitted')).toHaveLength(0);
    const missing = [...states.values()].filter((x) => x.state === 'missing').length;
    expect(missing).toBeGreaterThan(0);
    expect(missing / states.size).toBeLessThan(0.12);
    const late = [...states.values()].filter((x) => x.late).length;
    expect(late).toBeGreaterThan(0);
    expect(late / states.size).toBeLessThan(0.1);
    // Returned, then answered within the round by a newer report that was accepted.
    const reviews = new Map(s.reviews.map((r) => [r.report_id, r]));
    const answeredAfterReturn = [
      ...groupBy(
        s.reports.filter((r) => r.round_id === round.id),
        (r) => r.measure_id,
      ).values(),
    ].filter((answers) => {
      const returned = answers.findIndex((r) => reviews.get(r.id)?.decision === 'returned');
      const last = answers[answers.length - 1]!;
      return (
        returned >= 0 &&
        returned < answers.length - 1 &&
        reviews.get(last.id)?.decision === 'accepted' &&
        reviews.get(answers[returned]!.id)!.reviewed_at < answers[returned + 1]!.reported_at
      );
    });
    expect(answeredAfterReturn.length).toBeGreaterThanOrEqual(3);
  });

  it('has every review by the secretariat a few days after its report, and every return with a comment', () => {
    const reports = new Map(s.reports.map((r) => [r.id, r]));
    expect(s.reviews.length).toBeGreaterThan(s.reports.length / 2);
    for (const review of s.reviews) {
      const report = reports.get(review.report_id)!;
      expect(review.reviewer_email).toBe(SECRETARIAT);
      expect(review.reviewer_user_id).toBe(s.secretariatId);
      expect(review.reviewed_at > report.reported_at).toBe(true);
      expect(Date.parse(review.reviewed_at) - Date.parse(report.reported_at)).toBeLessThan(10 * 86_400_000);
      expect(review.reviewed_at < NOW).toBe(true);
      if (review.decision === 'returned') expect(review.comment.trim().length).toBeGreaterThan(5);
    }
    expect(s.reviews.some((r) => r.comment === '進捗率の根拠となる資料のURLを添付してください。')).toBe(true);
  });

  it("keeps every measure's current state equal to its latest report", () => {
    const latest = new Map<number, Selectable<StatusReportsTable>>();
    for (const r of s.reports) latest.set(r.measure_id, r);
    for (const m of s.measures) {
      const r = latest.get(m.id);
      expect({ status: m.status, health: m.health, last: m.last_reported_at, due: m.report_due_at }).toEqual(
        r
          ? { status: r.status, health: r.health, last: r.reported_at, due: r.next_report_due_at }
          : { status: 'not_started', health: null, last: null, due: m.created_at },
      );
    }
    expect(s.reports.every((r) => r.reported_at < NOW)).toBe(true);
  });

  it('has evidence for most completed milestones and verifies about 60% of them, each with its log row', () => {
    const completed = s.milestones.filter((m) => m.completed_date !== null);
    const withEvidence = completed.filter((m) => m.evidence_url !== null);
    const verified = s.milestones.filter((m) => m.verified_at !== null);
    expect(withEvidence.length / completed.length).toBeGreaterThan(0.75);
    expect(verified.length / completed.length).toBeGreaterThan(0.45);
    expect(verified.length / completed.length).toBeLessThan(0.75);
    const log = groupBy(s.verifications, (v) => v.milestone_id);
    for (const m of verified) {
      expect(m.completed_date).not.toBeNull();
      expect(m.evidence_url).toMatch(/^https:\/\/www\.example\.go\.jp\//);
      expect(m.verified_by).toBe(SECRETARIAT);
      expect(m.verified_at! < NOW).toBe(true);
      const last = log.get(m.id)?.at(-1);
      expect(last).toMatchObject({
        decision: 'verified',
        completed_date: m.completed_date,
        evidence_url: m.evidence_url,
        decided_at: m.verified_at,
        actor_user_id: s.secretariatId,
      });
    }
    // A verification in the log is always the one in force: nothing completed anew after it.
    for (const v of s.verifications.filter((x) => x.decision === 'verified')) {
      expect(s.milestones.find((m) => m.id === v.milestone_id)?.verified_at).toBe(v.decided_at);
    }
  });

  it('keeps a few rejections in the history, each completed again later and now reported, not verified', () => {
    const rejections = s.verifications.filter((v) => v.decision === 'rejected');
    expect(rejections.length).toBeGreaterThanOrEqual(2);
    const reports = new Map(s.reports.map((r) => [r.id, r]));
    for (const rejection of rejections) {
      expect(rejection.comment.trim().length).toBeGreaterThan(5);
      const milestone = s.milestones.find((m) => m.id === rejection.milestone_id)!;
      expect(milestone.verified_at).toBeNull();
      expect(milestone.completed_date! > rejection.completed_date).toBe(true);
      expect(milestone.evidence_url).not.toBeNull();
      const links = s.reportMilestones
        .filter((l) => l.milestone_id === milestone.id)
        .map((l) => ({ ...l, at: reports.get(l.report_id)!.reported_at }))
        .sort((a, b) => a.at.localeCompare(b.at));
      // Reported complete, rejected, reported complete again.
      expect(links.map((l) => l.completed_date)).toEqual([rejection.completed_date, milestone.completed_date]);
      expect(links[0]!.at < rejection.decided_at && rejection.decided_at < links[1]!.at).toBe(true);
    }
  });

  it('gives most measures 1–2 KPIs with observations dated between their baseline and the reference date', () => {
    const byMeasure = groupBy(s.kpis, (k) => k.measure_id);
    expect(byMeasure.size / s.measures.length).toBeGreaterThan(0.7);
    expect(byMeasure.size / s.measures.length).toBeLessThan(0.9);
    for (const kpis of byMeasure.values()) expect(kpis.length).toBeLessThanOrEqual(2);
    expect(s.kpis.some((k) => k.direction === 'decrease')).toBe(true);
    const kpis = new Map(s.kpis.map((k) => [k.id, k]));
    const reports = new Map(s.reports.map((r) => [r.id, r]));
    for (const k of s.kpis) {
      expect(k.baseline_date < k.target_date).toBe(true);
      expect(Number(k.baseline_value)).not.toBe(Number(k.target_value));
      expect(k.source).toMatch(/調べ$/);
    }
    expect(
      s.kpis.filter((k) => k.target_date >= '2027-01-01' && k.target_date <= '2031-03-31').length / s.kpis.length,
    ).toBeGreaterThan(0.7);
    for (const o of s.observations) {
      const kpi = kpis.get(o.kpi_id)!;
      expect(o.observed_on >= kpi.baseline_date && o.observed_on < REFERENCE_DATE).toBe(true);
      expect(o.recorded_by).toMatch(/^lead\.[a-z]+@demo\.example\.jp$/);
      expect(o.created_at < NOW).toBe(true);
      if (o.report_id !== null) {
        const report = reports.get(o.report_id)!;
        expect(report.measure_id).toBe(kpi.measure_id);
        expect(o.observed_on <= report.reported_at.slice(0, 10)).toBe(true);
      }
      const lead = s.ministries.find((m) => m.id === s.measures.find((x) => x.id === kpi.measure_id)?.lead_ministry_id)?.code;
      expect(o.recorded_by).toBe(`lead.${lead}@demo.example.jp`);
    }
    expect(s.observations.filter((o) => o.report_id !== null).length / s.observations.length).toBeGreaterThan(0.8);
  });

  it('has on-pace, behind and unobserved KPIs, and confirms about half of the observed ones', () => {
    const observations = groupBy(s.observations, (o) => o.kpi_id);
    const latest = (kpiId: number) => observations.get(kpiId)?.at(-1);
    const categories = s.kpis.map((k) => {
      const o = latest(k.id);
      return paceCategory(asKpi(k), o ? { value: Number(o.value), observedOn: o.observed_on } : null);
    });
    const share = (c: string) => categories.filter((x) => x === c).length / categories.length;
    expect(share('A')).toBeGreaterThan(0.3);
    expect(share('B')).toBeGreaterThan(0.2);
    expect(share('N')).toBeGreaterThan(0.05);
    expect(share('N')).toBeLessThan(0.3);

    const observed = s.kpis.filter((k) => latest(k.id));
    const inForce = observed.filter((k) => {
      const c = s.confirmations.filter((x) => x.kpi_id === k.id).at(-1);
      return c !== undefined && c.observation_id === latest(k.id)!.id;
    });
    expect(inForce.length / observed.length).toBeGreaterThan(0.35);
    expect(inForce.length / observed.length).toBeLessThan(0.65);
    const overrides = s.confirmations.filter((c) => c.category !== c.computed_category);
    expect(overrides.length).toBeGreaterThanOrEqual(1);
    expect(overrides.length).toBeLessThanOrEqual(3);
    const allObservations = new Map(s.observations.map((o) => [o.id, o]));
    for (const c of s.confirmations) {
      expect(c.actor_email).toBe(SECRETARIAT);
      expect(c.actor_user_id).toBe(s.secretariatId);
      if (c.category !== c.computed_category) expect(c.reason.trim().length).toBeGreaterThan(5);
      const o = allObservations.get(c.observation_id!)!;
      expect(o.kpi_id).toBe(c.kpi_id);
      expect(c.confirmed_at > o.created_at && c.confirmed_at < NOW).toBe(true);
      const k = s.kpis.find((x) => x.id === c.kpi_id)!;
      expect(c.computed_category).toBe(paceCategory(asKpi(k), { value: Number(o.value), observedOn: o.observed_on }));
    }
  });
});
