import { addDays, endOfJstDay, jstDateOfInstant, startOfJstDay } from '../../common/calendar';
import { DEFAULT_DEADLINES } from '../../common/taxonomy';
import type { MinistryCode } from '../../common/taxonomy';
import { DEMO_EMAIL_DOMAIN } from '../demo-users';
import { createRandom, mixSeed } from '../random';
import type { Random } from '../random';
import type { SeedMeasure, SeedReport, SeedReview, SeedRound } from '../seed-types';

// The sample's two follow-up rounds (照会, docs/product.md §4 "The follow-up round") and the answers
// to them: one round closed some months ago, almost all accepted, and one open now with a realistic
// mix of submitted, accepted, returned (差し戻し) and missing answers per ministry. The reports belong
// to a round by the same filing rule as the round API (docs/product.md §4): filed while it was open
// (opens_at <= reported_at, before closed_at), on a measure in its scope. Deterministic: every measure
// and every ministry draws from its own seeded generator.

const FOLLOW_UP_SEED = 20260901;

/** The secretariat's demo account (seeds/demo-users.ts): the reviewer and verifier of the sample. */
export const SAMPLE_SECRETARIAT_EMAIL = `secretariat@${DEMO_EMAIL_DOMAIN}`;

/** A time in office hours in Tokyo on `date`, as a UTC instant. */
export function officeInstant(date: string, hour: number, minute: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + ((hour - 9) * 60 + minute) * 60_000).toISOString();
}

/** The Japanese fiscal year (April–March) of a date. */
function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '04-01' ? year : year - 1;
}

/** The first summer growth-strategy deadline on or after `date`, if the reference data has one. */
function summerDeadlineAfter(date: string): string | null {
  return DEFAULT_DEADLINES.find((d) => d.code.startsWith('summer-') && d.date >= date)?.code ?? null;
}

/**
 * The two rounds, relative to the reference date: spring opened 120 days before it, due 30 days
 * later, closed 15 days after that; summer opened 21 days before it, due 10 days after it, open.
 * Both ask every ministry about every field (a real follow-up covers the whole strategy); the rule
 * below handles a narrower scope all the same. Codes and titles follow the fiscal year in which the
 * open round opened (令和 = fiscal year − 2018).
 */
export function sampleRounds(referenceDate: string): SeedRound[] {
  const summerOpens = addDays(referenceDate, -21);
  const fy = fiscalYearOf(summerOpens);
  const reiwa = fy - 2018;
  const springOpens = addDays(referenceDate, -120);
  const springDue = addDays(referenceDate, -90);
  const summerDue = addDays(referenceDate, 10);
  return [
    {
      code: `${fy}-spring`,
      titleJa: `令和${reiwa}年度 春の照会`,
      titleEn: `${fy} spring follow-up`,
      opensAt: startOfJstDay(springOpens),
      dueAt: endOfJstDay(springDue),
      closedAt: officeInstant(addDays(referenceDate, -75), 17, 30),
      createdAt: officeInstant(addDays(springOpens, -3), 10, 15),
      actorEmail: SAMPLE_SECRETARIAT_EMAIL,
      ministries: [],
      fields: [],
      deadline: summerDeadlineAfter(springDue),
    },
    {
      code: `${fy}-summer`,
      titleJa: `令和${reiwa}年度 夏の照会`,
      titleEn: `${fy} summer follow-up`,
      opensAt: startOfJstDay(summerOpens),
      dueAt: endOfJstDay(summerDue),
      closedAt: null,
      createdAt: officeInstant(addDays(summerOpens, -2), 11, 40),
      actorEmail: SAMPLE_SECRETARIAT_EMAIL,
      ministries: [],
      fields: [],
      deadline: summerDeadlineAfter(summerDue),
    },
  ];
}

/** Scope: the lead ministry among the round's ministries (none = all) and a field among its fields (none = all). */
export function roundCovers(round: SeedRound, measure: Pick<SeedMeasure, 'lead' | 'fields'>): boolean {
  const ministryOk = round.ministries.length === 0 || round.ministries.includes(measure.lead);
  const fieldOk = round.fields.length === 0 || measure.fields.some((f) => round.fields.includes(f));
  return ministryOk && fieldOk;
}

/** Whether the round was open at `instant`: opened, and not yet closed. */
export function roundOpenAt(round: SeedRound, instant: string): boolean {
  return round.opensAt <= instant && (round.closedAt === null || instant < round.closedAt);
}

/**
 * The round a report filed at `reportedAt` belongs to (the round API's rule, docs/product.md §4):
 * open then, the measure in scope; of several, the one opened last (then the later in the list, as
 * the highest id).
 */
export function roundForReport(
  rounds: readonly SeedRound[],
  measure: Pick<SeedMeasure, 'lead' | 'fields'>,
  reportedAt: string,
): SeedRound | null {
  let found: SeedRound | null = null;
  for (const round of rounds) {
    if (!roundOpenAt(round, reportedAt) || !roundCovers(round, measure)) continue;
    if (found === null || round.opensAt >= found.opensAt) found = round;
  }
  return found;
}

