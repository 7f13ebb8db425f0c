import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import {
  dataVersionFunctionStatements,
  dataVersionTriggerStatements,
  dialectOf,
  dropDataVersionTriggerStatements,
} from '../dialect';

// Frozen. A counter bumped in every transaction that changes what the API shows, read once per
// request, so that a cache of figures is keyed by it and stays correct across server processes
// (docs/decisions/019-data-version-cache.md). A table added later gets its triggers in its own
// migration; tests/server/response-cache.test.ts fails for a table without them.

/** Reference data: the taxonomy cache reloads only when one of these changes. */
const REFERENCE_TABLES = ['fields', 'ministries', 'pillars', 'instruments', 'deadlines', 'meetings'];

/** Every other table whose rows some answer shows; sessions, sign-in attempts and the audit log are not among them. */
const DATA_TABLES = [
  'measures',
  'measure_fields',
  'measure_ministries',
  'measure_instruments',
  'milestones',
  'status_reports',
  'report_milestones',
  'seed_runs',
  'users',
  'imports',
  'rounds',
  'round_ministries',
  'round_fields',
  'report_reviews',
  'milestone_verifications',
  'kpis',
  'kpi_observations',
  'kpi_category_confirmations',
  'milestone_revisions',
  'editions',
  'edition_views',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('reference_version', 'bigint', (c) => c.notNull())
    .addCheckConstraint('data_version_one_row', sql`id = 1`)
    .execute();
  await sql`INSERT INTO data_version (id, version, reference_version) VALUES (1, 1, 1)`.execute(db);
  for (const statement of dataVersionFunctionStatements(dialect)) await statement.execute(db);
  for (const table of REFERENCE_TABLES) {
    for (const statement of dataVersionTriggerStatements(dialect, table, true)) await statement.execute(db);
  }
  for (const table of DATA_TABLES) {
    for (const statement of dataVersionTriggerStatements(dialect, table, false)) await statement.execute(db);
  }
  // The next instant at which a measure's report falls due (and so turns stale without a write): a
  // cached answer about today is valid only until then.
  await db.schema.createIndex('status_reports_next_due_idx').on('status_reports').columns(['next_report_due_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema.dropIndex('status_reports_next_due_idx').execute();
  for (const table of [...REFERENCE_TABLES, ...DATA_TABLES]) {
    for (const statement of dropDataVersionTriggerStatements(dialect, table)) await statement.execute(db);
  }
  if (dialect === 'postgres') {
    await sql`DROP FUNCTION IF EXISTS bump_data_version()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS bump_reference_version()`.execute(db);
  }
  await db.schema.dropTable('data_version').execute();
}
