import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { addDaysToInstant, jstDateOf } from '../../common/calendar';
import type { SessionUser } from '../../common/roles';
import { measureSearchText } from '../domain/search-text';
import { ApiError } from '../errors';
import type { ApiIssue } from '../errors';
import { insertKpi, insertObservations, updateKpi } from '../repositories/kpi-repository';
import type { KpiFields } from '../repositories/kpi-repository';
import {
  decideMilestone,
  insertMilestone,
  insertReport,
  replaceLinks,
  updateMilestone,
} from '../repositories/measure-writes-repository';
import type { LinkChanges, MeasureRowChanges, WriteTarget } from '../repositories/measure-writes-repository';
import type { Taxonomy, TaxonomyKind } from '../repositories/taxonomy-repository';
import type { KpiDto } from '../schemas/follow-up';
import type { KpiCreateBody, KpiObservationBody, KpiPatchBody } from '../schemas/kpi-inputs';
import type { MeasureDetailResponse, MilestoneDto } from '../schemas/responses';
import type {
  MeasurePatchBody,
  MilestoneCreateBody,
  MilestonePatchBody,
  MilestoneVerificationBody,
  ReportBody,
} from '../schemas/writes';

// What each kind of measure write changes, given the validated body and the measure's current
// state; measure-write-service.ts runs the plan. Checks that need that state (a milestone belongs
// to the measure, a date after its creation) are made here and answer 400 naming the offending field.

/** What a measure write records in the audit trail. */
export type AuditAction =
  | 'measure.create'
  | 'measure.report'
  | 'measure.update'
  | 'measure.withdraw'
  | 'measure.restore'
  | 'milestone.create'
  | 'milestone.update'
  | 'milestone.verify'
  | 'milestone.reject'
  | 'kpi.create'
  | 'kpi.update'
  | 'kpi.observe';

export interface WriteState {
  user: SessionUser;
  target: WriteTarget;
  /** The measure as it is now (today's view), at the version the client named. */
  before: MeasureDetailResponse;
  now: Date;
}

export interface AuditSpec {
  action: AuditAction;
  entityType: 'measure' | 'milestone' | 'kpi';
  entityCode: string;
  before: unknown;
  after: unknown;
}

export interface WritePlan<R> {
  /** Columns set on the measure row by the same statement that bumps its version. */
  changes: MeasureRowChanges;
  /** The rest of the change, inside the transaction, after the version was claimed. */
  apply(trx: Transaction<Database>): Promise<R>;
  /** The audit rows, given the state after the change. */
  audit(after: MeasureDetailResponse, result: R): AuditSpec[];
}

/** A 400 naming every problem found in a body checked against the measure's state. */
export function bodyError(issues: ApiIssue[]): ApiError {
  return new ApiError(400, 'invalid_parameter', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), issues);
}

/** The audit trail keeps a measure's state without its report log (the log is its own history). */
export function measureSnapshot(measure: MeasureDetailResponse): Omit<MeasureDetailResponse, 'reports'> {
  const snapshot: Partial<MeasureDetailResponse> & Omit<MeasureDetailResponse, 'reports'> = { ...measure };
  delete snapshot.reports;
  return snapshot;
}

interface MilestoneSnapshot {
  measureCode: string;
  /** The measure's version after (or before) the change: a milestone change is a measure change. */
  measureVersion: number;
  milestone: MilestoneDto;
}

function milestoneSnapshot(measure: MeasureDetailResponse, milestoneId: number): MilestoneSnapshot | null {
  const milestone = measure.milestoneList.find((m) => m.id === milestoneId);
  return milestone ? { measureCode: measure.code, measureVersion: measure.version, milestone } : null;
}

function milestoneEntityCode(measureCode: string, milestoneId: number): string {
  return `${measureCode}/milestones/${milestoneId}`;
}

/**
 * A status report: appended to the log, and the measure's cached state set from it exactly as
 * seeds/measure-writer.ts derives it from the latest report (decision 003): status, reported
 * health, last report time, next due time (= report time + reporting cycle), updated time.
 */
