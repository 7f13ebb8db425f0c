import type { Kysely } from 'kysely';

// Frozen. The last number given to a new measure of each lead ministry (docs/decisions/023): a
// measure registered through the API gets `<MINISTRY>-<n+1>`. One row per ministry, made at its first
// registration from the highest code that ministry already has; concurrent registrations serialise on
// that row (PostgreSQL's row lock, SQLite's one writer), so no two get the same number.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('measure_code_counters')
    .addColumn('ministry_id', 'integer', (c) => c.primaryKey().references('ministries.id'))
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('measure_code_counters').execute();
}
