import type { StatusReportContent } from '../common/status-report';
import type { FieldCode, InstrumentCode, MinistryCode, PillarCode } from '../common/taxonomy';

// A measure with its whole history as plain data: what the sample and synthetic generators produce
// and what measure-writer.ts stores.

export interface SeedMilestone {
  titleJa: string;
  titleEn: string;
  baselineDueDate: string;
  dueDate: string;
  weight: number;
  /** Set only when a report in `reports` records the completion. */
  completedDate: string | null;
  /** A link to the evidence of the current completion (docs/product.md §4, verified milestones). */
  evidenceUrl?: string | null;
  /** The secretariat's verification of the current completion, if any. */
  verification?: SeedDecision | null;
  /**
   * Earlier completions the secretariat rejected (the milestone was not complete again until a later
   * report completed it anew). Each was recorded by the report at `reportedAt`.
   */
  rejections?: readonly SeedMilestoneRejection[];
  /**
   * The reschedules from `baselineDueDate` to `dueDate`, in the order recorded (each one's previous
   * due date the one before's new one). When absent and the two dates differ, the writer records one
   * (seeds/measure-writer.ts `seedRevisions`).
   */
  revisions?: readonly SeedRevision[];
}

/** One reschedule of a milestone (docs/decisions/012-due-date-history.md). */
export interface SeedRevision {
  previousDueDate: string;
  dueDate: string;
  /** ISO instant, between the measure's creation and the reference date. */
  recordedAt: string;
  actorEmail: string;
  reason: string;
}

/** Who decided, and when (an email: the user id is looked up when that account exists). */
export interface SeedDecision {
  actorEmail: string;
  /** ISO instant. */
  decidedAt: string;
}

export interface SeedMilestoneRejection extends SeedDecision {
  completedDate: string;
  evidenceUrl: string | null;
  /** The report that recorded the rejected completion. */
  reportedAt: string;
  comment: string;
}

/** A call for reports (照会): its window and scope (docs/product.md §4, the follow-up round). */
export interface SeedRound {
  code: string;
  titleJa: string;
  titleEn: string;
  /** ISO instants. */
  opensAt: string;
  dueAt: string;
  closedAt: string | null;
  createdAt: string;
  /** The secretariat account that opened (and closed) it. */
  actorEmail: string;
  /** Lead-ministry and field scope; empty means every ministry / field. */
  ministries: readonly MinistryCode[];
  fields: readonly FieldCode[];
  /** A deadline code, or null. */
  deadline: string | null;
}

export interface SeedReview {
  decision: 'accepted' | 'returned';
  /** Required (non-empty) when returned. */
  comment: string;
  reviewerEmail: string;
  /** ISO instant. */
  reviewedAt: string;
}

/** `reportedAt` is unique within a measure, and the reports are in ascending order. */
export interface SeedReport extends StatusReportContent {
  /** Indexes into `milestones` completed with this report. */
  completedMilestones: number[];
  /** The round the report answers (by the filing rule of the round API); the writer stores it if absent. */
  round?: SeedRound | null;
  /** The secretariat's review; none means the report is still `submitted`. */
  review?: SeedReview | null;
}

export type SeedKpiCategory = 'A' | 'B' | 'N';

export interface SeedKpiObservation {
  value: number;
  observedOn: string;
  source: string;
  recordedBy: string;
  /** ISO instant. */
  createdAt: string;
  /** The report of the same measure it was filed with, if any. */
  reportedAt: string | null;
}

export interface SeedKpiConfirmation {
  /** Index into the KPI's observations of the one judged, or null (judged with none). */
  observationIndex: number | null;
  category: SeedKpiCategory;
  computedCategory: SeedKpiCategory;
  reason: string;
  actorEmail: string;
  /** ISO instant. */
  confirmedAt: string;
}

/** A structured KPI (docs/product.md §4): derived in the sample from the measure's free-text KPI. */
export interface SeedKpi {
  nameJa: string;
  nameEn: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
  source: string;
  /** ISO instant. */
  createdAt: string;
  /** In ascending `observedOn`, each date once. */
  observations: SeedKpiObservation[];
  confirmations: SeedKpiConfirmation[];
}

/** What a measure is about and who owns it: shared by the sample catalog and the generated measures. */
export interface MeasureDescription {
  titleJa: string;
  titleEn: string;
  summaryJa: string;
  summaryEn: string;
  lead: MinistryCode;
  coMinistries: readonly MinistryCode[];
  /** First entry is the primary field. */
  fields: readonly FieldCode[];
  pillar: PillarCode;
  instruments: readonly InstrumentCode[];
  kpiJa: string;
  kpiEn: string;
}

export interface SeedMeasure extends MeasureDescription {
  code: string;
  startDate: string | null;
  targetDate: string | null;
  budgetYen: number | null;
  budgetFiscalYear: number | null;
  ownerName: string;
  reportingCycleDays: number;
  /** ISO instant. */
  createdAt: string;
  milestones: SeedMilestone[];
  reports: SeedReport[];
  /** Structured KPIs; none when absent (the synthetic data has none). */
  kpis?: SeedKpi[];
}
