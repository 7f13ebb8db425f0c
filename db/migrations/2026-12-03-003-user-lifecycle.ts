import type { Kysely } from 'kysely';
import {
  dataVersionTriggerStatements,
  dataVersionUpdateOfStatements,
  dialectOf,
  dropDataVersionTriggerStatements,
} from '../dialect';

// Frozen. Users managed in the browser (docs/decisions/025-users-in-the-browser.md): a user created by
// an administrator gets a one-time password and must change it at first sign-in
// (`must_change_password`, 0/1 like the other flags, e.g. measure_ministries.is_primary), and the admin's
// list shows when each user last signed in (`last_sign_in_at`, ISO text like every instant, decision 002).
// A sign-in writes only that column, and must not bump the data version (decision 019) and so empty
// every cached dashboard answer: the users' update trigger now fires for the other columns only.

/** Every column of users but last_sign_in_at. */
const SHOWN_COLUMNS = [
  'id',
  'email',
  'display_name',
  'role',
  'ministry_id',
  'password_hash',
  'created_at',
  'disabled_at',
  'must_change_password',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('last_sign_in_at', 'text').execute();
  for (const statement of dataVersionUpdateOfStatements(dialectOf(db), 'users', SHOWN_COLUMNS)) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  for (const statement of dropDataVersionTriggerStatements(dialect, 'users')) await statement.execute(db);
  for (const statement of dataVersionTriggerStatements(dialect, 'users', false)) await statement.execute(db);
  await db.schema.alterTable('users').dropColumn('last_sign_in_at').execute();
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}
