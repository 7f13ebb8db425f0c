import { addDays, daysBetween } from '../../common/calendar';
import type { MinistryCode, ReportedHealthCode, StatusCode } from '../../common/taxonomy';
import { createRandom, mixSeed } from '../random';
import type { Random } from '../random';
import type { SeedMeasure, SeedMilestone, SeedReport, SeedRound } from '../seed-types';
import type { CatalogMeasure } from './catalog-types';
import { MEASURE_CATALOG } from './measure-catalog';
import { addMilestoneEvidence } from './sample-evidence';
import { addSampleKpis } from './sample-kpis';
import { seedRevisions } from '../measure-writer';
import { addFollowUpRounds, sampleRounds } from './sample-rounds';

// Turns the illustrative catalog into measures with milestones and a report history from 2025-11 up
// to the day before `referenceDate`. Deterministic: the same catalog and reference date always give
// the same data (every measure draws from its own seeded generator, so editing one catalog entry
// does not reshuffle the others).

const SAMPLE_SEED = 20260319; // the date of the source paper
const HISTORY_START = '2025-11-04';
const REPORTING_CYCLE_DAYS = 30;

/** How a measure behaves over its life: drives completion, slips, reporting and health. */
type Profile = 'steady' | 'strained' | 'struggling' | 'silent' | 'finished' | 'paused' | 'new';

const PROFILE_WEIGHTS: readonly (readonly [Profile, number])[] = [
  ['steady', 41],
  ['strained', 20],
  ['struggling', 12],
  ['silent', 11],
  ['finished', 6],
  ['paused', 3],
  ['new', 7],
];

const SURNAMES = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '佐々木',
  '松本',
  '井上',
  '木村',
  '林',
  '清水',
  '山崎',
  '森',
  '池田',
  '橋本',
  '阿部',
  '石川',
];
const GIVEN_NAMES = [
  '健一',
  '直子',
  '大輔',
  '美穂',
  '拓也',
  '由紀',
  '誠',
  '陽子',
  '翔',
  '恵',
  '浩二',
  '彩',
  '亮',
  '智子',
  '隆',
  '真理',
];
const POSTS = ['課長補佐', '企画官', '室長', '係長', '専門官'];

function jstInstant(date: string, hour: number, minute: number): string {
  // Office hours in Tokyo, stored as UTC.
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + ((hour - 9) * 60 + minute) * 60_000).toISOString();
}

function personName(rng: Random): string {
  return `${rng.pick(SURNAMES)} ${rng.pick(GIVEN_NAMES)}`;
}

interface Plan {
  profile: Profile;
  createdDate: string;
  milestones: SeedMilestone[];
}

function planMilestones(rng: Random, entry: CatalogMeasure, profile: Profile, createdDate: string): SeedMilestone[] {
  const n = entry.milestones.length;
  // Plans cluster around the two summer strategy deadlines: the first milestone early in 2026, the
  // last between autumn 2026 and spring 2028.
  const firstDue = addDays(profile === 'new' ? '2027-01-10' : '2025-12-15', rng.int(0, 150));
  const lastDue = addDays(profile === 'finished' ? '2026-06-30' : '2026-09-30', rng.int(0, profile === 'finished' ? 90 : 540));
  const span = Math.max(n * 20, daysBetween(firstDue, lastDue));
  const dates = entry.milestones.map((_, i) => {
    const even = n === 1 ? 0 : (span * i) / (n - 1);
    const jitter = i === 0 || i === n - 1 ? 0 : rng.int(-12, 12);
    return addDays(firstDue, Math.round(even + jitter));
  });
  return entry.milestones.map((m, i) => {
    const baseline = dates[i] ?? firstDue;
    return {
      titleJa: m.titleJa,
      titleEn: m.titleEn,
      baselineDueDate: baseline < createdDate ? addDays(createdDate, 20 + i * 15) : baseline,
      dueDate: baseline < createdDate ? addDays(createdDate, 20 + i * 15) : baseline,
      weight: i === n - 1 && rng.chance(0.4) ? 2 : rng.chance(0.1) ? 2 : 1,
      completedDate: null,
    };
  });
}

/** Decides when (if ever) each milestone is actually completed, and reschedules some that slip. */
function simulateExecution(rng: Random, plan: Plan, lastDay: string): void {
  const { profile, milestones } = plan;
  const completion: Record<Profile, { p: number; early: number; late: number }> = {
    steady: { p: 0.95, early: 20, late: 10 },
    strained: { p: 0.8, early: 5, late: 45 },
    struggling: { p: 0.5, early: 0, late: 100 },
    silent: { p: 0.7, early: 5, late: 40 },
    finished: { p: 1, early: 20, late: 15 },
    paused: { p: 0.5, early: 0, late: 30 },
    new: { p: 0.9, early: 10, late: 10 },
  };
  const c = completion[profile];
  let blocked = false;
  for (const m of milestones) {
    // Once a struggling measure misses one milestone the later ones tend to slip too.
    const willComplete = !blocked && rng.chance(c.p);
    if (!willComplete) blocked = profile === 'struggling' || profile === 'paused';
    const done = addDays(m.dueDate, rng.int(-c.early, c.late));
    if (willComplete && done <= lastDay) {
      m.completedDate = done < plan.createdDate ? plan.createdDate : done;
    } else if (m.dueDate > lastDay && (profile === 'strained' || profile === 'struggling') && rng.chance(0.45)) {
      // A future milestone formally rescheduled: the baseline stays, so the slip shows.
      m.dueDate = addDays(m.dueDate, rng.int(30, 150));
    }
  }
}

