import { sql } from 'kysely';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database, MeasuresTable } from '../../db/schema';
import type { StatusReportContent } from '../../common/status-report';
import { roundForReport } from './rounds-repository';

// The SQL of the write API (docs/product.md §4). Every function but findWriteTarget runs inside the
// transaction of one measure write, after claimVersion has succeeded.

type Trx = Transaction<Database>;

/** What a write needs to know about a measure beyond its detail: its row id and fixed attributes. */
export interface WriteTarget {
  id: number;
  code: string;
  leadMinistry: string;
  createdAt: string;
  reportingCycleDays: number;
}

export async function findWriteTarget(db: Kysely<Database>, code: string): Promise<WriteTarget | null> {
  const row = await db
    .selectFrom('measures as m')
    .innerJoin('ministries as lead', 'lead.id', 'm.lead_ministry_id')
    .select(['m.id', 'm.code', 'lead.code as lead_code', 'm.created_at', 'm.reporting_cycle_days'])
    .where('m.code', '=', code.toUpperCase())
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    code: row.code,
    leadMinistry: row.lead_code,
    createdAt: row.created_at,
    reportingCycleDays: row.reporting_cycle_days,
  };
}

/** Columns a write may set on the measure row together with the version bump. */
export type MeasureRowChanges = Omit<Updateable<MeasuresTable>, 'id' | 'code' | 'version' | 'lead_ministry_id' | 'created_at'>;

/**
 * The optimistic-concurrency gate, and the first statement of every measure write: one atomic
 * `UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?`. On PostgreSQL a concurrent
 * writer blocks on the row lock and, once the first commits, re-checks the version and matches no
 * row; on SQLite writers are serialised. Either way exactly one writer per version wins. Being the
 * first statement also takes SQLite's write lock before anything is read, so no snapshot goes stale.
 * Returns false when the version has moved on (the caller answers 412).
 */
export async function claimVersion(
  trx: Trx,
  measureId: number,
  expectedVersion: number,
  changes: MeasureRowChanges,
): Promise<boolean> {
  const result = await trx
    .updateTable('measures')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', measureId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NewReport extends StatusReportContent {
  measureId: number;
  nextReportDueAt: string;
  milestonesCompleted: readonly { milestoneId: number; completedDate: string }[];
}

/**
 * Appends a status report (in its round, if any) with the milestones it completes, and marks those
 * milestones done. The report's evidence link becomes the evidence of each completed milestone that
 * has none, and a new completion is never verified yet (docs/product.md §3 "Verified milestones").
 */
