import type { SeedMeasure, SeedMilestone, SeedReport } from '../../seeds/seed-types';
import type { FieldCode, InstrumentCode, MinistryCode, PillarCode, ReportedHealthCode, StatusCode } from '../../common/taxonomy';

// Twelve hand-made measures whose every figure is worked out below, so the API tests can assert
// exact numbers instead of re-deriving them with the code under test.
//
// The clock is pinned at FIXTURE_NOW = 2026-11-26T03:00:00Z = 2026-11-26 12:00 JST ("today").
// A measure is stale when its last report + 30 days is before that instant, or it was never reported
// (and it is not completed). Report instants are 01:00Z (10:00 JST, same calendar day), except
// MOFA-0009's last one, placed so that it goes stale exactly one hour before now.
//
// Deadlines (taxonomy seed): roadmap-2026 2026-04-30, summer-2026 2026-06-30, summer-2027 2027-06-30.
//
// ── Per measure, as of today ────────────────────────────────────────────────────────────────────
// code          lead     co              fields                               status      health    progress
// METI-0001     meti     mext            quantum, ai-semiconductors           in_progress on_track  3/8  = 0.375
// MEXT-0002     mext     meti, mhlw      ai-semiconductors, digital-cyber     in_progress stale     1/4  = 0.25   (last 09-01; reported at_risk)
// CAO-0003      cao      digital, mic    ai-semiconductors, digital-cyber,ict in_progress off_track 0/4  = 0
// MOD-0004      mod      meti            defense                              in_progress stale     1/2  = 0.5    (last 08-01; reported off_track)
// MHLW-0005     mhlw     —               drug-discovery                       completed   on_track  2/2  = 1      (completed 2026-04-10: never stale)
// MAFF-0006     maff     env             foodtech                             not_started stale     0/1  = 0      (never reported; created 2026-10-01)
// MLIT-0007     mlit     mod, mic        port-logistics, shipbuilding         planning    at_risk   0/4  = 0
// MEXT-0008     mext     cao             fusion, quantum                      in_progress on_track  4/10 = 0.4
// MOFA-0009     mofa     mext, cas       ocean, aerospace                     in_progress stale     1/2  = 0.5    (last 10-27T02:00Z → due 11-26T02:00Z)
// FSA-0010      fsa      meti, mof       digital-cyber                        suspended   stale     0/2  = 0      (last 07-10; reported at_risk)
// ENV-0011      env      mof, meti       energy-gx                            in_progress at_risk   1/4  = 0.25
// DIGITAL-0012  digital  mic, mod        digital-cyber                        completed   on_track  2/2  = 1      (created 2026-08-15)
//
// Summary today (default deadline summer-2027, daysLeft 216 = 4+31+31+28+31+30+31+30):
//   total 12; byStatus not_started 1, planning 1, in_progress 7, completed 2, suspended 1;
//   byHealth on_track 4, at_risk 2, off_track 1, stale 5 (MEXT-0002, MOD-0004, MAFF-0006, MOFA-0009, FSA-0010).
//   milestones: total 28, done 12, overdue 5 (MEXT-0002 #2, CAO-0003 #1, MOD-0004 #2, MOFA-0009 #2, FSA-0010 #1).
//   all weight 45, done 15 → overallProgress 1/3.
//   due by 2027-06-30: 45 − METI-0001 #4 (2) − MEXT-0008 #4 (5) = 38, done 15 → progress 15/38.
//   forecast: completions in the 90 days after 2026-08-28: METI-0001 #2 (1), MEXT-0008 #2 (2),
//   DIGITAL-0012 #1 and #2 (1 + 1) = 5 → rate 5/90 per day; projected done 15 + 5/90 × 216 = 27 → 27/38;
//   remaining 23 at 5/90 per day = 414 days → 2028-01-14.
//   burn-up: earliest due date 2026-01-31 (MHLW-0005 #1) → 515 days to the deadline → weekly points;
//   at 2026-11-26 planned 21/38, completed 15/38; at the deadline planned 1, ideal 1, forecast 27/38.
//
// deadline=summer-2026 (2026-06-30, daysLeft −149): due by it weight 13
//   (METI-0001 #1 2, MEXT-0002 #1 1, CAO-0003 #1 2, MOD-0004 #1 1 + #2 1, MHLW-0005 #1 1 + #2 1, MEXT-0008 #1 2,
//   MOFA-0009 #1 1, ENV-0011 #1 1), done 10 (all but CAO-0003 #1 and MOD-0004 #2) → progress 10/13;
//   nothing in scope completed in the last 90 days → rate 0 → projected 10/13, completion date null.
//   burn-up: 2026-01-31 … 2026-11-26 = 299 days → daily, 300 points, last completed 10/13.
//
// by-field ai-semiconductors: METI-0001, MEXT-0002, CAO-0003 → total 3, in_progress 3,
//   on_track 1 / stale 1 / off_track 1; toward summer-2027 weight 6 + 4 + 4 = 14, done 3 + 1 → 4/14 = 2/7.
// by-field quantum: METI-0001, MEXT-0008 → total 2, both on_track.
// by-ministry meti (lead or co): METI-0001, MEXT-0002, MOD-0004, FSA-0010, ENV-0011 → total 5,
//   in_progress 4, suspended 1; on_track 1, at_risk 1, stale 3; toward summer-2027 weight 6+4+2+2+4 = 18,
//   done 3+1+1+0+1 = 6 → 1/3. Every one of the 14 ministries has at least one measure.
//
// ── asOf=2025-11-15 (before any report) ─────────────────────────────────────────────────────────
//   only MHLW-0005 (created 2025-10-01) and MEXT-0008 (created 2025-11-01) exist: total 2, both
//   not_started and stale; milestones 6, done 0, overdue 0; deadline in force roadmap-2026, daysLeft 166;
//   progress toward it 0 (weight 4).
//
// ── asOf=2026-07-15 (end of that JST day), rebuilt from the report log ─────────────────────────
//   MAFF-0006 and DIGITAL-0012 do not exist yet → total 10.
//   METI-0001 in_progress stale (last 05-15)    MEXT-0002 in_progress on_track (06-20)
//   CAO-0003  planning    stale (03-10)          MOD-0004  in_progress stale (03-20)
//   MHLW-0005 completed   on_track               MLIT-0007 planning    stale (02-15)
//   MEXT-0008 in_progress stale (05-01)          MOFA-0009 in_progress on_track (06-25)
//   FSA-0010  suspended   at_risk (07-10)        ENV-0011  in_progress on_track (07-01)
//   byStatus planning 2, in_progress 6, completed 1, suspended 1; byHealth on_track 4, at_risk 1, stale 5.
//   milestones total 25, done 8, overdue 2 (CAO-0003 #1, MOD-0004 #2); deadline summer-2027, daysLeft 350;
//   toward it weight 35, done 10 → 2/7. MEXT-0008's progress then is 2/10 (its #2 was completed 10-30).
//
// ── Search (code, titles, summaries and KPI texts are searched) ────────────────────────────────
//   「量子」 → METI-0001 only; 「人材」 → MEXT-0002, DIGITAL-0012; "quantum" in any case → METI-0001;
//   "ai" = "ＡＩ" → MEXT-0002 (only through its full-width ＡＩ title) and CAO-0003 (生成AI / Generative AI);
//   "startup reform" (both terms) → FSA-0010; nothing contains %, _ or an apostrophe.
//   English titles start with twelve distinct capitals so that title order is the same in every collation.