export const RETURN_COMMENTS: readonly string[] = [
  '進捗率の根拠となる資料のURLを添付してください。',
  '「計画どおり」とする根拠（実施件数・執行額等）を具体的に記載してください。',
  'マイルストーンの期日変更について、理由と見直し後の工程を明記してください。',
  '前回報告からの変更点が分かるよう、今期の実施内容を追記してください。',
  '健全性の判断と備考の記載内容に齟齬があります。遅延の有無を確認のうえ再提出してください。',
];

const ANSWER_NOTES: readonly string[] = [
  '照会に基づき報告。前回報告以降、工程表どおり実施中。',
  '照会に基づき報告。関係機関との調整を継続しており、進捗に大きな変化なし。',
  '照会に基づき報告。今期の実施状況を取りまとめ、次段階の準備を進めている。',
];

const RESUBMISSION_PREFIX = '差し戻しを受け、根拠資料を添付して再報告。';

function reviewAt(rng: Random, report: SeedReport, lastDay: string, minDays: number, maxDays: number): string | null {
  const day = addDays(jstDateOfInstant(report.reportedAt), rng.int(minDays, maxDays));
  const at = officeInstant(day > lastDay ? lastDay : day, rng.int(10, 17), rng.int(0, 59));
  return at > report.reportedAt ? at : null;
}

function review(decision: SeedReview['decision'], comment: string, reviewedAt: string): SeedReview {
  return { decision, comment, reviewerEmail: SAMPLE_SECRETARIAT_EMAIL, reviewedAt };
}

function reportsIn(measure: SeedMeasure, round: SeedRound): SeedReport[] {
  return measure.reports.filter((r) => r.round === round);
}

/**
 * A report that answered the spring round again after its due date, although the measure had
 * answered on time, is moved to just after the round closed: ministries answer a call once, so only
 * the measures that answered nothing before the due date show as late.
 */
function moveRepeatLateAnswers(rng: Random, measure: SeedMeasure, spring: SeedRound): void {
  const { reports } = measure;
  const inWindow = reports.filter((r) => roundOpenAt(spring, r.reportedAt));
  if (!inWindow.some((r) => r.reportedAt <= spring.dueAt)) return;
  for (const late of inWindow.filter((r) => r.reportedAt > spring.dueAt)) {
    const index = reports.indexOf(late);
    const next = reports[index + 1];
    const closedDay = jstDateOfInstant(spring.closedAt ?? spring.dueAt);
    const moved = officeInstant(addDays(closedDay, rng.int(1, 6)), rng.int(9, 18), rng.int(0, 59));
    if (next && Date.parse(moved) > Date.parse(next.reportedAt) - 3 * 86_400_000) continue;
    late.reportedAt = moved;
  }
}

function reviewSpring(rng: Random, measure: SeedMeasure, spring: SeedRound, lastDay: string): void {
  const answers = reportsIn(measure, spring);
  const first = answers[0];
  const last = answers[answers.length - 1];
  if (!first || !last) return;
  if (answers.length >= 2 && rng.chance(0.3)) {
    // Returned, then answered with a later report within the round, which was accepted.
    const second = answers[1];
    const returnedAt = reviewAt(rng, first, lastDay, 2, 5);
    if (second && returnedAt && returnedAt < second.reportedAt) {
      first.review = review('returned', rng.pick(RETURN_COMMENTS), returnedAt);
      second.note = `${RESUBMISSION_PREFIX}${second.note}`;
      second.evidenceUrl ??= `https://www.example.go.jp/${measure.lead}/followup/${measure.code.toLowerCase()}.pdf`;
    }
  }
  const leaveReturned = answers.length === 1 && rng.chance(0.04);
  for (const report of answers) {
    if (report.review) continue;
    const at = reviewAt(rng, report, lastDay, 1, 6);
    if (!at) continue;
    report.review =
      report === last && leaveReturned ? review('returned', rng.pick(RETURN_COMMENTS), at) : review('accepted', '', at);
  }
}

/** Adds an answer to the open round for a measure that has reported before, if there is room for one. */
function addSummerAnswer(rng: Random, measure: SeedMeasure, summer: SeedRound, lastDay: string): boolean {
  const previous = measure.reports[measure.reports.length - 1];
  if (!previous) return false;
  const earliest = addDays(jstDateOfInstant(previous.reportedAt), 7);
  const opens = jstDateOfInstant(summer.opensAt);
  const from = earliest > opens ? earliest : opens;
  if (from > lastDay) return false;
  const day = addDays(from, rng.int(0, Math.max(0, Math.round((Date.parse(lastDay) - Date.parse(from)) / 86_400_000))));
  const reportedAt = officeInstant(day, rng.int(9, 18), rng.int(0, 59));
  measure.reports.push({
    reportedAt,
    reporter: previous.reporter,
    status: previous.status,
    health: previous.health,
    note:
      previous.status === 'completed'
        ? '照会に基づき報告。全てのマイルストーンを完了済み。成果の普及を継続中。'
        : rng.pick(ANSWER_NOTES),
    evidenceUrl: rng.chance(0.5)
      ? `https://www.example.go.jp/${measure.lead}/followup/${measure.code.toLowerCase()}-${day}.pdf`
      : null,
    completedMilestones: [],
    round: summer,
  });
  return true;
}

