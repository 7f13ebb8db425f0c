import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, MilestonesTable, StatusReportsTable } from '../db/schema';
import { addDaysToInstant } from '../common/calendar';
import { measureSearchText } from '../server/domain/search-text';
import type { SeedMeasure } from './seed-types';

// Stores generated measures with their milestones and report history in bulk. The measure row's
// current state (status, health, last report, next due) is derived here from the latest report,
// the same rule the report API follows, so today's figures equal the history rebuilt as of today.

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

/** Inserts the measures (which must not exist yet) and returns how many rows were written. */
export async function writeMeasures(db: Db, measures: readonly SeedMeasure[], ids: TaxonomyIds): Promise<number> {
  let rowsWritten = 0;
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
        version: 1 + m.reports.length,
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
        updated_at: ms.completedDate ? `${ms.completedDate}T09:00:00.000Z` : m.createdAt,
      })),
    );
    for (const rows of chunks(milestoneRows)) await db.insertInto('milestones').values(rows).execute();

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
      })),
    );
    for (const rows of chunks(reportRows)) await db.insertInto('status_reports').values(rows).execute();
    rowsWritten += milestoneRows.length + reportRows.length;

    // Link each report to the milestones it completed.
    const withCompletions = batch.filter((m) => m.reports.some((r) => r.completedMilestones.length > 0));
    if (withCompletions.length > 0) {
      const batchIds = withCompletions.map((m) => measureId.get(m.code));
      const [milestoneIds, reportIds] = await Promise.all([
        db.selectFrom('milestones').select(['id', 'measure_id', 'sort_order']).where('measure_id', 'in', batchIds).execute(),
        db.selectFrom('status_reports').select(['id', 'measure_id', 'reported_at']).where('measure_id', 'in', batchIds).execute(),
      ]);
      const milestoneKey = new Map(milestoneIds.map((r) => [`${r.measure_id}/${r.sort_order}`, r.id]));
      const reportKey = new Map(reportIds.map((r) => [`${r.measure_id}/${r.reported_at}`, r.id]));
      const links = withCompletions.flatMap((m) => {
        const mid = measureId.get(m.code);
        return m.reports.flatMap((r) =>
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
      });
      for (const rows of chunks(links)) await db.insertInto('report_milestones').values(rows).execute();
      rowsWritten += links.length;
    }
  }
  return rowsWritten;
}
