import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

// The SQL of the survey-form round trip (docs/product.md §4): which measures a ministry leads, and
// the stored dry runs of uploads.

/** The codes of the measures a ministry leads, in code order (the rows of its survey form). */
export async function listLedMeasureCodes(db: Kysely<Database>, ministry: string): Promise<string[]> {
  const rows = await db
    .selectFrom('measures as m')
    .innerJoin('ministries as lead', 'lead.id', 'm.lead_ministry_id')
    .select('m.code')
    .where('lead.code', '=', ministry)
    .orderBy('m.code')
    .execute();
  return rows.map((r) => r.code);
}

/** Does a ministry with this code exist? */
export interface ImportRecord {
  id: string;
  uploaderUserId: number;
  ministry: string | null;
  fileName: string;
  lang: string;
  rowCount: number;
  unchanged: number;
  /** JSON text, as stored; the service owns the shape. */
  changesJson: string;
  errorsJson: string;
  conflictsJson: string;
  createdAt: string;
  expiresAt: string;
  appliedAt: string | null;
}

export async function insertImport(db: Kysely<Database>, record: ImportRecord): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      id: record.id,
      uploader_user_id: record.uploaderUserId,
      ministry: record.ministry,
      file_name: record.fileName,
      lang: record.lang,
      row_count: record.rowCount,
      unchanged: record.unchanged,
      changes_json: record.changesJson,
      errors_json: record.errorsJson,
      conflicts_json: record.conflictsJson,
      created_at: record.createdAt,
      expires_at: record.expiresAt,
      applied_at: record.appliedAt,
    })
    .execute();
}

export async function findImport(db: Kysely<Database>, id: string): Promise<ImportRecord | null> {
  const row = await db
    .selectFrom('imports')
    .select([
      'id',
      'uploader_user_id as uploaderUserId',
      'ministry',
      'file_name as fileName',
      'lang',
      'row_count as rowCount',
      'unchanged',
      'changes_json as changesJson',
      'errors_json as errorsJson',
      'conflicts_json as conflictsJson',
      'created_at as createdAt',
      'expires_at as expiresAt',
      'applied_at as appliedAt',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Marks the import applied, in the transaction that applies it; false when it was applied already
 * (a second apply racing the first loses here and rolls back).
 */
export async function claimImport(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('imports')
    .set({ applied_at: now })
    .where('id', '=', id)
    .where('applied_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
