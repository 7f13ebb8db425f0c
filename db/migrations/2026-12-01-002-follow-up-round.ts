import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { appendOnlyTriggerStatements, dialectOf, dropAppendOnlyTriggerStatements, withIdColumn } from '../dialect';
import type { DialectName } from '../dialect';

// Frozen. The follow-up round (docs/product.md §4, "The follow-up round"): the secretariat role,
// rounds (照会) with their scope, the review of each report (差し戻し / accepted), the verification of
// milestone completions, and structured KPIs with observations and confirmed progress categories.
// Reviews, verifications, observations and confirmations are history: append-only, the latest in force.

const ROLES_BEFORE = ['admin', 'ministry_lead', 'executive', 'analyst'];
const ROLES_AFTER = [...ROLES_BEFORE, 'secretariat'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await replaceRoleCheck(db, dialect, ROLES_BEFORE, ROLES_AFTER);

  await withIdColumn(db.schema.createTable('rounds'), dialect)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('deadline_id', 'integer', (c) => c.references('deadlines.id'))
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_user_id', 'integer', (c) => c.references('users.id'))
    .addCheckConstraint('rounds_due_after_open', sql`due_at > opens_at`)
    .execute();
  await db.schema.createIndex('rounds_opens_idx').on('rounds').columns(['opens_at', 'due_at']).execute();

  // A round's scope: lead ministries and fields it asks about; no row means every ministry / field.
  await db.schema
    .createTable('round_ministries')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('ministry_id', 'integer', (c) => c.notNull().references('ministries.id'))
    .addPrimaryKeyConstraint('round_ministries_pk', ['round_id', 'ministry_id'])
    .execute();
  await db.schema
    .createTable('round_fields')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('fields.id'))
    .addPrimaryKeyConstraint('round_fields_pk', ['round_id', 'field_id'])
    .execute();

  // The round a report answers, fixed when it is filed (the report log stays append-only).
  await db.schema
    .alterTable('status_reports')
    .addColumn('round_id', 'integer', (c) => c.references('rounds.id'))
    .execute();
  await db.schema.createIndex('status_reports_round_idx').on('status_reports').columns(['round_id', 'measure_id']).execute();

  // One review per report: accepted, or returned with a comment to the ministry (who answers with
  // a new report). The primary key makes the first of two simultaneous reviews win.
  await db.schema
    .createTable('report_reviews')
    .addColumn('report_id', 'integer', (c) => c.primaryKey().references('status_reports.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision IN ('accepted', 'returned')`))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('reviewer_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewer_email', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addCheckConstraint('report_reviews_return_has_comment', sql`decision <> 'returned' OR comment <> ''`)
    .execute();
  await db.schema.createIndex('report_reviews_time_idx').on('report_reviews').columns(['decision', 'reviewed_at']).execute();

  // A milestone's evidence and the verification in force of its current completion; any change of
  // the completion clears the verification. Every verification and rejection is kept in the log.
  await db.schema.alterTable('milestones').addColumn('evidence_url', 'text').execute();
  await db.schema.alterTable('milestones').addColumn('verified_at', 'text').execute();
  await db.schema.alterTable('milestones').addColumn('verified_by', 'text').execute();
  await withIdColumn(db.schema.createTable('milestone_verifications'), dialect)
    .addColumn('milestone_id', 'integer', (c) => c.notNull().references('milestones.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision IN ('verified', 'rejected')`))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('completed_date', 'text', (c) => c.notNull())
    .addColumn('evidence_url', 'text')
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_email', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addCheckConstraint('milestone_verifications_reject_has_comment', sql`decision <> 'rejected' OR comment <> ''`)
    .execute();
  await db.schema
    .createIndex('milestone_verifications_milestone_idx')
    .on('milestone_verifications')
    .columns(['milestone_id', 'decided_at'])
    .execute();

  // Structured KPIs (the measure's free-text KPI stays as their description).
  await withIdColumn(db.schema.createTable('kpis'), dialect)
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction IN ('increase', 'decrease')`))
    .addColumn('baseline_value', 'double precision', (c) => c.notNull())
    .addColumn('baseline_date', 'text', (c) => c.notNull())
    .addColumn('target_value', 'double precision', (c) => c.notNull())
    .addColumn('target_date', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kpis_measure_idx').on('kpis').columns(['measure_id', 'sort_order']).execute();

  await withIdColumn(db.schema.createTable('kpi_observations'), dialect)
    .addColumn('kpi_id', 'integer', (c) => c.notNull().references('kpis.id'))
    .addColumn('report_id', 'integer', (c) => c.references('status_reports.id'))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('observed_on', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kpi_observations_kpi_idx').on('kpi_observations').columns(['kpi_id', 'observed_on']).execute();

  // The secretariat's judgement of a KPI's category, made against one observation: a newer
  // observation puts the KPI back in the queue to confirm.
  await withIdColumn(db.schema.createTable('kpi_category_confirmations'), dialect)
    .addColumn('kpi_id', 'integer', (c) => c.notNull().references('kpis.id'))
    .addColumn('observation_id', 'integer', (c) => c.references('kpi_observations.id'))
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category IN ('A', 'B', 'N')`))
    .addColumn('computed_category', 'text', (c) => c.notNull().check(sql`computed_category IN ('A', 'B', 'N')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_email', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addCheckConstraint('kpi_category_override_has_reason', sql`category = computed_category OR reason <> ''`)
    .execute();
  await db.schema
    .createIndex('kpi_category_confirmations_kpi_idx')
    .on('kpi_category_confirmations')
    .columns(['kpi_id', 'confirmed_at'])
    .execute();

  for (const table of APPEND_ONLY) {
    for (const statement of appendOnlyTriggerStatements(dialect, table)) await statement.execute(db);
  }
}

const APPEND_ONLY = ['report_reviews', 'milestone_verifications', 'kpi_observations', 'kpi_category_confirmations'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  for (const table of APPEND_ONLY) {
    for (const statement of dropAppendOnlyTriggerStatements(dialect, table)) await statement.execute(db);
  }
  for (const table of ['kpi_category_confirmations', 'kpi_observations', 'kpis', 'milestone_verifications', 'report_reviews']) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['verified_by', 'verified_at', 'evidence_url']) {
    await db.schema.alterTable('milestones').dropColumn(column).execute();
  }
  await db.schema.dropIndex('status_reports_round_idx').execute();
  await db.schema.alterTable('status_reports').dropColumn('round_id').execute();
  for (const table of ['round_fields', 'round_ministries', 'rounds']) await db.schema.dropTable(table).execute();
  await replaceRoleCheck(db, dialect, ROLES_AFTER, ROLES_BEFORE);
}

function roleList(roles: readonly string[]): string {
  return roles.map((r) => `'${r}'`).join(', ');
}

/**
 * Changes the list of roles `users.role` may hold. PostgreSQL alters the named constraint. SQLite
 * cannot alter a CHECK, so the table is rebuilt from its own stored definition with the list
 * replaced, by SQLite's documented procedure: foreign keys off (Kysely runs SQLite migrations
 * outside a transaction, where this is allowed), copy into a new table, drop the old one, rename the
 * new one, check the other tables' references, foreign keys back on.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function replaceRoleCheck(db: Kysely<any>, dialect: DialectName, from: string[], to: string[]): Promise<void> {
  if (dialect === 'postgres') {
    await sql.raw('ALTER TABLE users DROP CONSTRAINT users_role_check').execute(db);
    await sql.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${roleList(to)}))`).execute(db);
    return;
  }
  const stored = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'`.execute(db);
  const definition = stored.rows[0]?.sql;
  const oldList = roleList(from);
  if (!definition || !definition.includes(oldList)) throw new Error('users.role check constraint not found');
  const rebuilt = definition.replace(oldList, roleList(to)).replace(/^CREATE TABLE "?users"?/, 'CREATE TABLE "users_rebuilt"');
  if (!rebuilt.startsWith('CREATE TABLE "users_rebuilt"')) throw new Error('unexpected users table definition');
  const indexes = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'users' AND sql IS NOT NULL`.execute(db);
  await sql.raw('PRAGMA foreign_keys = OFF').execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(rebuilt).execute(trx);
      await sql.raw('INSERT INTO users_rebuilt SELECT * FROM users').execute(trx);
      await sql.raw('DROP TABLE users').execute(trx);
      await sql.raw('ALTER TABLE users_rebuilt RENAME TO users').execute(trx);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
      const broken = await sql`PRAGMA foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error('rebuilding users broke a foreign key');
    });
  } finally {
    await sql.raw('PRAGMA foreign_keys = ON').execute(db);
  }
}