export function planReport(body: ReportBody) {
  return ({ user, target, before, now }: WriteState): WritePlan<number> => {
    // Never before the latest report: with several server processes a clock may lag, and the log's
    // latest report (by reported_at, then id) must stay the one the cached state was taken from.
    const nowIso =
      before.lastReportedAt !== null && before.lastReportedAt > now.toISOString() ? before.lastReportedAt : now.toISOString();
    const today = jstDateOf(now);
    const created = jstDateOf(new Date(target.createdAt));
    const completions = body.milestonesCompleted ?? [];
    const issues: ApiIssue[] = [];
    completions.forEach((c, i) => {
      const milestone = before.milestoneList.find((m) => m.id === c.milestoneId);
      if (!milestone) {
        issues.push({
          path: ['milestonesCompleted', i, 'milestoneId'],
          message: `milestone ${c.milestoneId} is not a milestone of ${target.code}`,
        });
      } else if (milestone.completedDate !== null) {
        issues.push({
          path: ['milestonesCompleted', i, 'milestoneId'],
          message: `milestone ${c.milestoneId} was already completed on ${milestone.completedDate}`,
        });
      }
      if (c.completedDate > today) {
        issues.push({
          path: ['milestonesCompleted', i, 'completedDate'],
          message: `must not be in the future (today is ${today} in Japan)`,
        });
      } else if (c.completedDate < created) {
        issues.push({
          path: ['milestonesCompleted', i, 'completedDate'],
          message: `must not be before the measure was created (${created})`,
        });
      }
    });
    // A measure is completed when its work is: reporting `completed` while a milestone is still
    // open would make the status and the progress figure contradict each other (100% done vs not).
    // A measure without milestones may be completed: there is nothing left open.
    if (body.status === 'completed') {
      const completing = new Set(completions.map((c) => c.milestoneId));
      const open = before.milestoneList.filter((m) => m.completedDate === null && !completing.has(m.id));
      if (open.length > 0) {
        issues.push({
          path: ['status'],
          message: `cannot be completed while ${open.length} milestone${open.length > 1 ? 's are' : ' is'} open (${open.map((m) => m.id).join(', ')}): complete them in this report or first`,
        });
      }
    }
    const observations = body.kpiObservations ?? [];
    observations.forEach((o, i) => {
      if (!before.kpis.some((k) => k.id === o.kpiId)) {
        issues.push({ path: ['kpiObservations', i, 'kpiId'], message: `KPI ${o.kpiId} is not a KPI of ${target.code}` });
      }
      if (o.observedOn > today) {
        issues.push({
          path: ['kpiObservations', i, 'observedOn'],
          message: `must not be in the future (today is ${today} in Japan)`,
        });
      }
    });
    if (issues.length > 0) throw bodyError(issues);

    const nextReportDueAt = addDaysToInstant(nowIso, target.reportingCycleDays);
    return {
      changes: { status: body.status, health: body.health, last_reported_at: nowIso, report_due_at: nextReportDueAt },
      apply: async (trx) => {
        const reportId = await insertReport(trx, {
          measureId: target.id,
          reportedAt: nowIso,
          reporter: user.displayName,
          status: body.status,
          health: body.health,
          note: body.note,
          evidenceUrl: body.evidenceUrl ?? null,
          nextReportDueAt,
          milestonesCompleted: completions,
        });
        await insertObservations(
          trx,
          observations.map((o) => ({
            kpiId: o.kpiId,
            value: o.value,
            observedOn: o.observedOn,
            source: o.source ?? before.kpis.find((k) => k.id === o.kpiId)?.source ?? '',
            reportId,
            recordedBy: user.displayName,
            now: nowIso,
          })),
        );
        return reportId;
      },
      audit: (after, reportId) => [
        {
          action: 'measure.report',
          entityType: 'measure',
          entityCode: target.code,
          before: measureSnapshot(before),
          after: { ...measureSnapshot(after), report: after.reports.find((r) => r.id === reportId) ?? null },
        },
      ],
    };
  };
}

