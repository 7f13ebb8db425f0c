import { PostgresAdapter, SqliteAdapter, sql } from 'kysely';
import type { CreateTableBuilder, Expression, Kysely, RawBuilder, SqlBool } from 'kysely';

// Everything that differs between SQLite and PostgreSQL lives in this module, so the repositories
// and migrations stay dialect-neutral.

export type DialectName = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works for any schema, including migrations' Kysely<any>
export function dialectOf(db: Kysely<any>): DialectName {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  throw new Error('Unsupported database adapter');
}

/** An auto-generated integer primary key named `id`. */
export function withIdColumn<T extends string>(
  builder: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? builder.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity())
    : builder.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
}

/** Triggers that make `table` append-only: the database itself refuses UPDATE and DELETE. */
export function appendOnlyTriggerStatements(dialect: DialectName, table: string): RawBuilder<unknown>[] {
  const message = `${table} is append-only`;
  if (dialect === 'sqlite') {
    return ['UPDATE', 'DELETE'].map((op) =>
      sql.raw(
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} ` +
          `BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      ),
    );
  }
  return [
    sql.raw(
      `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
        `BEGIN RAISE EXCEPTION '${message}'; END $$`,
    ),
    sql.raw(
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} ` +
        `FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    ),
    sql.raw(
      `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`,
    ),
  ];
}

export function dropAppendOnlyTriggerStatements(dialect: DialectName, table: string): RawBuilder<unknown>[] {
  if (dialect === 'sqlite') {
    return ['update', 'delete'].map((op) => sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_${op}`));
  }
  return [sql.raw(`DROP FUNCTION IF EXISTS ${table}_append_only() CASCADE`)];
}

/** Escapes LIKE wildcards so user text matches literally (with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE '%text%'` with the user's text taken literally, the same on both dialects. */
export function containsText(column: Expression<string>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} LIKE ${`%${escapeLike(text)}%`} ESCAPE '\\'`;
}

/**
 * True for a unique-constraint violation, which the two drivers report under different codes; a
 * taken primary key is one too (SQLite names it apart: report_reviews.report_id is one).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || error.code === '23505';
}

/**
 * The trigger functions that bump the data-version counter (docs/decisions/019-data-version-cache.md):
 * PostgreSQL runs them once per transaction (a transaction-local setting remembers the bump), SQLite
 * needs none (its triggers carry their statement).
 */
export function dataVersionFunctionStatements(dialect: DialectName): RawBuilder<unknown>[] {
  if (dialect === 'sqlite') return [];
  const bump = (name: string, setting: string, assignments: string) =>
    sql.raw(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `IF current_setting('${setting}', true) IS DISTINCT FROM 'on' THEN ` +
        `UPDATE data_version SET ${assignments}; ` +
        `PERFORM set_config('${setting}', 'on', true); ` +
        `END IF; RETURN NULL; END $$`,
    );
  return [
    bump('bump_data_version', 'measure_tracker.data_bumped', 'version = version + 1'),
    bump(
      'bump_reference_version',
      'measure_tracker.reference_bumped',
      'version = version + 1, reference_version = reference_version + 1',
    ),
  ];
}

/**
 * Triggers that bump the data-version counter on every change to `table`, in the writing
 * transaction, so that a process caching figures sees any write by any process on its next read of
 * the counter. `reference` tables (the taxonomy, deadlines, meetings) bump the reference counter too.
 * PostgreSQL bumps BEFORE the first statement of a transaction takes a row lock, so writers queue on
 * the counter row without ever holding a lock another writer waits for.
 */
export function dataVersionTriggerStatements(dialect: DialectName, table: string, reference: boolean): RawBuilder<unknown>[] {
  if (dialect === 'sqlite') {
    const assignments = reference ? 'version = version + 1, reference_version = reference_version + 1' : 'version = version + 1';
    return ['INSERT', 'UPDATE', 'DELETE'].map((op) =>
      sql.raw(
        `CREATE TRIGGER ${table}_data_version_${op.toLowerCase()} AFTER ${op} ON ${table} ` +
          `BEGIN UPDATE data_version SET ${assignments}; END`,
      ),
    );
  }
  const fn = reference ? 'bump_reference_version' : 'bump_data_version';
  return [
    sql.raw(
      `CREATE TRIGGER ${table}_data_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    ),
  ];
}

/**
 * Whether a CTE that the statistics join to milestones should be MATERIALIZED: SQLite otherwise
 * inlines it and evaluates its per-measure look-ups once per joined row; PostgreSQL plans the inlined
 * form better (it hashes the join either way) and was slower with the CTE materialized.
 */
export function materializeJoinedCtes(dialect: DialectName): boolean {
  return dialect === 'sqlite';
}

/** Whether the dialect has LEFT JOIN LATERAL (PostgreSQL; SQLite has none). */
export function joinsLateral(dialect: DialectName): boolean {
  return dialect === 'postgres';
}

/**
 * A table keyed by its primary key alone: in SQLite WITHOUT ROWID, so the table is its key's index and
 * a seek on the key reads every column; PostgreSQL has no such clause and keeps a primary-key index.
 */
