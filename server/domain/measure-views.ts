import { daysBetween } from '../../common/calendar';
import type { HealthCode, ReportedHealthCode, StatusCode } from '../../common/taxonomy';
import type { CompletionState, ReviewState } from '../schemas/follow-up';
import type { MeasureDetailResponse, MeasureListItem, MilestoneDto, ReportDto } from '../schemas/responses';
import { dueDateAsOf } from './due-date-history';
import type { DueDateRevision } from './due-date-history';
import { effectiveHealth, isDoneAsOf, isOverdueAsOf, milestoneCounts, progress } from './derived-figures';
import type { MilestoneGroup, ReportState } from './derived-figures';
import { kpiView } from './kpi-views';
import { withdrawalAsOf } from './withdrawals';
import type { WithdrawalRecord } from './withdrawals';
import type { KpiRecord } from './kpi-views';

// A measure as the API shows it, in the list and in detail, assembled from the records the measure
// queries return. Pure: what depends on the as-of date (state, figures, what was known then) is
// decided here, with the definitions of derived-figures.ts.

/** The day (and instant) a measure is seen as of; `historical` when that is before today. */
export interface MeasureViewDates {
  asOf: string;
  asOfInstant: string;
  historical: boolean;
}

/** A measure's field, co-ministry and instrument codes, in taxonomy order (primary field first). */
export interface MeasureLinks {
  fields: string[];
  primaryField: string | null;
  coMinistries: string[];
  instruments: string[];
}

/** One measure of the list, its state already as of the view (the list's filter computes it). */
export interface MeasureListRecord {
  code: string;
  titleJa: string;
  titleEn: string;
  leadMinistry: string;
  pillar: string;
  links: MeasureLinks;
  status: StatusCode;
  /** Effective health as of the view. */
  health: HealthCode;
  reportedHealth: ReportedHealthCode | null;
  /** Its milestones, with the completions that count on the view's basis. */
  milestones: MilestoneGroup[];
  /** The review state of its latest report known as of the view; null when never reported on. */
  review: ReviewState | null;
  targetDate: string | null;
  /** The latest report known as of the view that counts on its basis. */
  lastReportedAt: string | null;
  /** The latest report known as of the view, whatever the basis: the measure's last change then. */
  latestReportAt: string | null;
  reportDueAt: string;
  createdAt: string;
  updatedAt: string;
  /** Its withdrawal periods (廃止), oldest first; the view picks the one holding its day. */
  withdrawals: WithdrawalRecord[];
}

/**
 * A milestone as stored: what the API shows of it, less what is derived (slip, overdue, completion).
 * `verificationHistory` holds the decisions made as of the view, oldest first.
 */
export type MilestoneRecord = Omit<MilestoneDto, 'slipDays' | 'overdue' | 'completion' | 'revisions'> & {
  /** When it was added to the plan: as of an earlier day it did not exist yet. */
  createdAt: string;
  /** Every revision of its due date in log order, whenever recorded (the view picks what was known). */
  revisions: MilestoneRevisionRecord[];
};

/** One row of the revision log (docs/decisions/012-due-date-history.md). */
export interface MilestoneRevisionRecord extends DueDateRevision {
  actorEmail: string;
  reason: string;
}

/**
 * The milestones as known at the view (docs/decisions/012-due-date-history.md): as of a past day,
 * those in the plan then, each with the due date known then and the revisions recorded by then;
 * today, all of them as stored.
 */
export function milestonesAsOf(milestones: readonly MilestoneRecord[], view: MeasureViewDates): MilestoneRecord[] {
  if (!view.historical) return [...milestones];
  return milestones
    .filter((ms) => ms.createdAt <= view.asOfInstant)
    .map((ms) => ({
      ...ms,
      dueDate: dueDateAsOf(ms.dueDate, ms.revisions, view.asOfInstant),
      revisions: ms.revisions.filter((r) => r.recordedAt <= view.asOfInstant),
    }));
}

export interface ReportRecord extends ReportDto {
  nextReportDueAt: string;
}

/** One measure with everything its detail shows, as stored. */
export interface MeasureRecord extends Pick<
  MeasureListRecord,
  'code' | 'titleJa' | 'titleEn' | 'leadMinistry' | 'pillar' | 'links' | 'targetDate' | 'review' | 'withdrawals'
> {
  summaryJa: string;
  summaryEn: string;
  /** Today's state, cached on the measure from its latest report (docs/decisions/003-stale-and-health.md). */
  current: ReportState & { lastReportedAt: string | null };
  startDate: string | null;
  ownerName: string;
  budgetYen: number | null;
  budgetFiscalYear: number | null;
  kpiJa: string;
  kpiEn: string;
  reportingCycleDays: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  milestones: MilestoneRecord[];
  /** The reports known as of the view, newest first. */
  reports: ReportRecord[];
  /** The structured KPIs with what was known of them as of the view. */
  kpis: KpiRecord[];
}

