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
}

/** `reportedAt` is unique within a measure, and the reports are in ascending order. */
export interface SeedReport extends StatusReportContent {
  /** Indexes into `milestones` completed with this report. */
  completedMilestones: number[];
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
}