export function resolveCodes(
  taxonomy: Taxonomy,
  kind: TaxonomyKind,
  field: string,
  codes: readonly string[],
  issues: ApiIssue[],
): number[] {
  const byCode = new Map(taxonomy[kind].map((row) => [row.code, row.id]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0)
    issues.push({ path: [field], message: `unknown code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` });
  return codes.map((c) => byCode.get(c) ?? -1);
}

/** Edits a measure's own fields. Its code and lead ministry are identity and never change. */
export function planMeasurePatch(body: MeasurePatchBody, taxonomy: Taxonomy) {
  return ({ target, before }: WriteState): WritePlan<void> => {
    const issues: ApiIssue[] = [];
    const links: LinkChanges = {};
    if (body.fields) links.fieldIds = resolveCodes(taxonomy, 'fields', 'fields', body.fields, issues);
    if (body.coMinistries) {
      if (body.coMinistries.includes(target.leadMinistry)) {
        issues.push({ path: ['coMinistries'], message: `must not include the lead ministry (${target.leadMinistry})` });
      }
      links.coMinistryIds = resolveCodes(taxonomy, 'ministries', 'coMinistries', body.coMinistries, issues);
    }
    if (body.instruments) links.instrumentIds = resolveCodes(taxonomy, 'instruments', 'instruments', body.instruments, issues);
    const startDate = body.startDate !== undefined ? body.startDate : before.startDate;
    const targetDate = body.targetDate !== undefined ? body.targetDate : before.targetDate;
    if (startDate !== null && targetDate !== null && targetDate < startDate) {
      issues.push({
        path: [body.targetDate !== undefined ? 'targetDate' : 'startDate'],
        message: `the target date (${targetDate}) must not be before the start date (${startDate})`,
      });
    }
    if (issues.length > 0) throw bodyError(issues);

    const merged = {
      titleJa: body.titleJa ?? before.titleJa,
      titleEn: body.titleEn ?? before.titleEn,
      summaryJa: body.summaryJa ?? before.summaryJa,
      summaryEn: body.summaryEn ?? before.summaryEn,
      kpiJa: body.kpiJa ?? before.kpiJa,
      kpiEn: body.kpiEn ?? before.kpiEn,
    };
    const changes: MeasureRowChanges = {
      title_ja: merged.titleJa,
      title_en: merged.titleEn,
      summary_ja: merged.summaryJa,
      summary_en: merged.summaryEn,
      kpi_ja: merged.kpiJa,
      kpi_en: merged.kpiEn,
      // The same parts, in the same order, as seeds/measure-writer.ts, so search finds edits alike.
      search_text: measureSearchText([
        target.code,
        merged.titleJa,
        merged.titleEn,
        merged.summaryJa,
        merged.summaryEn,
        merged.kpiJa,
        merged.kpiEn,
      ]),
      ...(body.startDate !== undefined ? { start_date: body.startDate } : {}),
      ...(body.targetDate !== undefined ? { target_date: body.targetDate } : {}),
      ...(body.budgetYen !== undefined ? { budget_yen: body.budgetYen } : {}),
      ...(body.budgetFiscalYear !== undefined ? { budget_fiscal_year: body.budgetFiscalYear } : {}),
      ...(body.ownerName !== undefined ? { owner_name: body.ownerName } : {}),
    };
    return {
      changes,
      apply: (trx) => replaceLinks(trx, target.id, links),
      audit: (after) => [
        {
          action: 'measure.update',
          entityType: 'measure',
          entityCode: target.code,
          before: measureSnapshot(before),
          after: measureSnapshot(after),
        },
      ],
    };
  };
}

/** A new milestone; its baseline due date is its due date, so later reschedules show as slips. */
export function planMilestoneCreate(body: MilestoneCreateBody) {
  return ({ target, now }: WriteState): WritePlan<number> => ({
    changes: {},
    apply: (trx) =>
      insertMilestone(trx, {
        measureId: target.id,
        titleJa: body.titleJa,
        titleEn: body.titleEn,
        dueDate: body.dueDate,
        weight: body.weight,
        evidenceUrl: body.evidenceUrl ?? null,
        now: now.toISOString(),
      }),
    audit: (after, milestoneId) => [
      {
        action: 'milestone.create',
        entityType: 'milestone',
        entityCode: milestoneEntityCode(target.code, milestoneId),
        before: null,
        after: milestoneSnapshot(after, milestoneId),
      },
    ],
  });
}

/**
 * Edits a milestone. A new due date is a reschedule: only `due_date` moves, the baseline stays, so
 * the detail's `slipDays` shows the slip, and the move is appended to the revision log with who
 * made it and why (docs/decisions/012-due-date-history.md). A completed milestone keeps the date it was due: moving it
 * afterwards would rewrite whether it was met on time.
 */
export function planMilestoneUpdate(milestoneId: number, body: MilestonePatchBody) {
  return ({ user, target, before, now }: WriteState): WritePlan<void> => {
    const milestone = before.milestoneList.find((m) => m.id === milestoneId);
    if (!milestone) throw new ApiError(404, 'not_found', `No milestone ${milestoneId} on ${target.code}`);
    if (body.dueDate !== undefined && body.dueDate !== milestone.dueDate && milestone.completedDate !== null) {
      throw bodyError([
        {
          path: ['dueDate'],
          message: `milestone ${milestoneId} was completed on ${milestone.completedDate} and cannot be rescheduled`,
        },
      ]);
    }
    return {
      changes: {},
      // Every actual move of the due date appends a revision (the repository compares the dates).
      apply: (trx) =>
        updateMilestone(trx, target.id, milestoneId, body, now.toISOString(), {
          actorEmail: user.email,
          reason: (body.reason ?? '').trim(),
        }),
      audit: (after) => [
        {
          action: 'milestone.update',
          entityType: 'milestone',
          entityCode: milestoneEntityCode(target.code, milestoneId),
          before: { measureCode: before.code, measureVersion: before.version, milestone },
          after: milestoneSnapshot(after, milestoneId),
        },
      ],
    };
  };
}

/**
 * The secretariat's verification or rejection of a reported completion (docs/product.md §3
 * "Verified milestones"). Verifying needs a completion, its evidence, and no verification yet;
 * rejecting needs a completion (and a comment, checked by the body schema) and reopens the
 * milestone, the decision kept in its history.
 */
export function planMilestoneVerification(milestoneId: number, body: MilestoneVerificationBody) {
  return ({ user, target, before, now }: WriteState): WritePlan<void> => {
    const milestone = before.milestoneList.find((m) => m.id === milestoneId);
    if (!milestone) throw new ApiError(404, 'not_found', `No milestone ${milestoneId} on ${target.code}`);
    const completedDate = milestone.completedDate;
    if (completedDate === null) {
      throw new ApiError(
        409,
        'milestone_not_completed',
        `Milestone ${milestoneId} is not reported complete: there is nothing to judge`,
      );
    }
    if (body.decision === 'verify') {
      if (milestone.completion === 'verified') {
        throw new ApiError(409, 'already_verified', `Milestone ${milestoneId} was verified at ${milestone.verifiedAt ?? ''}`);
      }
      if (milestone.evidenceUrl === null) {
        throw new ApiError(
          409,
          'evidence_required',
          `Milestone ${milestoneId} has no evidence link to verify its completion against`,
        );
      }
    }
    const decision = body.decision === 'verify' ? 'verified' : 'rejected';
    return {
      changes: {},
      apply: (trx) =>
        decideMilestone(trx, target.id, {
          milestoneId,
          decision,
          comment: (body.comment ?? '').trim(),
          completedDate,
          evidenceUrl: milestone.evidenceUrl,
          actorUserId: user.id,
          actorEmail: user.email,
          now: now.toISOString(),
        }),
      audit: (after) => [
        {
          action: body.decision === 'verify' ? 'milestone.verify' : 'milestone.reject',
          entityType: 'milestone',
          entityCode: milestoneEntityCode(target.code, milestoneId),
          before: { measureCode: before.code, measureVersion: before.version, milestone },
          after: milestoneSnapshot(after, milestoneId),
        },
      ],
    };
  };
}

function kpiEntityCode(measureCode: string, kpiId: number): string {
  return `${measureCode}/kpis/${kpiId}`;
}

interface KpiSnapshot {
  measureCode: string;
  measureVersion: number;
  kpi: KpiDto;
}

function kpiSnapshot(measure: MeasureDetailResponse, kpiId: number): KpiSnapshot | null {
  const kpi = measure.kpis.find((k) => k.id === kpiId);
  return kpi ? { measureCode: measure.code, measureVersion: measure.version, kpi } : null;
}

/**
 * The plan must lead toward the target: an increasing KPI's target at or above its baseline, a
 * decreasing one's at or below; and the target date not before the baseline date. Either mistake
 * would make the pacing rule (server/domain/kpi-pacing.ts) judge nonsense.
 */
function kpiPlanIssues(k: KpiFields, changed: Partial<Record<keyof KpiFields, unknown>>): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const wrongWay = k.direction === 'increase' ? k.targetValue < k.baselineValue : k.targetValue > k.baselineValue;
  if (wrongWay) {
    const path =
      changed.targetValue !== undefined ? 'targetValue' : changed.baselineValue !== undefined ? 'baselineValue' : 'direction';
    issues.push({
      path: [path],
      message: `a KPI that should ${k.direction} needs a target value (${k.targetValue}) ${k.direction === 'increase' ? 'at or above' : 'at or below'} its baseline value (${k.baselineValue})`,
    });
  }
  if (k.targetDate < k.baselineDate) {
    issues.push({
      path: [changed.targetDate !== undefined ? 'targetDate' : 'baselineDate'],
      message: `the target date (${k.targetDate}) must not be before the baseline date (${k.baselineDate})`,
    });
  }
  return issues;
}