export const FIXTURE_NOW = new Date('2026-11-26T03:00:00.000Z');

interface MeasureSpec {
  code: string;
  titleJa: string;
  titleEn: string;
  lead: MinistryCode;
  co: MinistryCode[];
  fields: FieldCode[];
  pillar: PillarCode;
  instruments: InstrumentCode[];
  createdAt: string;
  targetDate: string | null;
  milestones: [due: string, weight: number, completed: string | null, baseline?: string][];
  reports: [reportedAt: string, status: StatusCode, health: ReportedHealthCode, completes: number[]][];
}

const SPECS: MeasureSpec[] = [
  {
    code: 'METI-0001',
    titleJa: '量子コンピュータ産業化ロードマップ',
    titleEn: 'Quantum computing industrialisation roadmap',
    lead: 'meti',
    co: ['mext'],
    fields: ['quantum', 'ai-semiconductors'],
    pillar: 'rnd-seeds',
    instruments: ['rnd', 'industry-academia'],
    createdAt: '2026-01-10T00:00:00.000Z',
    targetDate: '2027-09-30',
    milestones: [
      ['2026-04-30', 2, '2026-05-15'], // completed late
      ['2026-10-31', 1, '2026-11-10', '2026-09-30'], // slipped 31 days, then completed late
      ['2027-03-31', 3, null],
      ['2027-09-30', 2, null], // after summer-2027: outside deadline progress
    ],
    reports: [
      ['2026-02-01T01:00:00.000Z', 'planning', 'on_track', []],
      ['2026-05-15T01:00:00.000Z', 'in_progress', 'on_track', [0]],
      ['2026-11-10T01:00:00.000Z', 'in_progress', 'on_track', [1]],
    ],
  },
  {
    code: 'MEXT-0002',
    titleJa: 'ＡＩ人材育成プログラム',
    titleEn: 'Machine-learning talent programme',
    lead: 'mext',
    co: ['meti', 'mhlw'],
    fields: ['ai-semiconductors', 'digital-cyber'],
    pillar: 'university-clusters',
    instruments: ['talent'],
    createdAt: '2026-01-15T00:00:00.000Z',
    targetDate: '2027-06-30',
    milestones: [
      ['2026-06-30', 1, '2026-06-20'],
      ['2026-09-30', 1, null], // overdue
      ['2027-06-30', 2, null],
    ],
    reports: [
      ['2026-03-01T01:00:00.000Z', 'planning', 'on_track', []],
      ['2026-06-20T01:00:00.000Z', 'in_progress', 'on_track', [0]],
      ['2026-09-01T01:00:00.000Z', 'in_progress', 'at_risk', []], // stale since 10-01
    ],
  },
  {
    code: 'CAO-0003',
    titleJa: '生成AI安全性評価基盤の整備',
    titleEn: 'Generative AI safety evaluation platform',
    lead: 'cao',
    co: ['digital', 'mic'],
    fields: ['ai-semiconductors', 'digital-cyber', 'ict'],
    pillar: 'cross-cutting',
    instruments: ['regulation', 'standardization'],
    createdAt: '2026-02-01T00:00:00.000Z',
    targetDate: '2027-05-31',
    milestones: [
      ['2026-06-30', 2, null], // overdue
      ['2027-05-31', 2, null],
    ],
    reports: [
      ['2026-03-10T01:00:00.000Z', 'planning', 'on_track', []],
      ['2026-11-20T01:00:00.000Z', 'in_progress', 'off_track', []],
    ],
  },
  {
    code: 'MOD-0004',
    titleJa: '防衛装備品の調達改革',
    titleEn: 'Defense equipment procurement reform',
    lead: 'mod',
    co: ['meti'],
    fields: ['defense'],
    pillar: 'procurement-demand',
    instruments: ['procurement'],
    createdAt: '2025-12-01T00:00:00.000Z',
    targetDate: '2026-12-31',
    milestones: [
      ['2026-03-31', 1, '2026-03-20'],
      ['2026-06-30', 1, null], // overdue
    ],
    reports: [
      ['2026-01-05T01:00:00.000Z', 'planning', 'at_risk', []],
      ['2026-03-20T01:00:00.000Z', 'in_progress', 'at_risk', [0]],
      ['2026-08-01T01:00:00.000Z', 'in_progress', 'off_track', []], // stale since 08-31
    ],
  },
  {
    code: 'MHLW-0005',
    titleJa: '創薬スタートアップの成長支援',
    titleEn: 'Biotech startup growth support',
    lead: 'mhlw',
    co: [],
    fields: ['drug-discovery'],
    pillar: 'startup-finance',
    instruments: ['investment'],
    createdAt: '2025-10-01T00:00:00.000Z',
    targetDate: '2026-03-31',
    milestones: [
      ['2026-01-31', 1, '2026-02-01'], // one day late
      ['2026-03-31', 1, '2026-04-10'], // late
    ],
    reports: [
      ['2025-12-10T01:00:00.000Z', 'in_progress', 'on_track', []],
      ['2026-02-01T01:00:00.000Z', 'in_progress', 'on_track', [0]],
      ['2026-04-10T01:00:00.000Z', 'completed', 'on_track', [1]], // completed long ago: not stale
    ],
  },
  {
    code: 'MAFF-0006',
    titleJa: 'フードテック実証事業',
    titleEn: 'Food tech field trials',
    lead: 'maff',
    co: ['env'],
    fields: ['foodtech'],
    pillar: 'rnd-seeds',
    instruments: ['rnd', 'global-expansion'],
    createdAt: '2026-10-01T00:00:00.000Z',
    targetDate: null, // sorts last by target date
    milestones: [['2027-03-31', 1, null]],
    reports: [], // never reported: stale, not_started
  },
  {
    code: 'MLIT-0007',
    titleJa: '港湾ロジスティクスの自動化',
    titleEn: 'Port logistics automation',
    lead: 'mlit',
    co: ['mod', 'mic'],
    fields: ['port-logistics', 'shipbuilding'],
    pillar: 'procurement-demand',
    instruments: ['investment', 'regulation'],
    createdAt: '2026-01-20T00:00:00.000Z',
    targetDate: '2027-06-30',
    milestones: [
      ['2026-12-31', 3, null],
      ['2027-06-30', 1, null],
    ],
    reports: [
      ['2026-02-15T01:00:00.000Z', 'planning', 'on_track', []],
      ['2026-11-01T01:00:00.000Z', 'planning', 'at_risk', []],
    ],
  },
  {
    code: 'MEXT-0008',
    titleJa: '大学研究力強化ファンド',
    titleEn: 'University research fund',
    lead: 'mext',
    co: ['cao'],
    fields: ['fusion', 'quantum'],
    pillar: 'university-clusters',
    instruments: ['rnd', 'talent'],
    createdAt: '2025-11-01T00:00:00.000Z',
    targetDate: '2027-12-31',
    milestones: [
      ['2026-04-30', 2, '2026-05-01'], // one day late
      ['2026-10-31', 2, '2026-10-30'],
      ['2027-06-30', 1, null],
      ['2027-12-31', 5, null], // after summer-2027
    ],
    reports: [
      ['2025-12-01T01:00:00.000Z', 'in_progress', 'on_track', []],
      ['2026-05-01T01:00:00.000Z', 'in_progress', 'on_track', [0]],
      ['2026-10-30T01:00:00.000Z', 'in_progress', 'on_track', [1]],
    ],
  },
  {
    code: 'MOFA-0009',
    titleJa: '科学技術外交の推進',
    titleEn: 'Science and technology diplomacy',
    lead: 'mofa',
    co: ['mext', 'cas'],
    fields: ['ocean', 'aerospace'],
    pillar: 'st-diplomacy',
    instruments: ['global-expansion', 'standardization'],
    createdAt: '2026-01-05T00:00:00.000Z',
    targetDate: '2027-03-31',
    milestones: [
      ['2026-06-30', 1, '2026-06-25'],
      ['2026-11-15', 1, null], // overdue
    ],
    reports: [
      ['2026-02-01T01:00:00.000Z', 'planning', 'on_track', []],
      ['2026-06-25T01:00:00.000Z', 'in_progress', 'on_track', [0]],
      // Due again at 2026-11-26T02:00Z, one hour before FIXTURE_NOW: stale by an hour.
      ['2026-10-27T02:00:00.000Z', 'in_progress', 'on_track', []],
    ],
  },
  {
    code: 'FSA-0010',
    titleJa: 'スタートアップ向け資本市場改革',
    titleEn: 'Capital market reform for startups',
    lead: 'fsa',
    co: ['meti', 'mof'],
    fields: ['digital-cyber'],
    pillar: 'startup-finance',
    instruments: ['investment', 'regulation'],
    createdAt: '2026-03-01T00:00:00.000Z',
    targetDate: '2026-12-31',
    milestones: [['2026-09-30', 2, null]], // overdue
    reports: [
      ['2026-04-01T01:00:00.000Z', 'planning', 'at_risk', []],
      ['2026-07-10T01:00:00.000Z', 'suspended', 'at_risk', []], // stale since 08-09
    ],
  },
  {
    code: 'ENV-0011',
    titleJa: 'GX移行債の発行',
    titleEn: 'Transition bonds for GX',
    lead: 'env',
    co: ['mof', 'meti'],
    fields: ['energy-gx'],
    pillar: 'cross-cutting',
    instruments: ['investment'],
    createdAt: '2026-02-10T00:00:00.000Z',
    targetDate: '2027-06-30',
    milestones: [
      ['2026-06-30', 1, '2026-07-01'], // one day late
      ['2027-01-31', 1, null],
      ['2027-06-30', 2, null],
    ],
    reports: [
      ['2026-03-01T01:00:00.000Z', 'planning', 'on_track', []],
      ['2026-07-01T01:00:00.000Z', 'in_progress', 'on_track', [0]],
      ['2026-11-25T01:00:00.000Z', 'in_progress', 'at_risk', []],
    ],
  },
  {
    code: 'DIGITAL-0012',
    titleJa: 'サイバーセキュリティ人材の確保',
    titleEn: 'Workforce for cybersecurity',
    lead: 'digital',
    co: ['mic', 'mod'],
    fields: ['digital-cyber'],
    pillar: 'cross-cutting',
    instruments: ['talent'],
    createdAt: '2026-08-15T00:00:00.000Z',
    targetDate: '2026-12-31',
    milestones: [
      ['2026-10-31', 1, '2026-11-15'], // late
      ['2026-12-31', 1, '2026-11-15'], // early
    ],
    reports: [
      ['2026-09-01T01:00:00.000Z', 'planning', 'on_track', []],
      ['2026-11-15T01:00:00.000Z', 'completed', 'on_track', [0, 1]],
    ],
  },
];