function healthAt(rng: Random, plan: Plan, date: string): ReportedHealthCode {
  const due = plan.milestones.filter((m) => m.dueDate < date);
  const overdue = due.filter((m) => m.completedDate === null || m.completedDate > date).length;
  const slipped = plan.milestones.some((m) => m.dueDate !== m.baselineDueDate);
  let health: ReportedHealthCode = overdue >= 2 ? 'off_track' : overdue === 1 || slipped ? 'at_risk' : 'on_track';
  // Leads' judgement is not a formula: some optimism, some caution.
  if (health === 'at_risk' && rng.chance(0.2)) health = 'on_track';
  else if (health === 'on_track' && plan.profile !== 'steady' && plan.profile !== 'finished' && rng.chance(0.15))
    health = 'at_risk';
  if (plan.profile === 'struggling' && date > '2026-05-01' && health !== 'off_track' && rng.chance(0.5)) health = 'off_track';
  return health;
}

const NOTES: Record<ReportedHealthCode, readonly string[]> = {
  on_track: [
    '計画どおり進捗。関係機関との調整も順調。',
    '予定していた作業を完了し、次段階の準備に着手。',
    '事業者からの反応は良好。スケジュールに遅れなし。',
    '関係府省庁と連携し、工程表どおり実施中。',
  ],
  at_risk: [
    '一部工程で調整に時間を要しており、次回期日に影響の可能性。',
    '予算執行の手続きに遅れ。前倒しでの対応を検討中。',
    '関係省庁間の調整が継続中。期日までの合意に懸念あり。',
    '応募件数が想定を下回り、追加周知を実施予定。',
  ],
  off_track: [
    '主要マイルストーンが期日を超過。リカバリープランを作成中。',
    '制度設計の論点整理に想定以上の時間を要し、工程を見直し中。',
    '調達手続きの不調により再公告が必要。大幅な遅延見込み。',
    '外部環境の変化により計画の前提を再検討中。',
  ],
};

function buildReports(rng: Random, plan: Plan, code: string, lead: MinistryCode, owner: string, lastDay: string): SeedReport[] {
  const { profile, milestones } = plan;
  const start =
    plan.createdDate > HISTORY_START ? addDays(plan.createdDate, rng.int(3, 20)) : addDays(HISTORY_START, rng.int(0, 25));
  // Silent measures stop reporting one to four months before the reference date.
  const stopAfter = profile === 'silent' ? addDays(lastDay, -rng.int(35, 120)) : lastDay;
  const pausedFrom = profile === 'paused' ? addDays(start, rng.int(90, 200)) : null;
  const deputy = personName(rng);

  const dates: string[] = [];
  for (let d = start; d <= stopAfter; d = addDays(d, rng.int(24, 33))) dates.push(d);
  if (profile === 'new' && dates.length === 0 && start <= lastDay) dates.push(start);

  const reports: SeedReport[] = [];
  let status: StatusCode = 'planning';
  for (const [i, date] of dates.entries()) {
    const completedNow = milestones
      .map((m, index) => ({ m, index }))
      .filter(({ m }) => m.completedDate !== null && m.completedDate <= date && m.completedDate > (dates[i - 1] ?? '0000'))
      .map(({ index }) => index);
    const doneCount = milestones.filter((m) => m.completedDate !== null && m.completedDate <= date).length;
    if (doneCount === milestones.length) status = 'completed';
    else if (pausedFrom && date >= pausedFrom) status = 'suspended';
    // Work counts as started once a milestone is done or the first one is a month away.
    else if (doneCount > 0 || date >= addDays(milestones[0]?.dueDate ?? date, -30)) status = 'in_progress';
    else status = i === 0 && profile === 'new' ? 'not_started' : 'planning';
    const health: ReportedHealthCode = status === 'completed' ? 'on_track' : healthAt(rng, plan, date);
    const names = completedNow.map((index) => `「${milestones[index]?.titleJa ?? ''}」`).join('、');
    const note =
      status === 'completed'
        ? `全てのマイルストーンを完了。${names ? `${names}を達成。` : ''}成果の普及段階へ移行。`
        : status === 'suspended'
          ? '政策判断により一時休止。再開条件を関係省庁と協議中。'
          : `${names ? `${names}を完了。` : ''}${rng.pick(NOTES[health])}`;
    reports.push({
      reportedAt: jstInstant(date, rng.int(9, 18), rng.int(0, 59)),
      reporter: rng.chance(0.75) ? owner : deputy,
      status,
      health,
      note,
      evidenceUrl: rng.chance(0.45) ? `https://evidence.example.org/${lead}/${code}/${date}` : null,
      completedMilestones: completedNow,
    });
    if (status === 'completed') break;
  }
  // A completion no report has recorded yet is not known to the system.
  const recorded = new Set(reports.flatMap((r) => r.completedMilestones));
  milestones.forEach((m, index) => {
    if (!recorded.has(index)) m.completedDate = null;
  });
  return reports;
}

