import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { appendOnlyTriggerStatements, dialectOf, dropAppendOnlyTriggerStatements, withIdColumn } from '../dialect';

// Frozen. Users and roles, database-held sessions (several server processes share them), sign-in
// attempts for throttling, and the append-only audit trail (docs/product.md §4).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);

  await withIdColumn(db.schema.createTable('users'), dialect)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'ministry_lead', 'executive', 'analyst')`))
    .addColumn('ministry_id', 'integer', (c) => c.references('ministries.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addCheckConstraint('users_lead_has_ministry', sql`role <> 'ministry_lead' OR ministry_id IS NOT NULL`)
    .execute();

  // The primary key is the SHA-256 of the session token: a leaked table cannot be replayed.
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await withIdColumn(db.schema.createTable('login_attempts'), dialect)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_email_idx').on('login_attempts').columns(['email', 'attempted_at']).execute();
  await db.schema.createIndex('login_attempts_ip_idx').on('login_attempts').columns(['ip', 'attempted_at']).execute();

  await withIdColumn(db.schema.createTable('audit_log'), dialect)
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_email', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_code', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_code', 'occurred_at'])
    .execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_email', 'occurred_at']).execute();
  await db.schema.createIndex('audit_log_time_idx').on('audit_log').column('occurred_at').execute();
  for (const statement of appendOnlyTriggerStatements(dialect, 'audit_log')) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  for (const statement of dropAppendOnlyTriggerStatements(dialect, 'audit_log')) await statement.execute(db);
  for (const table of ['audit_log', 'login_attempts', 'sessions', 'users']) await db.schema.dropTable(table).execute();
}
