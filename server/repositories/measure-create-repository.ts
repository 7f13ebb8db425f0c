import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';

// The SQL of registering a measure (docs/decisions/023): its code, its row and its links, inside the
// one transaction that also writes its milestones and its audit row.

type Trx = Transaction<Database>;

/** The number part of a code of the form PREFIX-0034 (not the synthetic PREFIX-S000123). */
function numberOf(code: string, prefix: string): number | null {
  if (!code.startsWith(`${prefix}-`)) return null;
  const rest = code.slice(prefix.length + 1);
  return /^\d+$/.test(rest) ? Number(rest) : null;
}

async function highestNumber(trx: Trx, ministryId: number, prefix: string): Promise<number> {
  const rows = await trx.selectFrom('measures').select('code').where('lead_ministry_id', '=', ministryId).execute();
  return rows.reduce((max, row) => Math.max(max, numberOf(row.code, prefix) ?? 0), 0);
}

/**
 * The next free number of a ministry's codes. The counter row is made at the ministry's first
 * registration from its highest code; then `last_number + 1` in one UPDATE, which PostgreSQL
 * serialises on the row (a concurrent registration waits, then sees the bumped number) and SQLite on
 * its one writer. A code taken meanwhile by another way in (a seed) moves the counter past it.
 */
export async function nextMeasureNumber(trx: Trx, ministryId: number, prefix: string): Promise<number> {
  for (;;) {
    const existing = await trx
      .selectFrom('measure_code_counters')
      .select('last_number')
      .where('ministry_id', '=', ministryId)
      .executeTakeFirst();
    if (!existing) {
      await trx
        .insertInto('measure_code_counters')
        .values({ ministry_id: ministryId, last_number: await highestNumber(trx, ministryId, prefix) })
        .onConflict((oc) => oc.column('ministry_id').doNothing())
        .execute();
    }
    const bumped = await trx
      .updateTable('measure_code_counters')
      .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
      .where('ministry_id', '=', ministryId)
      .returning('last_number')
      .executeTakeFirstOrThrow();
    const taken = await trx
      .selectFrom('measures')
      .select('id')
      .where('code', '=', formatMeasureCode(prefix, bumped.last_number))
      .executeTakeFirst();
    if (!taken) return bumped.last_number;
    await trx
      .updateTable('measure_code_counters')
      .set({ last_number: await highestNumber(trx, ministryId, prefix) })
      .where('ministry_id', '=', ministryId)
      .execute();
  }
}

/** METI-0034: the ministry's code in capitals and the number with at least four digits. */
export function formatMeasureCode(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

export interface NewMeasure {
  code: string;
  titleJa: string;
  titleEn: string;
  summaryJa: string;
  summaryEn: string;
  leadMinistryId: number;
  pillarId: number;
  startDate: string | null;
  targetDate: string | null;
  budgetYen: number | null;
  budgetFiscalYear: number | null;
  ownerName: string;
  kpiJa: string;
  kpiEn: string;
  reportingCycleDays: number;
  searchText: string;
  fieldIds: number[];
  coMinistryIds: number[];
  instrumentIds: number[];
  /** Its first milestones, in order; each one's baseline is its due date. */
  milestones: { titleJa: string; titleEn: string; dueDate: string; weight: number }[];
  now: string;
}

/** The measure's row (version 1, not started, its first report due at once), its links and first milestones; its id. */
export async function insertMeasure(trx: Trx, m: NewMeasure): Promise<number> {
  const row = await trx
    .insertInto('measures')
    .values({
      code: m.code,
      title_ja: m.titleJa,
      title_en: m.titleEn,
      summary_ja: m.summaryJa,
      summary_en: m.summaryEn,
      lead_ministry_id: m.leadMinistryId,
      pillar_id: m.pillarId,
      status: 'not_started',
      health: null,
      start_date: m.startDate,
      target_date: m.targetDate,
      budget_yen: m.budgetYen,
      budget_fiscal_year: m.budgetFiscalYear,
      owner_name: m.ownerName,
      kpi_ja: m.kpiJa,
      kpi_en: m.kpiEn,
      reporting_cycle_days: m.reportingCycleDays,
      last_reported_at: null,
      report_due_at: m.now,
      search_text: m.searchText,
      created_at: m.now,
      updated_at: m.now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('measure_fields')
    .values(m.fieldIds.map((id, i) => ({ measure_id: row.id, field_id: id, is_primary: i === 0 ? 1 : 0 })))
    .execute();
  await trx
    .insertInto('measure_ministries')
    .values([
      { measure_id: row.id, ministry_id: m.leadMinistryId, role: 'lead' },
      ...m.coMinistryIds.map((id) => ({ measure_id: row.id, ministry_id: id, role: 'co' })),
    ])
    .execute();
  await trx
    .insertInto('measure_instruments')
    .values(m.instrumentIds.map((id) => ({ measure_id: row.id, instrument_id: id })))
    .execute();
  // One statement for all of them: a new measure has no milestone yet, so their order is 1…n.
  if (m.milestones.length > 0) {
    await trx
      .insertInto('milestones')
      .values(
        m.milestones.map((ms, i) => ({
          measure_id: row.id,
          title_ja: ms.titleJa,
          title_en: ms.titleEn,
          baseline_due_date: ms.dueDate,
          due_date: ms.dueDate,
          weight: ms.weight,
          completed_date: null,
          evidence_url: null,
          sort_order: i + 1,
          created_at: m.now,
          updated_at: m.now,
        })),
      )
      .execute();
  }
  return row.id;
}
