import { spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { UsageError } from './cli/cli-args';
import { openSqliteFile } from './connection';
import type { DatabaseTarget } from './connection';
import { describeDatabaseTarget } from './database-url';
import type { DialectName } from './dialect';
import type { Environment } from './environment';
import { migrations } from './migrations';

// Online backup and restore (docs/product.md §7 "Backup and graceful restarts",
// docs/decisions/021-backups-and-restore.md). A backup is one consistent snapshot taken while the
// server keeps serving and writing: SQLite through its online backup API, PostgreSQL through pg_dump
// on a snapshot this module exports (so the row counts it reports are those of the dump). A restore
// goes only into an empty database and checks what it restored before saying so.

/** Something the operator must fix (an existing file, a non-empty target, a wrong kind of file): one line. */
export class BackupError extends UsageError {
  override name = 'BackupError';
}

export type BackupKind = DialectName;

export interface DatabaseContents {
  /** Rows per table, every table of the application (and Kysely's migration tables). */
  rowCounts: Record<string, number>;
  /** The migrations applied, by name, in order. */
  migrations: string[];
}

export interface BackupSummary extends DatabaseContents {
  kind: BackupKind;
  file: string;
  bytes: number;
  elapsedMs: number;
  /**
   * An instant just before the snapshot was taken (ISO 8601): every write committed before it is in
   * the backup; writes committed after it may or may not be.
   */
  snapshotAt: string;
}

interface Snapshot extends DatabaseContents {
  snapshotAt: string;
}

export interface RestoreSummary extends DatabaseContents {
  kind: BackupKind;
  file: string;
  elapsedMs: number;
  /** What the integrity check found, in words: `ok` on success (a failure throws). */
  integrity: string;
  /** Migrations of this version of the code that the restored database has not applied yet. */
  pendingMigrations: string[];
}

export interface BackupOptions {
  out: string;
  /** Overwrite an existing `out`. */
  force?: boolean;
  /** For the PostgreSQL client tools: PATH, and the environment they run with. */
  env?: Environment;
}

export interface RestoreOptions {
  from: string;
  env?: Environment;
}

const MIGRATION_TABLE = 'kysely_migration';
const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_DUMP_MAGIC = 'PGDMP';
/** SQLite's busy timeout, as the app's (db/connection.ts): wait for a writer's transaction, do not fail. */
const BUSY_TIMEOUT_MS = 30_000;
/** Pages per backup step: all of them, so the copy is one read transaction and never restarts. */
const ALL_PAGES = 0x7fffffff;

/** What `path` holds, by its first bytes: a SQLite database, a pg_dump custom archive, or neither. */
export function detectBackupKind(path: string): BackupKind | 'unknown' {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, read).toString('latin1');
    if (text === SQLITE_MAGIC) return 'sqlite';
    if (text.startsWith(PG_DUMP_MAGIC)) return 'postgres';
    return 'unknown';
  } finally {
    closeSync(fd);
  }
}

export async function backupDatabase(target: DatabaseTarget, options: BackupOptions): Promise<BackupSummary> {
  const started = performance.now();
  const out = resolve(options.out);
  checkOut(out, options.force ?? false);
  if (target.kind === 'sqlite' && [target.path, `${target.path}-wal`, `${target.path}-shm`].includes(out)) {
    throw new BackupError(`--out ${out} is the database itself; write the backup to another file`);
  }
  // Written beside the destination and renamed at the end: a failed backup leaves no half file.
  const partial = `${out}.partial-${process.pid}`;
  try {
    const contents =
      target.kind === 'sqlite'
        ? await backupSqlite(target.path, partial)
        : await backupPostgres(target.url, partial, options.env ?? {});
    renameSync(partial, out);
    return { kind: target.kind, file: out, bytes: statSync(out).size, elapsedMs: performance.now() - started, ...contents };
  } finally {
    rmSync(partial, { force: true });
  }
}

export async function restoreDatabase(target: DatabaseTarget, options: RestoreOptions): Promise<RestoreSummary> {
  const started = performance.now();
  const from = resolve(options.from);
  const kind = readableBackupKind(from);
  if (kind !== target.kind) {
    throw new BackupError(
      kind === 'sqlite'
        ? `${from} is a SQLite backup, but DATABASE_URL is a PostgreSQL database: restore it with DATABASE_URL=sqlite:PATH`
        : `${from} is a PostgreSQL (pg_dump) backup, but DATABASE_URL is a SQLite file: restore it with DATABASE_URL=postgres://…`,
    );
  }
  const restored =
    target.kind === 'sqlite'
      ? await restoreSqlite(from, target.path)
      : await restorePostgres(from, target.url, options.env ?? {});
  const known = Object.keys(migrations);
  return {
    kind: target.kind,
    file: from,
    elapsedMs: performance.now() - started,
    ...restored,
    pendingMigrations: known.filter((name) => !restored.migrations.includes(name)),
  };
}