/**
 * The whole sample: the measures with their history, and the follow-up round's data on top of it
 * (docs/product.md §4): two rounds with their answers and reviews, milestone evidence and
 * verifications, structured KPIs with observations and confirmed categories.
 */
export function generateSampleData({ referenceDate }: { referenceDate: string }): {
  rounds: SeedRound[];
  measures: SeedMeasure[];
} {
  const measures = generateHistories(referenceDate);
  const rounds = sampleRounds(referenceDate);
  addFollowUpRounds(measures, rounds, referenceDate);
  addMilestoneEvidence(measures, referenceDate);
  addSampleKpis(measures, referenceDate);
  return { rounds, measures };
}

/** The sample's measures; each report names its round, which the writer stores with it. */
export function generateSampleMeasures({ referenceDate }: { referenceDate: string }): SeedMeasure[] {
  return generateSampleData({ referenceDate }).measures;
}

function generateHistories(referenceDate: string): SeedMeasure[] {
  const lastDay = addDays(referenceDate, -1);
  const perMinistry = new Map<MinistryCode, number>();
  return MEASURE_CATALOG.map((entry, i): SeedMeasure => {
    const rng = createRandom(mixSeed(SAMPLE_SEED, i));
    const number = (perMinistry.get(entry.lead) ?? 0) + 1;
    perMinistry.set(entry.lead, number);
    const code = `${entry.lead.toUpperCase()}-${String(number).padStart(4, '0')}`;
    const profile = rng.weighted(PROFILE_WEIGHTS);
    const createdDate = profile === 'new' ? addDays('2026-07-01', rng.int(0, 140)) : addDays('2025-10-01', rng.int(0, 40));
    const plan: Plan = { profile, createdDate, milestones: [] };
    plan.milestones = planMilestones(rng, entry, profile, createdDate);
    simulateExecution(rng, plan, lastDay);
    const owner = `${personName(rng)}（${rng.pick(POSTS)}）`;
    const reports = createdDate <= lastDay ? buildReports(rng, plan, code, entry.lead, owner, lastDay) : [];
    if (reports.length === 0) plan.milestones.forEach((m) => (m.completedDate = null));
    const lastMilestone = plan.milestones[plan.milestones.length - 1];
    return withRevisionReasons({
      code,
      titleJa: entry.titleJa,
      titleEn: entry.titleEn,
      summaryJa: entry.summaryJa,
      summaryEn: entry.summaryEn,
      lead: entry.lead,
      coMinistries: entry.coMinistries,
      fields: entry.fields,
      pillar: entry.pillar,
      instruments: entry.instruments,
      startDate: addDays(createdDate, rng.int(0, 30)),
      targetDate: lastMilestone ? rng.pick([lastMilestone.baselineDueDate, '2027-03-31', '2028-03-31']) : null,
      budgetYen: entry.budgetOku === null ? null : Math.round(entry.budgetOku * 100_000_000),
      budgetFiscalYear: entry.budgetOku === null ? null : createdDate >= '2026-04-01' ? 2026 : rng.pick([2025, 2026]),
      ownerName: owner,
      kpiJa: entry.kpiJa,
      kpiEn: entry.kpiEn,
      reportingCycleDays: REPORTING_CYCLE_DAYS,
      createdAt: jstInstant(createdDate, 10, rng.int(0, 59)),
      milestones: plan.milestones,
      reports,
    });
  });
}

/** Why the sample's milestones were rescheduled: a few plausible reasons, picked by position. */
const RESCHEDULE_REASONS = [
  '関係省庁との調整に時間を要したため',
  '予算執行の遅れにより実施時期を見直し',
  '実証先の選定をやり直したため',
  '',
] as const;

/**
 * The sample's reschedules (docs/decisions/012-due-date-history.md): each moved milestone gets the
 * revision the writer would derive (recorded with a report of the measure), with a reason. Draws no
 * random numbers, so the rest of the sample stays as it was.
 */
function withRevisionReasons(measure: SeedMeasure): SeedMeasure {
  measure.milestones.forEach((ms, i) => {
    const reason = RESCHEDULE_REASONS[(Number(measure.code.slice(-4)) + i) % RESCHEDULE_REASONS.length] ?? '';
    const derived = seedRevisions(measure, ms);
    if (derived.length > 0) ms.revisions = derived.map((r) => ({ ...r, reason }));
  });
  return measure;
}
