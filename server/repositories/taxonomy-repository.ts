import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { readDataVersion } from './data-version-repository';

export interface TaxonomyRow {
  id: number;
  code: string;
  nameJa: string;
  nameEn: string;
}

export interface DeadlineRow extends TaxonomyRow {
  date: string;
  /**
   * Retired by an administrator (decision 026): never the default and not offered for new choices,
   * but a code already used (an old `deadline=` link, an edition, a round) still resolves.
   */
  retired: boolean;
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

async function loadDated(db: Kysely<Database>, table: 'deadlines' | 'meetings'): Promise<DeadlineRow[]> {
  const rows = await db
    .selectFrom(table)
    .select(['id', 'code', 'name_ja as nameJa', 'name_en as nameEn', 'date', 'retired_at'])
    .orderBy('date')
    .orderBy('code')
    .execute();
  return rows.map(({ retired_at, ...row }) => ({ ...row, retired: retired_at !== null }));
}

export async function loadTaxonomy(db: Kysely<Database>): Promise<Taxonomy> {
  const [fields, ministries, pillars, instruments, deadlines, meetings] = await Promise.all([
    loadKind(db, 'fields'),
    loadKind(db, 'ministries'),
    loadKind(db, 'pillars'),
    loadKind(db, 'instruments'),
    loadDated(db, 'deadlines'),
    loadDated(db, 'meetings'),
  ]);
  return { fields, ministries, pillars, instruments, deadlines, meetings };
}

export async function hasSampleData(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('seed_runs').select('name').where('name', '=', 'sample').executeTakeFirst();
  return row !== undefined;
}

/**
 * The taxonomy, deadlines and meetings change only when an administrator edits them, so they are
 * read again only when the reference counter has moved (docs/decisions/019-data-version-cache.md):
 * one small read per call instead of six queries, and an edit through any process shows on the
 * next request to every other.
 */
export function createTaxonomyCache(db: Kysely<Database>): () => Promise<Taxonomy> {
  let cached: { referenceVersion: number; value: Promise<Taxonomy> } | null = null;
  return async () => {
    const { referenceVersion } = await readDataVersion(db);
    if (!cached || cached.referenceVersion !== referenceVersion) {
      const value = loadTaxonomy(db);
      const entry = { referenceVersion, value };
      cached = entry;
      value.catch(() => {
        if (cached === entry) cached = null;
      });
    }
    return cached.value;
  };
}
