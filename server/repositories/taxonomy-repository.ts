import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface TaxonomyRow {
  id: number;
  code: string;
  nameJa: string;
  nameEn: string;
}

export interface DeadlineRow extends TaxonomyRow {
  date: string;
}

export interface Taxonomy {
  fields: TaxonomyRow[];
  ministries: TaxonomyRow[];
  pillars: TaxonomyRow[];
  instruments: TaxonomyRow[];
  deadlines: DeadlineRow[];
  /** Meetings (docs/product.md §4 "The meeting pack"), by date. */
  meetings: MeetingRow[];
}

export type MeetingRow = DeadlineRow;

export type TaxonomyKind = 'fields' | 'ministries' | 'pillars' | 'instruments';

async function loadKind(db: Kysely<Database>, table: TaxonomyKind): Promise<TaxonomyRow[]> {
  return db
    .selectFrom(table)
    .select(['id', 'code', 'name_ja as nameJa', 'name_en as nameEn'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export async function loadTaxonomy(db: Kysely<Database>): Promise<Taxonomy> {
  const [fields, ministries, pillars, instruments, deadlines, meetings] = await Promise.all([
    loadKind(db, 'fields'),
    loadKind(db, 'ministries'),
    loadKind(db, 'pillars'),
    loadKind(db, 'instruments'),
    db
      .selectFrom('deadlines')
      .select(['id', 'code', 'name_ja as nameJa', 'name_en as nameEn', 'date'])
      .orderBy('date')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('meetings')
      .select(['id', 'code', 'name_ja as nameJa', 'name_en as nameEn', 'date'])
      .orderBy('date')
      .orderBy('code')
      .execute(),
  ]);
  return { fields, ministries, pillars, instruments, deadlines, meetings };
}

export async function hasSampleData(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('seed_runs').select('name').where('name', '=', 'sample').executeTakeFirst();
  return row !== undefined;
}

/**
 * Taxonomy changes only when an operator edits it (deadlines are configurable), so it is read at
 * most once per `ttlMs` per process instead of on every request.
 */
export function createTaxonomyCache(db: Kysely<Database>, ttlMs = 30_000): () => Promise<Taxonomy> {
  let cached: { at: number; value: Promise<Taxonomy> } | null = null;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > ttlMs) {
      const value = loadTaxonomy(db);
      cached = { at: now, value };
      value.catch(() => {
        cached = null;
      });
    }
    return cached.value;
  };
}
