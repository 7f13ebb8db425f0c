import { z } from 'zod';

// Shapes of the follow-up round (docs/product.md §4, "The follow-up round"): rounds (照会), the review
// of reports (差し戻し), verified milestones and KPIs with progress categories. The single source of
// the client's types for these screens and of their part of the OpenAPI document.

/** What the figures are computed on: every report (default), accepted reports, or verified milestones too. */
// The same shape as responses.ts `taxonomyItem`, which imports from this module.
const taxonomyItem = z.object({ code: z.string(), nameJa: z.string(), nameEn: z.string() });

export const BASES = ['reported', 'accepted', 'verified'] as const;
export type Basis = (typeof BASES)[number];

export const REVIEW_STATES = ['submitted', 'accepted', 'returned'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** A milestone's completion: not done, done as the ministry reported it, or verified by the secretariat. */
export const COMPLETION_STATES = ['open', 'reported', 'verified'] as const;
export type CompletionState = (typeof COMPLETION_STATES)[number];

export const KPI_CATEGORIES = ['A', 'B', 'N'] as const;
export type KpiCategory = (typeof KPI_CATEGORIES)[number];

export const KPI_DIRECTIONS = ['increase', 'decrease'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export const ROUND_STATES = ['scheduled', 'open', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** Per measure of a round: the review state of its latest report in the round, or missing. */
export const ROUND_ANSWER_STATES = ['missing', ...REVIEW_STATES] as const;
export type RoundAnswerState = (typeof ROUND_ANSWER_STATES)[number];

// ---------------------------------------------------------------------------------------------
// Reviews

export const reportReview = z.object({
  state: z.enum(REVIEW_STATES),
  /** The secretariat's comment; always present when returned. */
  comment: z.string().nullable(),
  /** The reviewer's email; null while submitted. */
  reviewer: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type ReportReview = z.infer<typeof reportReview>;

/** Added to every report (responses.ts `reportDto`). */
export const reportFollowUpFields = {
  /** The round (照会) the report answers, if it was filed while one was open with the measure in scope. */
  roundCode: z.string().nullable(),
  /** Filed in a round after its due date. */
  late: z.boolean(),
  review: reportReview,
};

export const measureRef = z.object({
  code: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  leadMinistry: z.string(),
});
export type MeasureRef = z.infer<typeof measureRef>;

// ---------------------------------------------------------------------------------------------
// Rounds

const roundCounts = {
  /** Measures in the round's scope. */
  inScope: z.number().int(),
  submitted: z.number().int(),
  accepted: z.number().int(),
  returned: z.number().int(),
  /** In scope with no report in the round; submitted + accepted + returned + missing = inScope. */
  missing: z.number().int(),
  /** Answered, but after the due date (a subset of submitted + accepted + returned). */
  late: z.number().int(),
};

export const roundSummary = z.object({
  code: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  opensAt: z.string(),
  dueAt: z.string(),
  closedAt: z.string().nullable(),
  state: z.enum(ROUND_STATES),
  /** Lead-ministry codes in scope; empty means every ministry. */
  ministries: z.array(z.string()),
  /** Field codes in scope; empty means every field. */
  fields: z.array(z.string()),
  deadline: z.string().nullable(),
  totals: z.object(roundCounts),
});
export type RoundSummary = z.infer<typeof roundSummary>;

export const roundListResponse = z.object({ items: z.array(roundSummary) });
export type RoundListResponse = z.infer<typeof roundListResponse>;

export const roundMinistryRow = taxonomyItem.extend(roundCounts);
export type RoundMinistryRow = z.infer<typeof roundMinistryRow>;

export const roundMeasureRow = measureRef.extend({
  state: z.enum(ROUND_ANSWER_STATES),
  late: z.boolean(),
  /** The latest report in the round, if any. */
  reportId: z.number().nullable(),
  reportedAt: z.string().nullable(),
  /** The secretariat's comment when returned. */
  comment: z.string().nullable(),
});
export type RoundMeasureRow = z.infer<typeof roundMeasureRow>;

export const roundDetailResponse = roundSummary.extend({
  /** Every ministry with a measure in scope, in taxonomy order. */
  byMinistry: z.array(roundMinistryRow),
  /** Every measure in scope, by lead ministry (taxonomy order) then code. */
  measures: z.array(roundMeasureRow),
});
export type RoundDetailResponse = z.infer<typeof roundDetailResponse>;

// ---------------------------------------------------------------------------------------------
// The review queue: reports with their measure and the report before them on the same measure

/** A report as the queue shows it (the same fields as a measure's report). */
export const queuedReport = z.object({
  id: z.number(),
  reportedAt: z.string(),
  reporter: z.string(),
  status: z.string(),
  health: z.string(),
  note: z.string(),
  evidenceUrl: z.string().nullable(),
  milestonesCompleted: z.array(z.object({ milestoneId: z.number(), completedDate: z.string() })),
  ...reportFollowUpFields,
});
export const reportQueueItem = z.object({
  measure: measureRef,
  report: queuedReport,
  /** The report before it on the same measure, for comparison; null for a first report. */
  previous: queuedReport.nullable(),
});

export type QueuedReport = z.infer<typeof queuedReport>;
export type ReportQueueItem = z.infer<typeof reportQueueItem>;

export const reportQueueResponse = z.object({
  items: z.array(reportQueueItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type ReportQueueResponse = z.infer<typeof reportQueueResponse>;

// ---------------------------------------------------------------------------------------------
// Verified milestones

export const milestoneVerificationEntry = z.object({
  decision: z.enum(['verified', 'rejected']),
  comment: z.string(),
  completedDate: z.string(),
  evidenceUrl: z.string().nullable(),
  actor: z.string(),
  decidedAt: z.string(),
});
export type MilestoneVerificationEntry = z.infer<typeof milestoneVerificationEntry>;

/** Added to every milestone (responses.ts `milestoneDto`). */
export const milestoneFollowUpFields = {
  evidenceUrl: z.string().nullable(),
  completion: z.enum(COMPLETION_STATES),
  verifiedAt: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  /** Every verification and rejection, oldest first. */
  verificationHistory: z.array(milestoneVerificationEntry),
};

export const verificationQueueItem = z.object({
  measure: measureRef,
  milestone: z.object({
    id: z.number(),
    titleJa: z.string(),
    titleEn: z.string(),
    dueDate: z.string(),
    completedDate: z.string(),
    evidenceUrl: z.string().nullable(),
    weight: z.number(),
  }),
});
export type VerificationQueueItem = z.infer<typeof verificationQueueItem>;

export const verificationQueueResponse = z.object({
  items: z.array(verificationQueueItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type VerificationQueueResponse = z.infer<typeof verificationQueueResponse>;

// ---------------------------------------------------------------------------------------------
// KPIs

export const kpiObservationDto = z.object({
  id: z.number(),
  value: z.number(),
  observedOn: z.string(),
  source: z.string(),
  reportId: z.number().nullable(),
  recordedBy: z.string(),
  createdAt: z.string(),
});
export type KpiObservationDto = z.infer<typeof kpiObservationDto>;

export const kpiConfirmationDto = z.object({
  category: z.enum(KPI_CATEGORIES),
  computedCategory: z.enum(KPI_CATEGORIES),
  reason: z.string(),
  actor: z.string(),
  confirmedAt: z.string(),
  /** The observation it was judged against (null: judged with none). */
  observationId: z.number().nullable(),
});
export type KpiConfirmationDto = z.infer<typeof kpiConfirmationDto>;

export const kpiDto = z.object({
  id: z.number(),
  nameJa: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  direction: z.enum(KPI_DIRECTIONS),
  baselineValue: z.number(),
  baselineDate: z.string(),
  targetValue: z.number(),
  targetDate: z.string(),
  source: z.string(),
  /** Observations as of the as-of date, oldest first. */
  observations: z.array(kpiObservationDto),
  /** The pacing rule's category on the latest observation (server/domain/kpi-pacing.ts). */
  computedCategory: z.enum(KPI_CATEGORIES),
  /** What is shown: the confirmed category while its confirmation stands, else the computed one. */
  category: z.enum(KPI_CATEGORIES),
  /** The confirmation in force: the latest, if made against the latest observation; else null. */
  confirmation: kpiConfirmationDto.nullable(),
  /** Share of (target − baseline) achieved by the latest observation; null without one. */
  achievedShare: z.number().nullable(),
  /** Share of (target date − baseline date) elapsed on the latest observation's date, 0..1; null without one. */
  elapsedShare: z.number().nullable(),
});
export type KpiDto = z.infer<typeof kpiDto>;

/** Added to the measure detail (responses.ts `measureDetailResponse`). */
export const measureKpiFields = { kpis: z.array(kpiDto) };

export const kpiQueueItem = z.object({ measure: measureRef, kpi: kpiDto });
export type KpiQueueItem = z.infer<typeof kpiQueueItem>;

export const kpiQueueResponse = z.object({
  items: z.array(kpiQueueItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type KpiQueueResponse = z.infer<typeof kpiQueueResponse>;

const categoryCounts = { A: z.number().int(), B: z.number().int(), N: z.number().int(), total: z.number().int() };

export const kpiStatsResponse = z.object({
  asOf: z.string(),
  by: z.enum(['field', 'ministry']),
  totals: z.object(categoryCounts),
  /** Every field or ministry in taxonomy order, zeros included. */
  items: z.array(taxonomyItem.extend(categoryCounts)),
});
export type KpiStatsResponse = z.infer<typeof kpiStatsResponse>;

/** Added to the summary (responses.ts `summaryResponse`): the dashboard's 報告ベース / 確認済み pair. */
export const summaryFollowUpFields = {
  basis: z.enum(BASES),
  /** Progress toward the deadline on every reported completion, and on verified ones only. */
  progressByBasis: z.object({ reported: z.number().min(0).max(1), verified: z.number().min(0).max(1) }),
  /** Milestones done (count) on each basis. */
  milestonesDoneByBasis: z.object({ reported: z.number().int(), verified: z.number().int() }),
};
