import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';

// The SQL of editions (docs/product.md §2 "Meetings and editions"): an edition row and its views,
// each a response body stored as JSON text exactly as the live statistics gave it. Both tables are
// append-only (the database refuses UPDATE and DELETE), so nothing here changes a row once written.

type Db = Kysely<Database> | Transaction<Database>;

export interface EditionRecord {
  id: number;
  code: string;
  meeting: { code: string; nameJa: string; nameEn: string; date: string };
  asOf: string;
  asOfInstant: string;
  deadline: string;
  basis: string;
  filtersJson: string;
  createdAt: string;
  createdBy: string;
  /** The names of the stored views. */
  views: string[];
}

export interface NewEdition {
  code: string;
  meetingId: number;
  asOf: string;
  asOfInstant: string;
  deadline: string;
  basis: string;
  filtersJson: string;
  createdByUserId: number;
  createdByEmail: string;
  createdAt: string;
}

/** Inserts the edition and its views; returns the edition's id. Callers run it in their transaction. */
export async function insertEdition(trx: Db, edition: NewEdition, views: ReadonlyMap<string, string>): Promise<number> {
  const inserted = await trx
    .insertInto('editions')
    .values({
      code: edition.code,
      meeting_id: edition.meetingId,
      as_of: edition.asOf,
      as_of_instant: edition.asOfInstant,
      deadline_code: edition.deadline,
      basis: edition.basis,
      filters_json: edition.filtersJson,
      created_by_user_id: edition.createdByUserId,
      created_by_email: edition.createdByEmail,
      created_at: edition.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (views.size > 0) {
    await trx
      .insertInto('edition_views')
      .values([...views].map(([view, body]) => ({ edition_id: inserted.id, view, body_json: body })))
      .execute();
  }
  return inserted.id;
}

/**
 * Editions, newest meeting first and, within a meeting, newest first; one when `code` is given.
 * Their view names come from one grouped query, never one per edition.
 */
export async function findEditions(db: Db, code?: string): Promise<EditionRecord[]> {
  let query = db
    .selectFrom('editions as e')
    .innerJoin('meetings as mt', 'mt.id', 'e.meeting_id')
    .select([
      'e.id',
      'e.code',
      'e.as_of',
      'e.as_of_instant',
      'e.deadline_code',
      'e.basis',
      'e.filters_json',
      'e.created_at',
      'e.created_by_email',
      'mt.code as meeting_code',
      'mt.name_ja as meeting_name_ja',
      'mt.name_en as meeting_name_en',
      'mt.date as meeting_date',
    ]);
  if (code !== undefined) query = query.where('e.code', '=', code);
  const rows = await query.orderBy('mt.date', 'desc').orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').execute();
  if (rows.length === 0) return [];
  const viewRows = await db
    .selectFrom('edition_views')
    .select(['edition_id', 'view'])
    .where(
      'edition_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const viewsOf = new Map<number, string[]>();
  for (const v of viewRows) viewsOf.set(v.edition_id, [...(viewsOf.get(v.edition_id) ?? []), v.view]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    meeting: { code: r.meeting_code, nameJa: r.meeting_name_ja, nameEn: r.meeting_name_en, date: r.meeting_date },
    asOf: r.as_of,
    asOfInstant: r.as_of_instant,
    deadline: r.deadline_code,
    basis: r.basis,
    filtersJson: r.filters_json,
    createdAt: r.created_at,
    createdBy: r.created_by_email,
    views: viewsOf.get(r.id) ?? [],
  }));
}

/** The stored JSON text of one view of an edition, or null when the edition or the view is missing. */
export async function findEditionView(db: Db, code: string, view: string): Promise<string | null> {
  const row = await db
    .selectFrom('edition_views as v')
    .innerJoin('editions as e', 'e.id', 'v.edition_id')
    .select('v.body_json')
    .where('e.code', '=', code)
    .where('v.view', '=', view)
    .executeTakeFirst();
  return row?.body_json ?? null;
}

/** Whether an edition with this code exists. */
export async function editionExists(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('editions').select('id').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

// The ends GET /changes compares (docs/decisions/014-changes-between-instants.md) by edition.

export interface EditionEnd {
  code: string;
  asOfInstant: string;
  meeting: string;
}

/** Editions with their frozen instant and their meeting's code, as an end of GET /changes. */
function editionEnds(db: Db) {
  return db
    .selectFrom('editions as e')
    .innerJoin('meetings as mt', 'mt.id', 'e.meeting_id')
    .select(['e.code', 'e.as_of_instant', 'mt.code as meeting']);
}

function endOf(row: { code: string; as_of_instant: string; meeting: string } | undefined): EditionEnd | null {
  return row ? { code: row.code, asOfInstant: row.as_of_instant, meeting: row.meeting } : null;
}

/** An edition's frozen instant and its meeting's code; null when there is no such edition. */
export async function findEditionEnd(db: Db, code: string): Promise<EditionEnd | null> {
  return endOf(await editionEnds(db).where('e.code', '=', code).executeTakeFirst());
}

/** The latest edition (by created_at, then id) made for a meeting, if any. */
export async function latestEditionOfMeeting(db: Db, meetingCode: string): Promise<EditionEnd | null> {
  return endOf(
    await editionEnds(db)
      .where('mt.code', '=', meetingCode)
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .executeTakeFirst(),
  );
}
