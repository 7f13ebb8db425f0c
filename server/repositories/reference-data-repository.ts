import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';

// The SQL of the deadlines and meetings an administrator manages (docs/decisions/026). Rows are
// inserted and updated, never deleted: a retired row keeps its code so that what names it resolves.
// Every write moves the reference data version through the tables' triggers (decision 019), which is
// how every process's taxonomy cache learns of it.

type Db = Kysely<Database> | Transaction<Database>;

export type ReferenceKind = 'deadlines' | 'meetings';

export interface ReferenceRecord {
  id: number;
  code: string;
  nameJa: string;
  nameEn: string;
  date: string;
  retiredAt: string | null;
  /** Editions frozen against it, and (deadlines) rounds opened toward it. */
  editions: number;
  rounds: number;
}

/** Every row of the kind by date then code (or the one with `code`), with what names it. */
export async function listReferenceRecords(db: Db, kind: ReferenceKind, code?: string): Promise<ReferenceRecord[]> {
  let query =
    kind === 'deadlines'
      ? db
          .selectFrom('deadlines as r')
          .select((eb) => [
            eb
              .selectFrom('editions as e')
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('e.deadline_code', '=', 'r.code')
              .as('editions'),
            eb
              .selectFrom('rounds as rd')
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('rd.deadline_id', '=', 'r.id')
              .as('rounds'),
          ])
      : db
          .selectFrom('meetings as r')
          .select((eb) => [
            eb
              .selectFrom('editions as e')
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('e.meeting_id', '=', 'r.id')
              .as('editions'),
            eb.val(0).as('rounds'),
          ]);
  if (code !== undefined) query = query.where('r.code', '=', code);
  const rows = await query
    .select(['r.id', 'r.code', 'r.name_ja', 'r.name_en', 'r.date', 'r.retired_at'])
    .orderBy('r.date')
    .orderBy('r.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameJa: r.name_ja,
    nameEn: r.name_en,
    date: r.date,
    retiredAt: r.retired_at,
    // COUNT is a bigint (text) on PostgreSQL.
    editions: Number(r.editions ?? 0),
    rounds: Number(r.rounds ?? 0),
  }));
}

export interface NewReferenceRow {
  code: string;
  nameJa: string;
  nameEn: string;
  date: string;
}

/** Inserts a row after the others in sort order; a taken code is the caller's unique violation to catch. */
export async function insertReferenceRow(db: Db, kind: ReferenceKind, row: NewReferenceRow): Promise<void> {
  const last = await db
    .selectFrom(kind)
    .select((eb) => eb.fn.max('sort_order').as('n'))
    .executeTakeFirst();
  await db
    .insertInto(kind)
    .values({
      code: row.code,
      name_ja: row.nameJa,
      name_en: row.nameEn,
      date: row.date,
      sort_order: Number(last?.n ?? 0) + 1,
      retired_at: null,
    })
    .execute();
}

export interface ReferenceChange {
  nameJa?: string;
  nameEn?: string;
  date?: string;
  retiredAt?: string | null;
}

/** Changes the row with `code` (never the code itself); nothing to change is no statement at all. */
export async function updateReferenceRow(db: Db, kind: ReferenceKind, code: string, change: ReferenceChange): Promise<void> {
  const values = {
    ...(change.nameJa !== undefined ? { name_ja: change.nameJa } : {}),
    ...(change.nameEn !== undefined ? { name_en: change.nameEn } : {}),
    ...(change.date !== undefined ? { date: change.date } : {}),
    ...(change.retiredAt !== undefined ? { retired_at: change.retiredAt } : {}),
  };
  if (Object.keys(values).length === 0) return;
  await db.updateTable(kind).set(values).where('code', '=', code).execute();
}