/** A new structured KPI on the measure (docs/product.md §3 "KPI progress categories"). */
export function planKpiCreate(body: KpiCreateBody) {
  return ({ target, now }: WriteState): WritePlan<number> => {
    const issues = kpiPlanIssues(body, body);
    if (issues.length > 0) throw bodyError(issues);
    return {
      changes: {},
      apply: (trx) => insertKpi(trx, target.id, body, now.toISOString()),
      audit: (after, kpiId) => [
        {
          action: 'kpi.create',
          entityType: 'kpi',
          entityCode: kpiEntityCode(target.code, kpiId),
          before: null,
          after: kpiSnapshot(after, kpiId),
        },
      ],
    };
  };
}

/** Edits a KPI's names, unit, source or plan; its observations stay. */
export function planKpiUpdate(kpiId: number, body: KpiPatchBody) {
  return ({ target, before, now }: WriteState): WritePlan<void> => {
    const kpi = before.kpis.find((k) => k.id === kpiId);
    if (!kpi) throw new ApiError(404, 'not_found', `No KPI ${kpiId} on ${target.code}`);
    const merged: KpiFields = {
      nameJa: body.nameJa ?? kpi.nameJa,
      nameEn: body.nameEn ?? kpi.nameEn,
      unit: body.unit ?? kpi.unit,
      direction: body.direction ?? kpi.direction,
      baselineValue: body.baselineValue ?? kpi.baselineValue,
      baselineDate: body.baselineDate ?? kpi.baselineDate,
      targetValue: body.targetValue ?? kpi.targetValue,
      targetDate: body.targetDate ?? kpi.targetDate,
      source: body.source ?? kpi.source,
    };
    const issues = kpiPlanIssues(merged, body);
    if (issues.length > 0) throw bodyError(issues);
    return {
      changes: {},
      apply: (trx) => updateKpi(trx, target.id, kpiId, body, now.toISOString()),
      audit: (after) => [
        {
          action: 'kpi.update',
          entityType: 'kpi',
          entityCode: kpiEntityCode(target.code, kpiId),
          before: { measureCode: before.code, measureVersion: before.version, kpi },
          after: kpiSnapshot(after, kpiId),
        },
      ],
    };
  };
}

