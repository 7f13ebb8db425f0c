import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, MilestonesTable, StatusReportsTable } from '../db/schema';
import { addDaysToInstant, maxIso } from '../common/calendar';
import { measureSearchText } from '../server/domain/search-text';
import { DEMO_EMAIL_DOMAIN } from './demo-users';
import type { SeedMeasure, SeedMilestone, SeedRevision, SeedRound } from './seed-types';

// Stores generated measures with their milestones and report history in bulk. The measure row's
// current state (status, health, last report, next due) is derived here from the latest report,
// the same rule the report API follows, so today's figures equal the history rebuilt as of today.
// The follow-up round's data (docs/product.md §4) comes in two steps: the history (rounds, each
// report's round, milestone evidence and verification state, KPIs and observations), then the
// decisions (reviews, verification log, category confirmations), which name the secretariat's user
// id when its account exists by then; the sample seeds the demo accounts between the two.

type Db = Kysely<Database> | Transaction<Database>;

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function idsByCode(db: Db, table: 'fields' | 'ministries' | 'pillars' | 'instruments'): Promise<Map<string, number>> {
  const rows = await db.selectFrom(table).select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export interface TaxonomyIds {
  fields: Map<string, number>;
  ministries: Map<string, number>;
  pillars: Map<string, number>;
  instruments: Map<string, number>;
}

export async function loadTaxonomyIds(db: Db): Promise<TaxonomyIds> {
  return {
    fields: await idsByCode(db, 'fields'),
    ministries: await idsByCode(db, 'ministries'),
    pillars: await idsByCode(db, 'pillars'),
    instruments: await idsByCode(db, 'instruments'),
  };
}

function idOf(map: Map<string, number>, code: string, kind: string): number {
  const id = map.get(code);
  if (id === undefined) throw new Error(`Unknown ${kind} code in seed data: ${code}`);
  return id;
}

/**
 * Writes the rounds that are not there yet (by code), with their scope, and returns every given
 * round's id. Reports name their round, so any slice of the sample brings the rounds it needs.
 */
export async function writeRounds(db: Db, rounds: readonly SeedRound[], ids: TaxonomyIds): Promise<Map<string, number>> {
  const codes = [...new Set(rounds.map((r) => r.code))];
  const out = new Map<string, number>();
  if (codes.length === 0) return out;
  const existing = await db.selectFrom('rounds').select(['id', 'code']).where('code', 'in', codes).execute();
  for (const r of existing) out.set(r.code, r.id);
  const deadlines = new Map((await db.selectFrom('deadlines').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  for (const round of rounds) {
    if (out.has(round.code)) continue;
    const inserted = await db
      .insertInto('rounds')
      .values({
        code: round.code,
        title_ja: round.titleJa,
        title_en: round.titleEn,
        opens_at: round.opensAt,
        due_at: round.dueAt,
        deadline_id: round.deadline === null ? null : (deadlines.get(round.deadline) ?? null),
        created_by_user_id: null,
        created_at: round.createdAt,
        closed_at: round.closedAt,
        closed_by_user_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    out.set(round.code, inserted.id);
    const ministryRows = round.ministries.map((m) => ({
      round_id: inserted.id,
      ministry_id: idOf(ids.ministries, m, 'ministry'),
    }));
    const fieldRows = round.fields.map((f) => ({ round_id: inserted.id, field_id: idOf(ids.fields, f, 'field') }));
    if (ministryRows.length > 0) await db.insertInto('round_ministries').values(ministryRows).execute();
    if (fieldRows.length > 0) await db.insertInto('round_fields').values(fieldRows).execute();
  }
  return out;
}

/** Inserts the measures (which must not exist yet) with all their data and returns how many rows were written. */
export async function writeMeasures(db: Db, measures: readonly SeedMeasure[], ids: TaxonomyIds): Promise<number> {
  return (await writeMeasureHistory(db, measures, ids)) + (await writeFollowUpDecisions(db, measures));
}

function versionOf(m: SeedMeasure): number {
  // Every report, KPI and milestone decision is a write that bumps the version through the API.
  const decisions = m.milestones.reduce((n, ms) => n + (ms.verification ? 1 : 0) + (ms.rejections?.length ?? 0), 0);
  return 1 + m.reports.length + (m.kpis?.length ?? 0) + decisions;
}

/** Step one of writeMeasures: everything but the decisions. */
export async function writeMeasureHistory(db: Db, measures: readonly SeedMeasure[], ids: TaxonomyIds): Promise<number> {
  let rowsWritten = 0;
  const rounds = [
    ...new Map(measures.flatMap((m) => m.reports.flatMap((r) => (r.round ? [[r.round.code, r.round] as const] : [])))).values(),
  ];
  const roundIds = await writeRounds(db, rounds, ids);
  for (const batch of chunks(measures, 200)) {
    const measureRows = batch.map((m) => {
      const latest = m.reports[m.reports.length - 1];
      const updatedAt = latest?.reportedAt ?? m.createdAt;
      return {
        code: m.code,
        title_ja: m.titleJa,
        title_en: m.titleEn,
        summary_ja: m.summaryJa,
        summary_en: m.summaryEn,
        lead_ministry_id: idOf(ids.ministries, m.lead, 'ministry'),
        pillar_id: idOf(ids.pillars, m.pillar, 'pillar'),
        status: latest?.status ?? 'not_started',
        health: latest?.health ?? null,
        start_date: m.startDate,
        target_date: m.targetDate,
        budget_yen: m.budgetYen,
        budget_fiscal_year: m.budgetFiscalYear,
        owner_name: m.ownerName,
        kpi_ja: m.kpiJa,
        kpi_en: m.kpiEn,
        reporting_cycle_days: m.reportingCycleDays,
        last_reported_at: latest?.reportedAt ?? null,
        report_due_at: latest ? addDaysToInstant(latest.reportedAt, m.reportingCycleDays) : m.createdAt,
        search_text: measureSearchText([m.code, m.titleJa, m.titleEn, m.summaryJa, m.summaryEn, m.kpiJa, m.kpiEn]),
        created_at: m.createdAt,
        updated_at: updatedAt,
        version: versionOf(m),
      };
    });
    for (const rows of chunks(measureRows, 100)) await db.insertInto('measures').values(rows).execute();
    rowsWritten += measureRows.length;

    const idRows = await db
      .selectFrom('measures')
      .select(['id', 'code'])
      .where(
        'code',
        'in',
        batch.map((m) => m.code),
      )
      .execute();
    const measureIds = new Map(idRows.map((r) => [r.code, r.id]));
    const measureId = { get: (code: string) => idOf(measureIds, code, 'measure') };

    const fieldRows = batch.flatMap((m) =>
      m.fields.map((f, i) => ({
        measure_id: measureId.get(m.code),
        field_id: idOf(ids.fields, f, 'field'),
        is_primary: i === 0 ? 1 : 0,
      })),
    );
    const ministryRows = batch.flatMap((m) => [
      { measure_id: measureId.get(m.code), ministry_id: idOf(ids.ministries, m.lead, 'ministry'), role: 'lead' },
      ...m.coMinistries.map((c) => ({
        measure_id: measureId.get(m.code),
        ministry_id: idOf(ids.ministries, c, 'ministry'),
        role: 'co',
      })),
    ]);
    const instrumentRows = batch.flatMap((m) =>
      m.instruments.map((x) => ({ measure_id: measureId.get(m.code), instrument_id: idOf(ids.instruments, x, 'instrument') })),
    );
    for (const rows of chunks(fieldRows)) await db.insertInto('measure_fields').values(rows).execute();
    for (const rows of chunks(ministryRows)) await db.insertInto('measure_ministries').values(rows).execute();
    for (const rows of chunks(instrumentRows)) await db.insertInto('measure_instruments').values(rows).execute();
    rowsWritten += fieldRows.length + ministryRows.length + instrumentRows.length;

    const milestoneRows: Insertable<MilestonesTable>[] = batch.flatMap((m) =>
      m.milestones.map((ms, i) => ({
        measure_id: measureId.get(m.code),
        title_ja: ms.titleJa,
        title_en: ms.titleEn,
        baseline_due_date: ms.baselineDueDate,
        due_date: ms.dueDate,
        weight: ms.weight,
        completed_date: ms.completedDate,
        sort_order: i + 1,
        created_at: m.createdAt,
        updated_at: maxIso(
          maxIso(
            ms.completedDate ? `${ms.completedDate}T09:00:00.000Z` : m.createdAt,
            ms.verification?.decidedAt ?? ms.rejections?.[ms.rejections.length - 1]?.decidedAt ?? '',
          ),
          seedRevisions(m, ms).at(-1)?.recordedAt ?? '',
        ),
        evidence_url: ms.evidenceUrl ?? null,
        verified_at: ms.verification?.decidedAt ?? null,
        verified_by: ms.verification?.actorEmail ?? null,
      })),
    );
    for (const rows of chunks(milestoneRows)) await db.insertInto('milestones').values(rows).execute();
    rowsWritten += await writeRevisions(db, batch, measureId.get);

    const reportRows: Insertable<StatusReportsTable>[] = batch.flatMap((m) =>
      m.reports.map((r) => ({
        measure_id: measureId.get(m.code),
        reported_at: r.reportedAt,
        reporter: r.reporter,
        status: r.status,
        health: r.health,
        note: r.note,
        evidence_url: r.evidenceUrl,
        next_report_due_at: addDaysToInstant(r.reportedAt, m.reportingCycleDays),
        created_at: r.reportedAt,
        round_id: r.round ? idOf(roundIds, r.round.code, 'round') : null,
      })),
    );
    for (const rows of chunks(reportRows)) await db.insertInto('status_reports').values(rows).execute();
    rowsWritten += milestoneRows.length + reportRows.length;

    // Link each report to the milestones it completed (and to completions later rejected).
    const withCompletions = batch.filter(
      (m) => m.reports.some((r) => r.completedMilestones.length > 0) || m.milestones.some((ms) => ms.rejections?.length),
    );
    const withKpis = batch.filter((m) => (m.kpis?.length ?? 0) > 0);
    if (withCompletions.length > 0 || withKpis.length > 0) {
      const batchIds = [...new Set([...withCompletions, ...withKpis].map((m) => measureId.get(m.code)))];
      const [milestoneIds, reportIds] = await Promise.all([
        db.selectFrom('milestones').select(['id', 'measure_id', 'sort_order']).where('measure_id', 'in', batchIds).execute(),
        db.selectFrom('status_reports').select(['id', 'measure_id', 'reported_at']).where('measure_id', 'in', batchIds).execute(),
      ]);
      const milestoneKey = new Map(milestoneIds.map((r) => [`${r.measure_id}/${r.sort_order}`, r.id]));
      const reportKey = new Map(reportIds.map((r) => [`${r.measure_id}/${r.reported_at}`, r.id]));
      const links = withCompletions.flatMap((m) => {
        const mid = measureId.get(m.code);
        const current = m.reports.flatMap((r) =>
          r.completedMilestones.map((index) => {
            const milestone = m.milestones[index];
            if (!milestone?.completedDate)
              throw new Error(`${m.code}: report completes milestone ${index} without a completion date`);
            return {
              report_id: idOf(reportKey, `${mid}/${r.reportedAt}`, 'report'),
              milestone_id: idOf(milestoneKey, `${mid}/${index + 1}`, 'milestone'),
              completed_date: milestone.completedDate,
            };
          }),
        );
        const rejected = m.milestones.flatMap((ms, index) =>
          (ms.rejections ?? []).map((x) => ({
            report_id: idOf(reportKey, `${mid}/${x.reportedAt}`, 'report'),
            milestone_id: idOf(milestoneKey, `${mid}/${index + 1}`, 'milestone'),
            completed_date: x.completedDate,
          })),
        );
        return [...current, ...rejected];
      });
      for (const rows of chunks(links)) await db.insertInto('report_milestones').values(rows).execute();
      rowsWritten += links.length;

      if (withKpis.length > 0) {
        const kpiRows = withKpis.flatMap((m) =>
          (m.kpis ?? []).map((k, i) => ({
            measure_id: measureId.get(m.code),
            name_ja: k.nameJa,
            name_en: k.nameEn,
            unit: k.unit,
            direction: k.direction,
            baseline_value: k.baselineValue,
            baseline_date: k.baselineDate,
            target_value: k.targetValue,
            target_date: k.targetDate,
            source: k.source,
            sort_order: i + 1,
            created_at: k.createdAt,
            updated_at: k.createdAt,
          })),
        );
        for (const rows of chunks(kpiRows)) await db.insertInto('kpis').values(rows).execute();
        const kpiIds = await db
          .selectFrom('kpis')
          .select(['id', 'measure_id', 'sort_order'])
          .where(
            'measure_id',
            'in',
            withKpis.map((m) => measureId.get(m.code)),
          )
          .execute();
        const kpiKey = new Map(kpiIds.map((r) => [`${r.measure_id}/${r.sort_order}`, r.id]));
        const observationRows = withKpis
          .flatMap((m) =>
            (m.kpis ?? []).flatMap((k, i) =>
              k.observations.map((o) => ({
                kpi_id: idOf(kpiKey, `${measureId.get(m.code)}/${i + 1}`, 'KPI'),
                report_id: o.reportedAt === null ? null : idOf(reportKey, `${measureId.get(m.code)}/${o.reportedAt}`, 'report'),
                value: o.value,
                observed_on: o.observedOn,
                source: o.source,
                recorded_by: o.recordedBy,
                created_at: o.createdAt,
              })),
            ),
          )
          // Ids in the order they were recorded, as the API would have given them.
          .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.kpi_id - b.kpi_id);
        for (const rows of chunks(observationRows)) await db.insertInto('kpi_observations').values(rows).execute();
        rowsWritten += kpiRows.length + observationRows.length;
      }
    }
  }
  return rowsWritten;
}

/**
 * Step two of writeMeasures: the secretariat's decisions on the (already written) measures: report
 * reviews, the milestone verification log, KPI category confirmations, and who opened and closed
 * the rounds. A decider's user id is filled in when an account with that email exists.
 */
export async function writeFollowUpDecisions(db: Db, measures: readonly SeedMeasure[]): Promise<number> {
  const emails = new Set<string>();
  for (const m of measures) {
    for (const r of m.reports) {
      if (r.review) emails.add(r.review.reviewerEmail);
      if (r.round) emails.add(r.round.actorEmail);
    }
    for (const ms of m.milestones) {
      if (ms.verification) emails.add(ms.verification.actorEmail);
      for (const x of ms.rejections ?? []) emails.add(x.actorEmail);
    }
    for (const k of m.kpis ?? []) for (const c of k.confirmations) emails.add(c.actorEmail);
  }
  if (emails.size === 0) return 0;
  const users = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', 'in', [...emails])
    .execute();
  const userId = (email: string): number | null => users.find((u) => u.email === email)?.id ?? null;

  let rowsWritten = 0;
  const rounds = new Map(measures.flatMap((m) => m.reports.flatMap((r) => (r.round ? [[r.round.code, r.round] as const] : []))));
  for (const round of rounds.values()) {
    const actor = userId(round.actorEmail);
    if (actor === null) continue;
    await db
      .updateTable('rounds')
      .set({ created_by_user_id: actor, closed_by_user_id: round.closedAt === null ? null : actor })
      .where('code', '=', round.code)
      .where('created_by_user_id', 'is', null)
      .execute();
  }

  for (const batch of chunks(measures, 200)) {
    const idRows = await db
      .selectFrom('measures')
      .select(['id', 'code'])
      .where(
        'code',
        'in',
        batch.map((m) => m.code),
      )
      .execute();
    const measureIds = new Map(idRows.map((r) => [r.code, r.id]));
    const batchIds = idRows.map((r) => r.id);
    if (batchIds.length === 0) continue;
    const [reportIds, milestoneIds, kpiIds] = await Promise.all([
      db.selectFrom('status_reports').select(['id', 'measure_id', 'reported_at']).where('measure_id', 'in', batchIds).execute(),
      db.selectFrom('milestones').select(['id', 'measure_id', 'sort_order']).where('measure_id', 'in', batchIds).execute(),
      db.selectFrom('kpis').select(['id', 'measure_id', 'sort_order']).where('measure_id', 'in', batchIds).execute(),
    ]);
    const observationIds = kpiIds.length
      ? await db
          .selectFrom('kpi_observations')
          .select(['id', 'kpi_id', 'observed_on'])
          .where(
            'kpi_id',
            'in',
            kpiIds.map((k) => k.id),
          )
          .execute()
      : [];
    const reportKey = new Map(reportIds.map((r) => [`${r.measure_id}/${r.reported_at}`, r.id]));
    const milestoneKey = new Map(milestoneIds.map((r) => [`${r.measure_id}/${r.sort_order}`, r.id]));
    const kpiKey = new Map(kpiIds.map((r) => [`${r.measure_id}/${r.sort_order}`, r.id]));
    const observationKey = new Map(observationIds.map((r) => [`${r.kpi_id}/${r.observed_on}`, r.id]));

    const reviewRows = batch
      .flatMap((m) =>
        m.reports.flatMap((r) =>
          r.review
            ? [
                {
                  report_id: idOf(reportKey, `${idOf(measureIds, m.code, 'measure')}/${r.reportedAt}`, 'report'),
                  decision: r.review.decision,
                  comment: r.review.comment,
                  reviewer_user_id: userId(r.review.reviewerEmail),
                  reviewer_email: r.review.reviewerEmail,
                  reviewed_at: r.review.reviewedAt,
                },
              ]
            : [],
        ),
      )
      .sort((a, b) => a.reviewed_at.localeCompare(b.reviewed_at) || a.report_id - b.report_id);
    for (const rows of chunks(reviewRows)) await db.insertInto('report_reviews').values(rows).execute();

    const verificationRows = batch
      .flatMap((m) =>
        m.milestones.flatMap((ms, index) => {
          const milestoneId = idOf(milestoneKey, `${idOf(measureIds, m.code, 'measure')}/${index + 1}`, 'milestone');
          const rejected = (ms.rejections ?? []).map((x) => ({
            milestone_id: milestoneId,
            decision: 'rejected' as const,
            comment: x.comment,
            completed_date: x.completedDate,
            evidence_url: x.evidenceUrl,
            actor_user_id: userId(x.actorEmail),
            actor_email: x.actorEmail,
            decided_at: x.decidedAt,
          }));
          const verified =
            ms.verification && ms.completedDate
              ? [
                  {
                    milestone_id: milestoneId,
                    decision: 'verified' as const,
                    comment: '',
                    completed_date: ms.completedDate,
                    evidence_url: ms.evidenceUrl ?? null,
                    actor_user_id: userId(ms.verification.actorEmail),
                    actor_email: ms.verification.actorEmail,
                    decided_at: ms.verification.decidedAt,
                  },
                ]
              : [];
          return [...rejected, ...verified];
        }),
      )
      .sort((a, b) => a.decided_at.localeCompare(b.decided_at) || a.milestone_id - b.milestone_id);
    for (const rows of chunks(verificationRows)) await db.insertInto('milestone_verifications').values(rows).execute();

    const confirmationRows = batch
      .flatMap((m) =>
        (m.kpis ?? []).flatMap((k, i) => {
          const kpiId = idOf(kpiKey, `${idOf(measureIds, m.code, 'measure')}/${i + 1}`, 'KPI');
          return k.confirmations.map((c) => {
            const observation = c.observationIndex === null ? undefined : k.observations[c.observationIndex];
            return {
              kpi_id: kpiId,
              observation_id: observation ? idOf(observationKey, `${kpiId}/${observation.observedOn}`, 'KPI observation') : null,
              category: c.category,
              computed_category: c.computedCategory,
              reason: c.reason,
              actor_user_id: userId(c.actorEmail),
              actor_email: c.actorEmail,
              confirmed_at: c.confirmedAt,
            };
          });
        }),
      )
      .sort((a, b) => a.confirmed_at.localeCompare(b.confirmed_at) || a.kpi_id - b.kpi_id);
    for (const rows of chunks(confirmationRows)) await db.insertInto('kpi_category_confirmations').values(rows).execute();
    rowsWritten += reviewRows.length + verificationRows.length + confirmationRows.length;
  }
  return rowsWritten;
}

/**
 * A seed milestone's reschedules (docs/decisions/012-due-date-history.md): its own `revisions`, or,
 * when it has none and its due date differs from the baseline, one from the baseline to the due
 * date recorded with the measure's latest report made before the baseline was missed and before
 * the milestone was completed (the lead announcing the new date in its report), else at the
 * measure's creation. Deterministic and drawing no random numbers, so no generated data set changes.
 */
export function seedRevisions(measure: Pick<SeedMeasure, 'createdAt' | 'reports' | 'lead'>, ms: SeedMilestone): SeedRevision[] {
  if (ms.revisions) return [...ms.revisions];
  if (ms.dueDate === ms.baselineDueDate) return [];
  const before = ms.completedDate !== null && ms.completedDate < ms.baselineDueDate ? ms.completedDate : ms.baselineDueDate;
  let recordedAt = measure.createdAt;
  for (const r of measure.reports) if (r.reportedAt.slice(0, 10) < before && r.reportedAt > recordedAt) recordedAt = r.reportedAt;
  return [
    {
      previousDueDate: ms.baselineDueDate,
      dueDate: ms.dueDate,
      recordedAt,
      // The lead ministry's (demo) account: who may reschedule its measure's milestones.
      actorEmail: `lead.${measure.lead}@${DEMO_EMAIL_DOMAIN}`,
      reason: '',
    },
  ];
}

/** The revision rows of a batch's milestones (already written), in the order recorded. */
async function writeRevisions(db: Db, batch: readonly SeedMeasure[], measureIdOf: (code: string) => number): Promise<number> {
  const moved = batch.filter((m) => m.milestones.some((ms) => seedRevisions(m, ms).length > 0));
  if (moved.length === 0) return 0;
  const ids = await db
    .selectFrom('milestones')
    .select(['id', 'measure_id', 'sort_order'])
    .where(
      'measure_id',
      'in',
      moved.map((m) => measureIdOf(m.code)),
    )
    .execute();
  const milestoneKey = new Map(ids.map((r) => [`${r.measure_id}/${r.sort_order}`, r.id]));
  const rows = moved
    .flatMap((m) =>
      m.milestones.flatMap((ms, index) =>
        seedRevisions(m, ms).map((r) => ({
          milestone_id: idOf(milestoneKey, `${measureIdOf(m.code)}/${index + 1}`, 'milestone'),
          previous_due_date: r.previousDueDate,
          due_date: r.dueDate,
          recorded_at: r.recordedAt,
          actor_email: r.actorEmail,
          reason: r.reason,
        })),
      ),
    )
    // Ids in the order recorded, as the API would have given them.
    .sort((a, b) => a.recorded_at.localeCompare(b.recorded_at) || a.milestone_id - b.milestone_id);
  for (const chunk of chunks(rows)) await db.insertInto('milestone_revisions').values(chunk).execute();
  return rows.length;
}
