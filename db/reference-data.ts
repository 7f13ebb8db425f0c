import type { Kysely } from 'kysely';
import { DEFAULT_DEADLINES, FIELDS, INSTRUMENTS, MINISTRIES, PILLARS } from '../common/taxonomy';
import type { TaxonomyItem } from '../common/taxonomy';
import type { Database } from './schema';

// The reference data every database needs before anything else runs: the taxonomy code lists of
// common/taxonomy.ts and the default deadlines. The server writes it at every start, the CLIs before
// their work; the sample and synthetic seeds build on it.

async function ensureRows(
  db: Kysely<Database>,
  table: 'fields' | 'ministries' | 'pillars' | 'instruments',
  items: readonly TaxonomyItem[],
): Promise<void> {
  const existing = new Set((await db.selectFrom(table).select('code').execute()).map((r) => r.code));
  const missing = items
    .map((item, index) => ({ code: item.code, name_ja: item.nameJa, name_en: item.nameEn, sort_order: index + 1 }))
    .filter((row) => !existing.has(row.code));
  if (missing.length > 0)
    await db
      .insertInto(table)
      .values(missing)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
}

/**
 * Inserts the taxonomy (docs/product.md §2) and the default deadlines where absent. Idempotent, and it never
 * overwrites what an operator changed (a deadline's date, say).
 */
export async function ensureTaxonomy(db: Kysely<Database>): Promise<void> {
  await ensureRows(db, 'fields', FIELDS);
  await ensureRows(db, 'ministries', MINISTRIES);
  await ensureRows(db, 'pillars', PILLARS);
  await ensureRows(db, 'instruments', INSTRUMENTS);
  const existing = new Set((await db.selectFrom('deadlines').select('code').execute()).map((r) => r.code));
  const missing = DEFAULT_DEADLINES.map((d, index) => ({
    code: d.code,
    name_ja: d.nameJa,
    name_en: d.nameEn,
    date: d.date,
    sort_order: index + 1,
  })).filter((d) => !existing.has(d.code));
  if (missing.length > 0)
    await db
      .insertInto('deadlines')
      .values(missing)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
}