export function withoutRowId<T extends string, C extends string>(
  builder: CreateTableBuilder<T, C>,
  dialect: DialectName,
): CreateTableBuilder<T, C> {
  return dialect === 'sqlite' ? builder.modifyEnd(sql`WITHOUT ROWID`) : builder;
}

// The report state as ranges (migration 2026-12-02-002, docs/decisions/018-state-as-of-by-range.md):
// after each status report is inserted, its range starts at its reported_at and ends where the range
// it splits ended (the start of the next report of the measure, or `openEnd`); that range, the
// measure's latest before it in the log's order (reported_at, then id), now ends at the new report.
// In the trigger, so that every writer of the append-only log keeps the ranges in its transaction.

function stateIntervalSteps(n: string, openEnd: string): string[] {
  // Rows of the measure before / after the new report in the log's order (reported_at, then id).
  const before = `p.measure_id = ${n}.measure_id AND (p.valid_from < ${n}.reported_at OR (p.valid_from = ${n}.reported_at AND p.report_id < ${n}.id))`;
  const after = `s.measure_id = ${n}.measure_id AND (s.valid_from > ${n}.reported_at OR (s.valid_from = ${n}.reported_at AND s.report_id > ${n}.id))`;
  return [
    `INSERT INTO report_state_intervals (measure_id, valid_to, report_id, valid_from, status, health, next_report_due_at) ` +
      `VALUES (${n}.measure_id, COALESCE(` +
      `(SELECT MIN(s.valid_from) FROM report_state_intervals s WHERE ${after}), '${openEnd}'), ` +
      `${n}.id, ${n}.reported_at, ${n}.status, ${n}.health, ${n}.next_report_due_at)`,
    `UPDATE report_state_intervals SET valid_to = ${n}.reported_at WHERE measure_id = ${n}.measure_id AND report_id = ` +
      `(SELECT p.report_id FROM report_state_intervals p WHERE ${before} ORDER BY p.valid_from DESC, p.report_id DESC LIMIT 1)`,
  ];
}

export function stateIntervalTriggerStatements(dialect: DialectName, openEnd: string): RawBuilder<unknown>[] {
  if (dialect === 'sqlite') {
    return [
      sql.raw(
        `CREATE TRIGGER status_reports_state_interval AFTER INSERT ON status_reports BEGIN ` +
          stateIntervalSteps('NEW', openEnd)
            .map((s) => `${s};`)
            .join(' ') +
          ` END`,
      ),
    ];
  }
  return [
    sql.raw(
      `CREATE FUNCTION status_reports_state_interval() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        stateIntervalSteps('NEW', openEnd)
          .map((s) => `${s};`)
          .join(' ') +
        ` RETURN NULL; END $$`,
    ),
    sql.raw(
      `CREATE TRIGGER status_reports_state_interval AFTER INSERT ON status_reports ` +
        `FOR EACH ROW EXECUTE FUNCTION status_reports_state_interval()`,
    ),
  ];
}

export function dropDataVersionTriggerStatements(dialect: DialectName, table: string): RawBuilder<unknown>[] {
  if (dialect === 'sqlite') {
    return ['insert', 'update', 'delete'].map((op) => sql.raw(`DROP TRIGGER IF EXISTS ${table}_data_version_${op}`));
  }
  return [sql.raw(`DROP TRIGGER IF EXISTS ${table}_data_version ON ${table}`)];
}

export function dropStateIntervalTriggerStatements(dialect: DialectName): RawBuilder<unknown>[] {
  if (dialect === 'sqlite') return [sql.raw(`DROP TRIGGER IF EXISTS status_reports_state_interval`)];
  return [sql.raw(`DROP FUNCTION IF EXISTS status_reports_state_interval() CASCADE`)];
}

/**
 * The data-version trigger of a data table (dataVersionTriggerStatements) narrowed so that an UPDATE
 * bumps the version only when it sets one of `columns`: a write no answer shows (a user's last
 * sign-in, migration 2026-12-03-003) must not empty every cache (decision 025). Replaces the trigger
 * of that name; INSERT and DELETE still bump.
 */
export function dataVersionUpdateOfStatements(
  dialect: DialectName,
  table: string,
  columns: readonly string[],
): RawBuilder<unknown>[] {
  const list = columns.join(', ');
  if (dialect === 'sqlite') {
    return [
      sql.raw(`DROP TRIGGER IF EXISTS ${table}_data_version_update`),
      sql.raw(
        `CREATE TRIGGER ${table}_data_version_update AFTER UPDATE OF ${list} ON ${table} ` +
          `BEGIN UPDATE data_version SET version = version + 1; END`,
      ),
    ];
  }
  return [
    sql.raw(`DROP TRIGGER IF EXISTS ${table}_data_version ON ${table}`),
    sql.raw(
      `CREATE TRIGGER ${table}_data_version BEFORE INSERT OR UPDATE OF ${list} OR DELETE OR TRUNCATE ON ${table} ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`,
    ),
  ];
}