export async function insertReport(trx: Trx, report: NewReport): Promise<number> {
  // The round it answers is fixed now, in the same transaction (docs/product.md §4, "The follow-up round").
  const roundId = await roundForReport(trx, report.measureId, report.reportedAt);
  const inserted = await trx
    .insertInto('status_reports')
    .values({
      measure_id: report.measureId,
      reported_at: report.reportedAt,
      reporter: report.reporter,
      status: report.status,
      health: report.health,
      note: report.note,
      evidence_url: report.evidenceUrl,
      next_report_due_at: report.nextReportDueAt,
      created_at: report.reportedAt,
      round_id: roundId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (report.milestonesCompleted.length > 0) {
    await trx
      .insertInto('report_milestones')
      .values(
        report.milestonesCompleted.map((m) => ({
          report_id: inserted.id,
          milestone_id: m.milestoneId,
          completed_date: m.completedDate,
        })),
      )
      .execute();
    for (const m of report.milestonesCompleted) {
      const result = await trx
        .updateTable('milestones')
        .set({
          completed_date: m.completedDate,
          updated_at: report.reportedAt,
          evidence_url:
            report.evidenceUrl === null
              ? sql<string | null>`evidence_url`
              : sql<string | null>`COALESCE(evidence_url, ${report.evidenceUrl})`,
          verified_at: null,
          verified_by: null,
        })
        .where('id', '=', m.milestoneId)
        .where('measure_id', '=', report.measureId)
        .where('completed_date', 'is', null)
        .executeTakeFirst();
      // Checked by the route against the state the version gate vouches for; this is the backstop.
      if (Number(result.numUpdatedRows) !== 1) throw new Error(`Milestone ${m.milestoneId} could not be completed`);
    }
  }
  return inserted.id;
}

export interface LinkChanges {
  /** Field ids, the primary first. */
  fieldIds?: number[];
  coMinistryIds?: number[];
  instrumentIds?: number[];
}

/** Replaces the measure's fields, co-ministries and instruments that are given (the lead row stays). */
export async function replaceLinks(trx: Trx, measureId: number, links: LinkChanges): Promise<void> {
  if (links.fieldIds) {
    await trx.deleteFrom('measure_fields').where('measure_id', '=', measureId).execute();
    await trx
      .insertInto('measure_fields')
      .values(links.fieldIds.map((id, i) => ({ measure_id: measureId, field_id: id, is_primary: i === 0 ? 1 : 0 })))
      .execute();
  }
  if (links.coMinistryIds) {
    await trx.deleteFrom('measure_ministries').where('measure_id', '=', measureId).where('role', '=', 'co').execute();
    if (links.coMinistryIds.length > 0) {
      await trx
        .insertInto('measure_ministries')
        .values(links.coMinistryIds.map((id) => ({ measure_id: measureId, ministry_id: id, role: 'co' })))
        .execute();
    }
  }
  if (links.instrumentIds) {
    await trx.deleteFrom('measure_instruments').where('measure_id', '=', measureId).execute();
    await trx
      .insertInto('measure_instruments')
      .values(links.instrumentIds.map((id) => ({ measure_id: measureId, instrument_id: id })))
      .execute();
  }
}

export interface NewMilestone {
  measureId: number;
  titleJa: string;
  titleEn: string;
  dueDate: string;
  weight: number;
  evidenceUrl: string | null;
  now: string;
}

/** Adds a milestone at the end of the measure's list; its baseline is its first due date. */
export async function insertMilestone(trx: Trx, m: NewMilestone): Promise<number> {
  const last = await trx
    .selectFrom('milestones')
    .select((eb) => eb.fn.max('sort_order').as('n'))
    .where('measure_id', '=', m.measureId)
    .executeTakeFirst();
  const inserted = await trx
    .insertInto('milestones')
    .values({
      measure_id: m.measureId,
      title_ja: m.titleJa,
      title_en: m.titleEn,
      baseline_due_date: m.dueDate,
      due_date: m.dueDate,
      weight: m.weight,
      completed_date: null,
      evidence_url: m.evidenceUrl,
      sort_order: Number(last?.n ?? 0) + 1,
      created_at: m.now,
      updated_at: m.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export interface MilestoneChanges {
  titleJa?: string;
  titleEn?: string;
  dueDate?: string;
  weight?: number;
  evidenceUrl?: string | null;
}

/** Who moved a milestone's due date, and why: what its revision records beside the dates. */
export interface RescheduleAuthor {
  actorEmail: string;
  reason: string;
}

/**
 * Edits a milestone; `baseline_due_date` is never written here, so a reschedule shows as a slip.
 * A due date that actually moves (later or earlier) appends one revision to the append-only log in
 * the same transaction, recorded at the write's instant (docs/decisions/012-due-date-history.md).
 */
export async function updateMilestone(
  trx: Trx,
  measureId: number,
  milestoneId: number,
  changes: MilestoneChanges,
  now: string,
  author: RescheduleAuthor,
): Promise<void> {
  if (changes.dueDate !== undefined) {
    const current = await trx
      .selectFrom('milestones')
      .select('due_date')
      .where('id', '=', milestoneId)
      .where('measure_id', '=', measureId)
      .executeTakeFirst();
    if (current && current.due_date !== changes.dueDate) {
      await trx
        .insertInto('milestone_revisions')
        .values({
          milestone_id: milestoneId,
          previous_due_date: current.due_date,
          due_date: changes.dueDate,
          recorded_at: now,
          actor_email: author.actorEmail,
          reason: author.reason,
        })
        .execute();
    }
  }
  const result = await trx
    .updateTable('milestones')
    .set({
      ...(changes.titleJa !== undefined ? { title_ja: changes.titleJa } : {}),
      ...(changes.titleEn !== undefined ? { title_en: changes.titleEn } : {}),
      ...(changes.dueDate !== undefined ? { due_date: changes.dueDate } : {}),
      ...(changes.weight !== undefined ? { weight: changes.weight } : {}),
      ...(changes.evidenceUrl !== undefined ? { evidence_url: changes.evidenceUrl } : {}),
      updated_at: now,
    })
    .where('id', '=', milestoneId)
    .where('measure_id', '=', measureId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`Milestone ${milestoneId} could not be updated`);
}

export interface MilestoneDecision {
  milestoneId: number;
  decision: 'verified' | 'rejected';
  comment: string;
  /** The completion judged, and the evidence it was judged on. */
  completedDate: string;
  evidenceUrl: string | null;
  actorUserId: number;
  actorEmail: string;
  now: string;
}

/**
 * Records the secretariat's decision on a milestone's completion: a row in the append-only
 * history, and the milestone's verification in force. A rejection makes the milestone not complete
 * again (the ministry completes it anew in a later report), which also clears any verification:
 * every change of the completion does.
 */
export async function decideMilestone(trx: Trx, measureId: number, d: MilestoneDecision): Promise<void> {
  await trx
    .insertInto('milestone_verifications')
    .values({
      milestone_id: d.milestoneId,
      decision: d.decision,
      comment: d.comment,
      completed_date: d.completedDate,
      evidence_url: d.evidenceUrl,
      actor_user_id: d.actorUserId,
      actor_email: d.actorEmail,
      decided_at: d.now,
    })
    .execute();
  const result = await trx
    .updateTable('milestones')
    .set(
      d.decision === 'verified'
        ? { verified_at: d.now, verified_by: d.actorEmail, updated_at: d.now }
        : { completed_date: null, verified_at: null, verified_by: null, updated_at: d.now },
    )
    .where('id', '=', d.milestoneId)
    .where('measure_id', '=', measureId)
    // The completion judged is still the one in force (the version gate vouches for it; the backstop).
    .where('completed_date', '=', d.completedDate)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`Milestone ${d.milestoneId} could not be ${d.decision}`);
}