/** The kind of a backup file the operator named, or a one-line refusal. */
function readableBackupKind(from: string): BackupKind {
  try {
    accessSync(from, constants.R_OK);
  } catch (error) {
    throw new BackupError(`cannot read the backup file ${from}: ${codeOf(error)}`);
  }
  if (!statSync(from).isFile()) throw new BackupError(`the backup file ${from} is not a file`);
  const kind = detectBackupKind(from);
  if (kind === 'unknown') {
    throw new BackupError(`${from} is not a backup: neither a SQLite database nor a pg_dump custom-format archive`);
  }
  return kind;
}

function checkOut(out: string, force: boolean): void {
  if (existsSync(out)) {
    if (!force) throw new BackupError(`${out} already exists; choose another --out or pass --force to overwrite it`);
    if (!statSync(out).isFile()) throw new BackupError(`${out} exists and is not a file`);
  }
  const dir = dirname(out);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BackupError(`the directory ${dir} does not exist`);
}

function codeOf(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    if (error.code === 'ENOENT') return 'no such file';
    if (error.code === 'EACCES') return 'permission denied';
  }
  return error instanceof Error ? error.message : String(error);
}

// ── SQLite ─────────────────────────────────────────────────────────────────────────────────────

function sqliteContents(sqlite: SqliteDatabase.Database): DatabaseContents {
  const names = sqlite
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all()
    .map((row) => row.name);
  const rowCounts: Record<string, number> = {};
  for (const name of names) {
    const row = sqlite.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get();
    rowCounts[name] = row?.n ?? 0;
  }
  const applied = names.includes(MIGRATION_TABLE)
    ? sqlite
        .prepare<[], { name: string }>(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`)
        .all()
        .map((row) => row.name)
    : [];
  return { rowCounts, migrations: applied };
}

function sqliteIntegrity(sqlite: SqliteDatabase.Database): string {
  const rows = sqlite.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all();
  return rows.map((row) => row.integrity_check).join('; ');
}

function tableCount(sqlite: SqliteDatabase.Database): number {
  const row = sqlite
    .prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )
    .get();
  return row?.n ?? 0;
}

async function backupSqlite(path: string, partial: string): Promise<Snapshot> {
  if (path === ':memory:') throw new BackupError('DATABASE_URL is an in-memory SQLite database: there is nothing to back up');
  if (!existsSync(path)) throw new BackupError(`there is no SQLite database at ${path}`);
  // A connection of its own, not the app's openSqliteFile: a backup must not create, convert or
  // write to the file it reads.
  const source = new SqliteDatabase(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  let snapshotAt: string;
  try {
    if (!sqliteContents(source).rowCounts[MIGRATION_TABLE]) {
      throw new BackupError(`${path} holds no Measure Tracker database (no applied migrations)`);
    }
    // One step copying every page: SQLite's online backup restarts a step-wise copy whenever another
    // connection writes between steps, which under steady writes could go on for ever. A single step is
    // one read transaction, and in WAL mode a reader never blocks the writers (decision 021).
    snapshotAt = new Date().toISOString();
    await source.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const copy = new SqliteDatabase(partial, { fileMustExist: true });
  try {
    // One self-contained file: out of WAL mode, so that no -wal or -shm file belongs with it.
    copy.pragma('journal_mode = DELETE');
    const integrity = sqliteIntegrity(copy);
    if (integrity !== 'ok') throw new Error(`the backup copy fails SQLite's integrity check: ${integrity}`);
    return { ...sqliteContents(copy), snapshotAt };
  } finally {
    copy.close();
  }
}