/**
 * The open round per ministry: about 20% of the measures in scope missing, 40% submitted and not
 * yet reviewed, 30% accepted, 10% returned with a comment. The secretariat works its queue oldest
 * first, so the earlier answers are the reviewed ones.
 */
function answerSummer(rng: Random, ministryMeasures: readonly SeedMeasure[], summer: SeedRound, lastDay: string): void {
  const inScope = ministryMeasures.filter((m) => roundCovers(summer, m));
  const n = inScope.length;
  if (n === 0) return;
  const targetMissing = Math.round(n * 0.2);
  const missing = inScope.filter((m) => reportsIn(m, summer).length === 0);
  for (const measure of rng.shuffle(missing).slice(0, Math.max(0, missing.length - targetMissing))) {
    addSummerAnswer(rng, measure, summer, lastDay);
  }
  const answered = inScope
    .map((m) => ({ measure: m, answers: reportsIn(m, summer) }))
    .filter((x) => x.answers.length > 0)
    .sort((a, b) =>
      (a.answers[a.answers.length - 1]?.reportedAt ?? '').localeCompare(b.answers[b.answers.length - 1]?.reportedAt ?? ''),
    );
  const reviewedTarget = Math.max(n >= 3 ? 2 : 1, Math.round(n * 0.4));
  const returnedTarget = n >= 3 ? Math.max(1, Math.round(n * 0.1)) : 0;
  const reviewed: SeedReport[] = [];
  for (const { answers } of answered) {
    // An earlier answer in the same round (rare) was accepted before the later one came in.
    for (const earlier of answers.slice(0, -1)) {
      const at = reviewAt(rng, earlier, lastDay, 1, 4);
      if (at) earlier.review = review('accepted', '', at);
    }
    const latest = answers[answers.length - 1];
    if (!latest || reviewed.length >= reviewedTarget) continue;
    const at = reviewAt(rng, latest, lastDay, 1, 5);
    if (!at) continue;
    latest.review = review('accepted', '', at);
    reviewed.push(latest);
  }
  for (const report of rng.sample(reviewed, returnedTarget)) {
    if (report.review) report.review = review('returned', rng.pick(RETURN_COMMENTS), report.review.reviewedAt);
  }
}

/** Reports filed outside any round: most were reviewed and accepted a few days later all the same. */
function reviewOutsideRounds(rng: Random, measure: SeedMeasure, lastDay: string): void {
  for (const report of measure.reports) {
    if (report.round || report.review || !rng.chance(0.9)) continue;
    const at = reviewAt(rng, report, lastDay, 1, 7);
    // Not reviewed when the review day would fall after the reference date (still in the queue).
    if (at && jstDateOfInstant(report.reportedAt) < addDays(lastDay, -7)) report.review = review('accepted', '', at);
  }
}

/**
 * Sets each report's round and review, adding round answers where the history has too few (each
 * added report continues the previous one's status and health and completes nothing, so the
 * measure's current state stays that of its latest report). Mutates `measures`.
 */
export function addFollowUpRounds(measures: SeedMeasure[], rounds: readonly SeedRound[], referenceDate: string): void {
  const lastDay = addDays(referenceDate, -1);
  const [spring, summer] = rounds;
  if (!spring || !summer) throw new Error('the sample has a closed round and an open round');
  measures.forEach((measure, i) => moveRepeatLateAnswers(createRandom(mixSeed(FOLLOW_UP_SEED, 1, i)), measure, spring));
  for (const measure of measures) {
    for (const report of measure.reports) report.round = roundForReport(rounds, measure, report.reportedAt);
  }
  measures.forEach((measure, i) => reviewSpring(createRandom(mixSeed(FOLLOW_UP_SEED, 2, i)), measure, spring, lastDay));
  const leads = [...new Set(measures.map((m) => m.lead))].sort();
  leads.forEach((lead: MinistryCode, k) =>
    answerSummer(
      createRandom(mixSeed(FOLLOW_UP_SEED, 3, k)),
      measures.filter((m) => m.lead === lead),
      summer,
      lastDay,
    ),
  );
  measures.forEach((measure, i) => reviewOutsideRounds(createRandom(mixSeed(FOLLOW_UP_SEED, 4, i)), measure, lastDay));
}
