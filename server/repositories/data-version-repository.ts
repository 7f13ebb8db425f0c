import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

// The data-version counter (docs/decisions/019-data-version-cache.md): read once per cached request.

export interface DataVersion {
  /** Moves with every committed transaction that changes what the API shows. */
  version: number;
  /** Moves with the taxonomy, deadlines and meetings. */
  referenceVersion: number;
}

function versionQuery(db: Kysely<Database>) {
  return db.selectFrom('data_version').select(['version', 'reference_version']).where('id', '=', 1);
}

type VersionQuery = ReturnType<typeof versionQuery>;

/** Compiled once per connection: this read runs on every cached request, and building it costs more than running it. */
const compiled = new WeakMap<Kysely<Database>, ReturnType<VersionQuery['compile']>>();

export async function readDataVersion(db: Kysely<Database>): Promise<DataVersion> {
  let query = compiled.get(db);
  if (!query) {
    query = versionQuery(db).compile();
    compiled.set(db, query);
  }
  const [row] = (await db.executeQuery(query)).rows;
  if (!row) throw new Error('data_version has no row: the database is not migrated');
  return { version: Number(row.version), referenceVersion: Number(row.reference_version) };
}

/**
 * The first instant after `instant` at which some report falls due: from then on its measure is
 * stale (derived-figures.ts `effectiveHealth`) without any write. Null when none falls due later.
 */
export async function nextReportDueAfter(db: Kysely<Database>, instant: string): Promise<string | null> {
  const row = await db
    .selectFrom('status_reports')
    .select((eb) => eb.fn.min('next_report_due_at').as('next'))
    .where('next_report_due_at', '>', instant)
    .executeTakeFirst();
  return row?.next ?? null;
}
