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
 * Whether a CTE that the statistics join to milestones should be MATERIALIZED: SQLite otherwise
 * inlines it and evaluates its per-measure look-ups once per joined row; PostgreSQL plans the inlined
 * form better (it hashes the join either way) and was slower with the CTE materialized.
 */
export function materializeJoinedCtes(dialect: DialectName): boolean {
  return dialect === 'sqlite';
}
