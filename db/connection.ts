import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { LogEvent } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect';
import type { Database } from './schema';
import { withStatementCache } from './sqlite-statements';

/** `poolMax`: the most connections this process opens to PostgreSQL (DATABASE_POOL_MAX); DEFAULT_POOL_MAX when omitted. */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; poolMax?: number };

/** node-postgres's own default, kept: one process rarely has more than ten queries in flight. */
export const DEFAULT_POOL_MAX = 10;

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL pool's connections now; null on SQLite (one connection, no pool). For the metrics. */
  pool(): PoolStats | null;
  close(): Promise<void>;
}

export interface PoolStats {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

export interface OpenOptions {
  /** Told of every query once it has run: its time and whether it failed (the server's metrics). */
  onQuery?: (event: { durationMs: number; failed: boolean }) => void;
}

/** A problem opening the database that the operator must fix; its message is one clear line. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

// PostgreSQL returns BIGINT (count(*), budgets) and NUMERIC as strings; every such value here is
// far below 2^53, so numbers are safe and keep both dialects returning the same JSON.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<DatabaseHandle> {
  return target.kind === 'sqlite'
    ? openSqlite(target.path, options)
    : openPostgres(target.url, target.poolMax ?? DEFAULT_POOL_MAX, options);
}

/** Kysely's query log, turned into the one event `onQuery` takes; none at all when nobody listens. */
function queryLog(options: OpenOptions): ((event: LogEvent) => void) | undefined {
  const onQuery = options.onQuery;
  if (!onQuery) return undefined;
  return (event) => onQuery({ durationMs: event.queryDurationMillis, failed: event.level === 'error' });
}

function openSqlite(path: string, options: OpenOptions): DatabaseHandle {
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = openSqliteFile(path);
  } catch (error) {
    throw new DatabaseOpenError(`Cannot open SQLite database at ${path}: ${describe(error)}`);
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: queryLog(options),
  });
  return { db, dialect: 'sqlite', pool: () => null, close: () => db.destroy() };
}

/** How long a process waits for another to let go of the file: a first start seeds under the write lock. */
const BUSY_TIMEOUT_MS = 30_000;

/**
 * Opens (creating) a SQLite file as the app uses it. WAL lets readers run beside the writer and several
 * processes share the file; FULL sync makes an acknowledged write survive a crash; the busy timeout makes
 * a second process wait, not fail. The timeout is set first, and switching a new file to WAL is retried:
 * that switch needs the file to itself, and SQLite answers "database is locked" at once, without waiting,
 * when another process is switching it at the same moment.
 */
export function openSqliteFile(path: string): SqliteDatabase.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    retryWhileBusy(() => sqlite.pragma('journal_mode = WAL'));
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    proveWritable(sqlite);
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function retryWhileBusy<T>(step: () => T): T {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return step();
    } catch (error) {
      const busy = error instanceof SqliteDatabase.SqliteError && error.code === 'SQLITE_BUSY';
      if (!busy || Date.now() > deadline) throw error;
      // A synchronous pause: the connection is not in use by anyone else yet.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}

/**
 * Proves the file is writable now, not at the first report. In one write transaction: two processes
 * opening one new file at once would otherwise interleave, one dropping the table between the other's
 * CREATE IF NOT EXISTS and DROP ("no such table: _write_check").
 */
export function proveWritable(sqlite: SqliteDatabase.Database): void {
  try {
    sqlite.exec(
      'BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS _write_check (x INTEGER); DROP TABLE IF EXISTS _write_check; COMMIT;',
    );
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

async function openPostgres(url: string, max: number, options: OpenOptions): Promise<DatabaseHandle> {
  // JIT off: the dashboard's queries run in tens of milliseconds, and PostgreSQL's cost estimate sent
  // the as-of statistics into JIT compilation that took several times the query itself
  // (docs/decisions/018-state-as-of-by-range.md).
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, options: '-c jit=off' });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const { host, port, pathname } = safeUrl(url);
    throw new DatabaseOpenError(`Cannot connect to PostgreSQL at ${host}:${port}${pathname}: ${describe(error)}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: queryLog(options) });
  return {
    db,
    dialect: 'postgres',
    pool: () => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

function safeUrl(url: string): { host: string; port: string; pathname: string } {
  try {
    const u = new URL(url);
    return { host: u.hostname, port: u.port || '5432', pathname: u.pathname };
  } catch {
    return { host: '?', port: '?', pathname: '' };
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    const message = error.message || code || error.name;
    return code && !message.includes(code) ? `${message} (${code})` : message;
  }
  return String(error);
}