/** One observed value of a KPI, outside a report (a statistic published between reports). */
export function planKpiObservation(kpiId: number, body: KpiObservationBody) {
  return ({ user, target, before, now }: WriteState): WritePlan<number> => {
    const kpi = before.kpis.find((k) => k.id === kpiId);
    if (!kpi) throw new ApiError(404, 'not_found', `No KPI ${kpiId} on ${target.code}`);
    const today = jstDateOf(now);
    if (body.observedOn > today) {
      throw bodyError([{ path: ['observedOn'], message: `must not be in the future (today is ${today} in Japan)` }]);
    }
    return {
      changes: {},
      apply: async (trx) => {
        const [id] = await insertObservations(trx, [
          {
            kpiId,
            value: body.value,
            observedOn: body.observedOn,
            source: body.source ?? kpi.source,
            reportId: null,
            recordedBy: user.displayName,
            now: now.toISOString(),
          },
        ]);
        if (id === undefined) throw new Error(`The observation of KPI ${kpiId} was not stored`);
        return id;
      },
      audit: (after, observationId) => [
        {
          action: 'kpi.observe',
          entityType: 'kpi',
          entityCode: kpiEntityCode(target.code, kpiId),
          before: { measureCode: before.code, measureVersion: before.version, kpi },
          after: { ...kpiSnapshot(after, kpiId), observationId },
        },
      ],
    };
  };
}