function toSeed(spec: MeasureSpec): SeedMeasure {
  const milestones = spec.milestones.map(([due, weight, completed, baseline], i): SeedMilestone => ({
    titleJa: `${spec.titleJa} 節目${i + 1}`,
    titleEn: `Step ${i + 1}`,
    baselineDueDate: baseline ?? due,
    dueDate: due,
    weight,
    completedDate: completed,
  }));
  const reports = spec.reports.map(([reportedAt, status, health, completes]): SeedReport => ({
    reportedAt,
    reporter: `${spec.lead}-lead`,
    status,
    health,
    note: `${status} / ${health}`,
    evidenceUrl: null,
    completedMilestones: completes,
  }));
  return {
    code: spec.code,
    titleJa: spec.titleJa,
    titleEn: spec.titleEn,
    // Summaries and KPIs are searched too: they are kept free of the words the search tests use.
    summaryJa: 'テスト用の架空の施策。',
    summaryEn: 'Fictional fixture measure.',
    lead: spec.lead,
    coMinistries: spec.co,
    fields: spec.fields,
    pillar: spec.pillar,
    instruments: spec.instruments,
    startDate: spec.createdAt.slice(0, 10),
    targetDate: spec.targetDate,
    budgetYen: null,
    budgetFiscalYear: null,
    ownerName: `${spec.code} owner`,
    kpiJa: 'マイルストーン達成率',
    kpiEn: 'Share of milestones met',
    reportingCycleDays: 30,
    createdAt: spec.createdAt,
    milestones,
    reports,
  };
}

/** The hand-computed fixture described above; a fresh copy on every call. */
export function fixtureMeasures(): SeedMeasure[] {
  return SPECS.map(toSeed);
}