async function restoreSqlite(
  from: string,
  path: string,
): Promise<Omit<RestoreSummary, 'kind' | 'file' | 'elapsedMs' | 'pendingMigrations'>> {
  if (path === ':memory:') throw new BackupError('DATABASE_URL is an in-memory SQLite database: restore into a file');
  if (existsSync(path)) {
    const existing = new SqliteDatabase(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    try {
      let tables: number;
      try {
        tables = tableCount(existing);
      } catch (error) {
        throw new BackupError(
          `the target sqlite:${path} cannot be read as a SQLite database (${codeOf(error)}); restore into a new file`,
        );
      }
      if (tables > 0) {
        throw new BackupError(
          `the target database sqlite:${path} is not empty (${tables} tables); restore only into a new or empty database`,
        );
      }
    } finally {
      existing.close();
    }
  }
  let source: SqliteDatabase.Database;
  try {
    source = new SqliteDatabase(from, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(
      `cannot open the backup file ${from} as SQLite: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let expected: DatabaseContents;
  try {
    const integrity = sqliteIntegrity(source);
    if (integrity !== 'ok') throw new BackupError(`the backup file ${from} fails SQLite's integrity check: ${integrity}`);
    expected = sqliteContents(source);
    if (!expected.rowCounts[MIGRATION_TABLE]) {
      throw new BackupError(`${from} holds no Measure Tracker database (no applied migrations)`);
    }
    const created = !existsSync(path);
    mkdirSync(dirname(path), { recursive: true });
    try {
      // The backup API into the target rather than a file copy: it writes through SQLite, so an
      // existing empty file with its -wal and -shm stays one consistent database.
      await source.backup(path, { progress: () => ALL_PAGES });
    } catch (error) {
      if (created) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
      throw error;
    }
  } finally {
    source.close();
  }
  // Opened as the app opens it (WAL, full sync), then checked.
  const restored = openSqliteFile(path);
  try {
    const integrity = sqliteIntegrity(restored);
    if (integrity !== 'ok') throw new Error(`the restored database fails SQLite's integrity check: ${integrity}`);
    const contents = sqliteContents(restored);
    compareContents(expected, contents, 'the backup file');
    return { ...contents, integrity: 'ok (PRAGMA integrity_check)' };
  } finally {
    restored.close();
  }
}

/** The restored database holds every table of the backup with as many rows, and the same migrations. */
function compareContents(expected: DatabaseContents, actual: DatabaseContents, source: string): void {
  for (const [table, rows] of Object.entries(expected.rowCounts)) {
    const got = actual.rowCounts[table];
    if (got === undefined) throw new Error(`the restored database lacks the table ${table} of ${source}`);
    if (got !== rows) throw new Error(`the restored table ${table} holds ${got} rows, ${source} ${rows}`);
  }
  if (expected.migrations.join('\n') !== actual.migrations.join('\n')) {
    throw new Error(`the restored migrations differ from those of ${source}`);
  }
}

// ── PostgreSQL ─────────────────────────────────────────────────────────────────────────────────

interface PgConnection {
  /** The URL without its password, for the client tools' --dbname (the password goes in PGPASSWORD, not on a command line). */
  url: string;
  env: Record<string, string | undefined>;
}

function pgConnection(url: string, env: Environment): PgConnection {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  return { url: parsed.toString(), env: password === undefined ? { ...env } : { ...env, PGPASSWORD: password } };
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[], env: Record<string, string | undefined>): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  );
}

/** The major version a client tool reports (`pg_dump (PostgreSQL) 15.20 (Debian …)` → 15), or undefined. */
export function toolMajorVersion(versionLine: string): number | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * pg_dump or pg_restore, of a major version at least the server's (an older pg_dump refuses a newer
 * server): the first on PATH that is new enough, else the newest under /usr/lib/postgresql/N/bin
 * (Debian's side-by-side installs).
 */
export async function findPgTool(
  name: 'pg_dump' | 'pg_restore',
  serverMajor: number,
  env: Environment,
  versionedRoot = '/usr/lib/postgresql',
): Promise<string> {
  const pathDirs = (env.PATH ?? '').split(':').filter((dir) => dir.length > 0);
  let versioned: string[] = [];
  try {
    versioned = readdirSync(versionedRoot)
      .filter((dir) => /^\d+$/.test(dir))
      .sort((a, b) => Number(b) - Number(a))
      .map((dir) => join(versionedRoot, dir, 'bin'));
  } catch {
    // Not a Debian-style install: PATH only.
  }
  const found: { path: string; major: number | undefined }[] = [];
  for (const dir of [...pathDirs, ...versioned]) {
    const candidate = join(dir, name);
    if (!existsSync(candidate)) continue;
    const result = await run(candidate, ['--version'], { ...env }).catch(() => undefined);
    const major = result ? toolMajorVersion(result.stdout) : undefined;
    if (major !== undefined && major >= serverMajor) return candidate;
    found.push({ path: candidate, major });
  }
  if (found.length === 0) {
    throw new BackupError(
      `${name} is not installed: install the PostgreSQL client tools (postgresql-client) ${serverMajor} or newer`,
    );
  }
  const newest = Math.max(...found.map((f) => f.major ?? 0));
  throw new BackupError(
    `${name} ${newest} is older than the server (PostgreSQL ${serverMajor}): install postgresql-client-${serverMajor} or newer`,
  );
}

async function withPgClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const u = new URL(url);
    throw new BackupError(
      `Cannot connect to PostgreSQL at ${u.hostname}:${u.port || '5432'}${u.pathname}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

async function serverMajor(client: pg.Client): Promise<number> {
  const result = await client.query<{ v: string }>('SHOW server_version_num');
  return Math.floor(Number(result.rows[0]?.v ?? '0') / 10000);
}

async function pgTables(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return result.rows.map((row) => row.name);
}

async function pgContents(client: pg.Client): Promise<DatabaseContents> {
  const names = await pgTables(client);
  const rowCounts: Record<string, number> = {};
  for (const name of names) {
    const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public."${name.replace(/"/g, '""')}"`);
    rowCounts[name] = Number(result.rows[0]?.n ?? 0);
  }
  const applied = names.includes(MIGRATION_TABLE)
    ? (await client.query<{ name: string }>(`SELECT name FROM public.${MIGRATION_TABLE} ORDER BY name`)).rows.map(
        (row) => row.name,
      )
    : [];
  return { rowCounts, migrations: applied };
}

