import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { addDaysToInstant, jstDateOf } from '../../common/calendar';
import type { SessionUser } from '../../common/roles';
import { measureSearchText } from '../domain/search-text';
import { ApiError } from '../errors';
import type { ApiIssue } from '../errors';
import { insertMilestone, insertReport, replaceLinks, updateMilestone } from '../repositories/measure-writes-repository';
import type { LinkChanges, MeasureRowChanges, WriteTarget } from '../repositories/measure-writes-repository';
import type { Taxonomy, TaxonomyKind } from '../repositories/taxonomy-repository';
import type { MeasureDetailResponse, MilestoneDto } from '../schemas/responses';
import type { MeasurePatchBody, MilestoneCreateBody, MilestonePatchBody, ReportBody } from '../schemas/writes';

// What each kind of measure write changes, given the validated body and the measure's current
// state; measure-write-service.ts runs the plan. Checks that need that state (a milestone belongs
// to the measure, a date after its creation) are made here and answer 400 naming the offending field.

/** What a measure write records in the audit trail. */
export type AuditAction = 'measure.report' | 'measure.update' | 'milestone.create' | 'milestone.update';

export interface WriteState {
  user: SessionUser;
  target: WriteTarget;
  /** The measure as it is now (today's view), at the version the client named. */
  before: MeasureDetailResponse;
  now: Date;
}

export interface AuditSpec {
  action: AuditAction;
  entityType: 'measure' | 'milestone';
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
function bodyError(issues: ApiIssue[]): ApiError {
  return new ApiError(400, 'invalid_parameter', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), issues);
}

/** The audit trail keeps a measure's state without its report log (the log is its own history). */
function measureSnapshot(measure: MeasureDetailResponse): Omit<MeasureDetailResponse, 'reports'> {
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
    if (issues.length > 0) throw bodyError(issues);

    const nextReportDueAt = addDaysToInstant(nowIso, target.reportingCycleDays);
    return {
      changes: { status: body.status, health: body.health, last_reported_at: nowIso, report_due_at: nextReportDueAt },
      apply: (trx) =>
        insertReport(trx, {
          measureId: target.id,
          reportedAt: nowIso,
          reporter: user.displayName,
          status: body.status,
          health: body.health,
          note: body.note,
          evidenceUrl: body.evidenceUrl ?? null,
          nextReportDueAt,
          milestonesCompleted: completions,
        }),
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

function resolveCodes(
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
 * the detail's `slipDays` shows the slip. A completed milestone keeps the date it was due: moving it
 * afterwards would rewrite whether it was met on time.
 */
export function planMilestoneUpdate(milestoneId: number, body: MilestonePatchBody) {
  return ({ target, before, now }: WriteState): WritePlan<void> => {
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
      apply: (trx) => updateMilestone(trx, target.id, milestoneId, body, now.toISOString()),
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
