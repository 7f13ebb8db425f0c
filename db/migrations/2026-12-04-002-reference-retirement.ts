import type { Kysely } from 'kysely';

// Frozen. Deadlines and meetings administered in the browser (docs/decisions/026-reference-data-in-the-browser.md):
// nothing is ever deleted, so that a code once used (in a bookmarked `deadline=` link, a frozen edition,
// a round) keeps resolving; an administrator retires a row instead. `retired_at` is the ISO instant it
// was retired (decision 002), null while it is in force, like users.disabled_at. The tables' reference
// data-version triggers (migration 2026-12-02-001) fire on every UPDATE, this column's included, so a
// retirement reaches every process's taxonomy cache on its next request (decision 019).

const TABLES = ['deadlines', 'meetings'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).addColumn('retired_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('retired_at').execute();
}