async function backupPostgres(url: string, partial: string, env: Environment): Promise<Snapshot> {
  const connection = pgConnection(url, env);
  return withPgClient(url, async (client) => {
    const pgDump = await findPgTool('pg_dump', await serverMajor(client), env);
    // pg_dump reads through the snapshot this transaction exports, and the counts below are taken in
    // the same snapshot: they are exactly what the dump holds. REPEATABLE READ only reads; writers go on.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      // REPEATABLE READ takes its snapshot at the transaction's first statement, this one.
      const snapshotAt = new Date().toISOString();
      const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id ?? '';
      const contents = await pgContents(client);
      if (!contents.rowCounts[MIGRATION_TABLE]) {
        throw new BackupError(
          `${describeDatabaseTarget({ kind: 'postgres', url })} holds no Measure Tracker database (no applied migrations)`,
        );
      }
      const result = await run(
        pgDump,
        [
          '--format=custom',
          '--no-owner',
          '--no-privileges',
          `--snapshot=${snapshot}`,
          `--file=${partial}`,
          `--dbname=${connection.url}`,
        ],
        connection.env,
      );
      if (result.code !== 0) throw new Error(`pg_dump failed: ${firstLine(result.stderr) || `exit code ${result.code}`}`);
      return { ...contents, snapshotAt };
    } finally {
      await client.query('COMMIT');
    }
  });
}

/**
 * Rows per table as the archive holds them, read by streaming its data section as COPY text (one line
 * per row, newlines in values escaped), and the migrations it records.
 */
async function archiveContents(
  pgRestore: string,
  from: string,
  env: Record<string, string | undefined>,
): Promise<DatabaseContents> {
  const child = spawn(pgRestore, ['--data-only', '--file=-', from], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done(code));
  });
  const rowCounts: Record<string, number> = {};
  const applied: string[] = [];
  let table: string | undefined;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (table === undefined) {
      const copy = /^COPY public\.(\S+) \(/.exec(line);
      if (copy?.[1]) {
        table = copy[1].replace(/^"|"$/g, '');
        rowCounts[table] = 0;
      }
    } else if (line === '\\.') {
      table = undefined;
    } else {
      rowCounts[table] = (rowCounts[table] ?? 0) + 1;
      if (table === MIGRATION_TABLE) applied.push(line.split('\t')[0] ?? '');
    }
  }
  const code = await closed;
  if (code !== 0) throw new BackupError(`${from} cannot be read by pg_restore: ${firstLine(stderr) || `exit code ${code}`}`);
  return { rowCounts, migrations: applied.sort() };
}

async function restorePostgres(
  from: string,
  url: string,
  env: Environment,
): Promise<Omit<RestoreSummary, 'kind' | 'file' | 'elapsedMs' | 'pendingMigrations'>> {
  const connection = pgConnection(url, env);
  const where = describeDatabaseTarget({ kind: 'postgres', url });
  const pgRestore = await withPgClient(url, async (client) => {
    const tables = await pgTables(client);
    if (tables.length > 0) {
      throw new BackupError(
        `the target database ${where} is not empty (${tables.length} tables in the public schema); restore only into a new, empty database`,
      );
    }
    return findPgTool('pg_restore', await serverMajor(client), env);
  });
  const expected = await archiveContents(pgRestore, from, connection.env);
  if (!expected.rowCounts[MIGRATION_TABLE])
    throw new BackupError(`${from} holds no Measure Tracker database (no applied migrations)`);
  // One transaction: a restore that fails part-way leaves the target as empty as it was.
  const result = await run(
    pgRestore,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${connection.url}`, from],
    connection.env,
  );
  if (result.code !== 0) throw new Error(`pg_restore failed: ${firstLine(result.stderr) || `exit code ${result.code}`}`);
  return withPgClient(url, async (client) => {
    const contents = await pgContents(client);
    compareContents(expected, contents, 'the archive');
    return { ...contents, integrity: 'ok (restored in one transaction; every table holds the rows of the archive)' };
  });
}