export function measureListItemView(
  record: MeasureListRecord,
  view: Pick<MeasureViewDates, 'asOf' | 'historical'>,
): MeasureListItem {
  const { links, milestones } = record;
  return {
    code: record.code,
    titleJa: record.titleJa,
    titleEn: record.titleEn,
    leadMinistry: record.leadMinistry,
    coMinistries: links.coMinistries,
    fields: links.fields,
    primaryField: links.primaryField,
    pillar: record.pillar,
    instruments: links.instruments,
    status: record.status,
    health: record.health,
    reportedHealth: record.reportedHealth,
    // Effective health is `stale` exactly when the measure is (derived-figures.ts `effectiveHealth`).
    stale: record.health === 'stale',
    progress: progress(milestones, view.asOf),
    milestones: milestoneCounts(milestones, view.asOf),
    review: record.review,
    targetDate: record.targetDate,
    lastReportedAt: record.lastReportedAt,
    reportDueAt: record.reportDueAt,
    // As of a past date, the last change known then: its latest report, or its creation.
    updatedAt: view.historical ? (record.latestReportAt ?? record.createdAt) : record.updatedAt,
    withdrawnOn: withdrawalAsOf(record.withdrawals, view.asOf)?.withdrawnOn ?? null,
  };
}

/** A report as the API shows it: when the next one was due is part of the measure's state instead. */
function reportDto(report: ReportRecord): ReportDto {
  const dto: Partial<ReportRecord> & ReportDto = { ...report };
  delete dto.nextReportDueAt;
  return dto;
}

/**
 * A measure's detail: what the list shows of it, as of the view, then the rest of its plan, its
 * milestones and its reports. Keys follow the response schema (the list item's first).
 */
export function measureDetailView(record: MeasureRecord, view: MeasureViewDates): MeasureDetailResponse {
  const { asOfInstant, historical } = view;
  // Today's state is cached on the row; a past state is the latest report up to then (decision 003).
  const latest = record.reports[0];
  const milestones = milestonesAsOf(record.milestones, view);
  const state: ReportState = historical
    ? {
        status: latest?.status ?? 'not_started',
        health: latest?.health ?? null,
        reportDueAt: latest?.nextReportDueAt ?? record.createdAt,
      }
    : { status: record.current.status, health: record.current.health, reportDueAt: record.current.reportDueAt };
  const item = measureListItemView(
    {
      ...record,
      status: state.status,
      health: effectiveHealth(state, asOfInstant),
      reportedHealth: state.health,
      milestones: milestones.map((ms) => ({
        dueDate: ms.dueDate,
        completedDate: ms.completedDate,
        weight: ms.weight,
        count: 1,
      })),
      lastReportedAt: historical ? (latest?.reportedAt ?? null) : record.current.lastReportedAt,
      latestReportAt: historical ? (latest?.reportedAt ?? null) : record.current.lastReportedAt,
      reportDueAt: state.reportDueAt,
    },
    view,
  );
  return {
    ...item,
    summaryJa: record.summaryJa,
    summaryEn: record.summaryEn,
    startDate: record.startDate,
    budgetYen: record.budgetYen,
    budgetFiscalYear: record.budgetFiscalYear,
    ownerName: record.ownerName,
    kpiJa: record.kpiJa,
    kpiEn: record.kpiEn,
    reportingCycleDays: record.reportingCycleDays,
    createdAt: record.createdAt,
    version: record.version,
    milestoneList: milestones.map((ms) => milestoneView(ms, view)),
    reports: record.reports.map(reportDto),
    kpis: record.kpis.map(kpiView),
    withdrawal: withdrawalView(withdrawalAsOf(record.withdrawals, view.asOf)),
  };
}

/** The withdrawal in force as of the view, as the detail shows it (docs/decisions/024). */
function withdrawalView(period: WithdrawalRecord | null): MeasureDetailResponse['withdrawal'] {
  if (!period) return null;
  return { date: period.withdrawnOn, reason: period.reason, withdrawnAt: period.withdrawnAt, withdrawnBy: period.withdrawnBy };
}

/**
 * A milestone as of the view: its completion is `reported` once the ministry marked it done and
 * `verified` once the secretariat verified that completion (docs/product.md §3 "Verified
 * milestones"); a completion or a verification made after the as-of date was not known then.
 */
function milestoneView(ms: MilestoneRecord, view: MeasureViewDates): MilestoneDto {
  const done = isDoneAsOf(ms, view.asOf);
  const verified = done && ms.verifiedAt !== null && ms.verifiedAt <= view.asOfInstant;
  const completion: CompletionState = verified ? 'verified' : done ? 'reported' : 'open';
  return {
    id: ms.id,
    titleJa: ms.titleJa,
    titleEn: ms.titleEn,
    baselineDueDate: ms.baselineDueDate,
    dueDate: ms.dueDate,
    slipDays: daysBetween(ms.baselineDueDate, ms.dueDate),
    weight: ms.weight,
    completedDate: done ? ms.completedDate : null,
    overdue: isOverdueAsOf(ms, view.asOf),
    evidenceUrl: ms.evidenceUrl,
    completion,
    verifiedAt: verified ? ms.verifiedAt : null,
    verifiedBy: verified ? ms.verifiedBy : null,
    verificationHistory: ms.verificationHistory,
    revisions: [...ms.revisions]
      .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0))
      .map((r) => ({
        previousDueDate: r.previousDueDate,
        dueDate: r.dueDate,
        recordedAt: r.recordedAt,
        actor: r.actorEmail,
        reason: r.reason,
        slipDays: daysBetween(r.previousDueDate, r.dueDate),
      })),
  };
}
