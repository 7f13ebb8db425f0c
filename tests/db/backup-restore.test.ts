import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, findPgTool, restoreDatabase, toolMajorVersion } from '../../db/backup';
import { openDatabase, openSqliteFile } from '../../db/connection';
import type { DatabaseTarget } from '../../db/connection';
import { describeDatabaseTarget } from '../../db/database-url';
import type { DialectName } from '../../db/dialect';
import { migrateToLatest } from '../../db/migrate';
import { createScratchPostgres } from '../../db/scratch-database';
import { createApp } from '../../server/app';
import { testDatabaseUrl } from '../../server/config';
import { measureDetailResponse } from '../../server/schemas/responses';
import { getterFor } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { currentEtag, send, signIn, signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

// Backups and restore (issue 12 item 4, docs/decisions/021-backups-and-restore.md): `npm run db:backup`
// while the database is being written to, `npm run db:restore` into a new empty database, both run as
// the operator runs them (child processes with DATABASE_URL). The restored database holds every report
// acknowledged before the backup began, passes its integrity check, and its figures are the source's
// as of the backup's snapshot.
//
// The writer is one sequential loop through the app on the source database (another process than the
// backup's), so the state after its k-th report is known: the figures are recorded after each report,
// and the restored database, holding the first n of them, must show exactly the figures recorded
// after the n-th.

const ROOT = resolve(import.meta.dirname, '../..');
const CLI_TIMEOUT_MS = 120_000;
const NOTE = 'backup-round-trip';
const WRITERS = [
  { email: 'meti-lead@example.go.jp', ministry: 'meti', code: 'METI-0001' },
  { email: 'mext-lead@example.go.jp', ministry: 'mext', code: 'MEXT-0008' },
  { email: 'env-lead@example.go.jp', ministry: 'env', code: 'ENV-0011' },
] as const;
const FIGURES = ['/api/v1/stats/summary', '/api/v1/stats/by-field', '/api/v1/stats/summary?asOf=2026-07-15'];

const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `db/cli-backup.ts` or `db/cli-restore.ts` as `npx tsx` would (node with tsx's loader), on DATABASE_URL. */
function cli(script: 'backup' | 'restore', args: readonly string[], databaseUrl: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env.NODE_OPTIONS;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `db/cli-${script}.ts`, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function urlOf(target: DatabaseTarget): string {
  return target.kind === 'sqlite' ? `sqlite:${target.path}` : target.url;
}

/** A new database to restore into, that the test drops afterwards. */
async function emptyTarget(dialect: DialectName): Promise<{ url: string; target: DatabaseTarget; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const path = join(mkdtempSync(join(dir, 'restored-')), 'restored.db');
    const target: DatabaseTarget = { kind: 'sqlite', path };
    return { url: urlOf(target), target, drop: () => Promise.resolve() };
  }
  // Its idle connection stays open until the drop: a restore shares the database with other sessions.
  const scratch = await createScratchPostgres(testDatabaseUrl() ?? '', 'mt_test');
  return { url: urlOf(scratch.target), target: scratch.target, drop: () => scratch.drop() };
}

/** Expects a refusal: exit code 1 and exactly one line on stderr, prefixed with the script's name. */
function expectRefusal(result: CliResult, script: 'backup' | 'restore', message: RegExp): void {
  expect(result.code, result.stdout + result.stderr).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^db:${script}: `));
  expect(lines[0]).toMatch(message);
  expect(result.stdout).toBe('');
}

const DIALECTS: DialectName[] = testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];

if (!testDatabaseUrl()) {
  describe('backups on PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is unset (set it to a PostgreSQL server to run these on PostgreSQL too)', () => {});
  });
}

describe.each(DIALECTS)('db:backup and db:restore on %s', (dialect) => {
  let source: TestApp;
  let sourceUrl: string;
  const drops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    source = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    sourceUrl = urlOf(source.database.target);
  }, CLI_TIMEOUT_MS);
  afterAll(async () => {
    for (const drop of drops.splice(0)) await drop();
    await source?.drop();
  });

  it(
    'a backup taken while reports are being filed restores every acknowledged report, intact, with the figures of its instant',
    { timeout: 4 * CLI_TIMEOUT_MS },
    async () => {
      const cookies = await signedInUsers(
        source.database.db,
        source.app,
        WRITERS.map((w) => ({ email: w.email, role: 'ministry_lead' as const, ministry: w.ministry })),
      );
      const figuresOf = async (app: { request(path: string): Response | Promise<Response> }) => {
        const getter = getterFor(app);
        const answers: unknown[] = [];
        for (const path of FIGURES) {
          const res = await getter.get(path);
          expect(res.status, `${path} → ${JSON.stringify(res.body)}`).toBe(200);
          answers.push(res.body);
        }
        return answers;
      };

      // figures[k]: the source's figures after the writer's k-th report (figures[0]: before any).
      const figures: unknown[][] = [await figuresOf(source.app)];
      // The writer's reports in order, with the instant each 201 came back (after its commit).
      const acknowledged: number[] = [];
      const acknowledgedAt: number[] = [];
      let stop = false;
      const writer = (async () => {
        for (let k = 0; !stop; k += 1) {
          const w = WRITERS[k % WRITERS.length];
          if (!w) throw new Error('no writer');
          const res = await send(source.app, 'POST', `/api/v1/measures/${w.code}/reports`, {
            cookie: cookies.get(w.email),
            ifMatch: await currentEtag(source.app, w.code),
            body: { status: 'in_progress', health: k % 2 === 0 ? 'at_risk' : 'on_track', note: `${NOTE} ${k}` },
          });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          const report = measureDetailResponse.parse(res.body).reports[0];
          if (!report) throw new Error('no report in the answer');
          acknowledged.push(report.id);
          acknowledgedAt.push(Date.now());
          figures.push(await figuresOf(source.app));
          // Yield, so that the test's own steps (spawning the backup) get their turn on SQLite too.
          await new Promise((r) => setImmediate(r));
        }
      })();

      const waitFor = async (count: number) => {
        while (acknowledged.length < count) await new Promise((r) => setTimeout(r, 10));
      };
      await waitFor(5);
      const out = join(dir, `${dialect}-live.backup`);
      const acknowledgedBeforeStart = acknowledged.length;
      const backup = await cli('backup', ['--out', out], sourceUrl);
      const acknowledgedByEnd = acknowledged.length;
      await waitFor(acknowledgedByEnd + 3);
      stop = true;
      await writer;

      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toContain(`Backed up ${describeDatabaseTarget(source.database.target)} to ${out}`);
      expect(backup.stdout).toMatch(/Migrations: \d+ applied, latest \d{4}-\d\d-\d\d-\d{3}-/);
      expect(statSync(out).size).toBeGreaterThan(0);
      // The writer kept filing while the backup ran: the backup did not stop it.
      expect(acknowledgedByEnd).toBeGreaterThan(acknowledgedBeforeStart);
      // The backup says when it took its snapshot; every report acknowledged before that instant must be
      // in it. Whole milliseconds, compared strictly: floor(a) < floor(b) implies a < b.
      const snapshotAt = Date.parse(/^Snapshot: every write committed before (\S+) is in it\.$/m.exec(backup.stdout)?.[1] ?? '');
      expect(Number.isNaN(snapshotAt)).toBe(false);
      const acknowledgedBefore = acknowledged.filter((_, i) => (acknowledgedAt[i] ?? Infinity) < snapshotAt);
      // The snapshot was taken after the command started, with the writer going on meanwhile.
      expect(acknowledgedBefore.length).toBeGreaterThanOrEqual(acknowledgedBeforeStart);

      const restoredDb = await emptyTarget(dialect);
      drops.push(restoredDb.drop);
      const restore = await cli('restore', ['--from', out], restoredDb.url);
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stderr).toBe('');
      expect(restore.stdout).toContain(`Restored ${out} into ${describeDatabaseTarget(restoredDb.target)}`);
      expect(restore.stdout).toMatch(/^Integrity check: ok \(/m);
      expect(restore.stdout).toMatch(/applied as in the backup, latest .*; the schema is up to date\./);

      const restored = await openDatabase(restoredDb.target);
      try {
        const rows = await restored.db
          .selectFrom('status_reports')
          .select('id')
          .where('note', 'like', `${NOTE} %`)
          .orderBy('id')
          .execute();
        const ids = rows.map((r) => r.id);
        // Every report acknowledged before the backup began, and a prefix of the writer's reports: a snapshot.
        expect(ids).toEqual(expect.arrayContaining(acknowledgedBefore));
        expect(ids).toEqual(acknowledged.slice(0, ids.length));
        // …and none filed after the backup ended (but the one that may have been committing then).
        expect(ids.length).toBeLessThanOrEqual(acknowledgedByEnd + 1);
        // The backup's own count is the restored one (its summary is taken in the dump's snapshot).
        const backupReports = Number(/(\d+) status reports/.exec(backup.stdout)?.[1]);
        const total = await restored.db
          .selectFrom('status_reports')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(total.n)).toBe(backupReports);
        expect(restore.stdout).toContain(`${backupReports} status reports`);

        // The figures of the restored database are the source's after exactly those reports.
        const app = createApp({ db: restored.db, dialect: restored.dialect, now: () => FIXTURE_NOW });
        const restoredFigures = await figuresOf(app);
        expect(restoredFigures).toEqual(figures[ids.length]);

        // It takes writes again: sessions, versions and the id sequences came back with it.
        const w = WRITERS[0];
        const cookie = await signIn(app, w.email);
        const next = await send(app, 'POST', `/api/v1/measures/${w.code}/reports`, {
          cookie,
          ifMatch: await currentEtag(app, w.code),
          body: { status: 'in_progress', health: 'on_track', note: 'after the restore' },
        });
        expect(next.status, JSON.stringify(next.body)).toBe(201);
        expect(measureDetailResponse.parse(next.body).reports[0]?.id).toBeGreaterThan(Math.max(...ids));
      } finally {
        await restored.close();
      }
    },
  );

  it(
    'refuses to overwrite a backup unless --force, and to restore into a non-empty database',
    { timeout: 4 * CLI_TIMEOUT_MS },
    async () => {
      const out = join(dir, `${dialect}-existing.backup`);
      writeFileSync(out, 'keep me');
      expectRefusal(await cli('backup', ['--out', out], sourceUrl), 'backup', /already exists; .*--force/);
      expect(readFileSync(out, 'utf8')).toBe('keep me');
      const forced = await cli('backup', ['--out', out, '--force'], sourceUrl);
      expect(forced.code, forced.stderr).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe(dialect === 'sqlite' ? 'SQLit' : 'PGDMP');

      // The source itself is not empty: refused, and untouched.
      const before = await source.database.db
        .selectFrom('status_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expectRefusal(await cli('restore', ['--from', out], sourceUrl), 'restore', /is not empty \(\d+ tables/);
      const after = await source.database.db
        .selectFrom('status_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));

      // A file that is no backup, and a backup of the other kind, are named as such.
      const junk = join(dir, `${dialect}-junk.backup`);
      writeFileSync(junk, 'not a backup at all');
      const empty = await emptyTarget(dialect);
      drops.push(empty.drop);
      expectRefusal(
        await cli('restore', ['--from', junk], empty.url),
        'restore',
        /is not a backup: neither a SQLite database nor a pg_dump custom-format archive/,
      );
      if (dialect === 'postgres') {
        const path = join(dir, 'never-created.db');
        expectRefusal(
          await cli('restore', ['--from', out], `sqlite:${path}`),
          'restore',
          /is a PostgreSQL \(pg_dump\) backup, but DATABASE_URL is a SQLite file/,
        );
        expect(existsSync(path)).toBe(false);
      } else if (testDatabaseUrl()) {
        const postgres = await emptyTarget('postgres');
        drops.push(postgres.drop);
        expectRefusal(
          await cli('restore', ['--from', out], postgres.url),
          'restore',
          /is a SQLite backup, but DATABASE_URL is a PostgreSQL database/,
        );
      }
    },
  );
});

describe('db:backup and db:restore, wrongly', () => {
  const sqliteUrl = `sqlite:${join(dir, 'wrongly.db')}`;
  const sourcePath = join(dir, 'wrongly-source.db');

  beforeAll(async () => {
    const handle = await openDatabase({ kind: 'sqlite', path: sourcePath });
    await migrateToLatest(handle.db);
    await handle.close();
  });

  it('refuse to write the backup over the database itself, even with --force, and to restore over a file that is no database', async () => {
    const before = readFileSync(sourcePath);
    expectRefusal(
      await cli('backup', ['--out', sourcePath, '--force'], `sqlite:${sourcePath}`),
      'backup',
      /is the database itself; write the backup to another file/,
    );
    expect(readFileSync(sourcePath).equals(before)).toBe(true);

    const backup = join(dir, 'wrongly-source.backup');
    await backupDatabase({ kind: 'sqlite', path: sourcePath }, { out: backup });
    const notADatabase = join(dir, 'not-a-database.db');
    writeFileSync(notADatabase, 'x'.repeat(4096));
    expectRefusal(
      await cli('restore', ['--from', backup], `sqlite:${notADatabase}`),
      'restore',
      /cannot be read as a SQLite database .*restore into a new file/,
    );
    expect(readFileSync(notADatabase, 'utf8')).toBe('x'.repeat(4096));
  });

  it('answer --help', async () => {
    for (const script of ['backup', 'restore'] as const) {
      const result = await cli(script, ['--help'], sqliteUrl);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Usage: npm run db:${script} -- --${script === 'backup' ? 'out' : 'from'} FILE`);
    }
  });

  it('refuse a bad option, a missing --out or --from, a missing backup file, with one line and exit code 1', async () => {
    expectRefusal(await cli('backup', ['--outt', 'x'], sqliteUrl), 'backup', /unknown option --outt \(see --help\)/);
    expectRefusal(await cli('restore', ['--bogus'], sqliteUrl), 'restore', /unknown option --bogus/);
    expectRefusal(await cli('backup', [], sqliteUrl), 'backup', /--out FILE is required/);
    expectRefusal(await cli('restore', [], sqliteUrl), 'restore', /--from FILE is required/);
    const missing = join(dir, 'no-such.backup');
    expectRefusal(
      await cli('restore', ['--from', missing], sqliteUrl),
      'restore',
      /cannot read the backup file .*no-such\.backup: no such file/,
    );
    expectRefusal(
      await cli('backup', ['--out', join(dir, 'no-such-dir', 'x.backup')], sqliteUrl),
      'backup',
      /the directory .*no-such-dir does not exist/,
    );
    expectRefusal(
      await cli('backup', ['--out', join(dir, 'x.backup')], `sqlite:${join(dir, 'absent.db')}`),
      'backup',
      /there is no SQLite database at/,
    );
  });
});

describe('restore into an existing empty file; the PostgreSQL client tools', () => {
  it('restores into a SQLite file that exists in WAL mode but has no tables', async () => {
    const sourcePath = join(mkdtempSync(join(dir, 'empty-file-')), 'source.db');
    const source = await openDatabase({ kind: 'sqlite', path: sourcePath });
    await migrateToLatest(source.db);
    await source.close();
    const backup = `${sourcePath}.backup`;
    const taken = await backupDatabase({ kind: 'sqlite', path: sourcePath }, { out: backup });
    expect(taken.rowCounts.kysely_migration).toBeGreaterThan(0);

    const targetPath = join(dirname(sourcePath), 'empty.db');
    openSqliteFile(targetPath).close(); // exists, WAL, no tables: "empty"
    const restored = await restoreDatabase({ kind: 'sqlite', path: targetPath }, { from: backup });
    expect(restored.integrity).toMatch(/^ok/);
    expect(restored.rowCounts).toEqual(taken.rowCounts);
    expect(restored.migrations).toEqual(taken.migrations);
    expect(restored.pendingMigrations).toEqual([]);

    // A new file in a folder yet to be made, as DATABASE_URL=sqlite:data/tracker.db on a new host.
    const nested = await restoreDatabase(
      { kind: 'sqlite', path: join(dirname(sourcePath), 'new', 'tracker.db') },
      { from: backup },
    );
    expect(nested.rowCounts).toEqual(taken.rowCounts);
  });

  it("reads the client tools' major version, and says which to install when none fits", async () => {
    expect(toolMajorVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)')).toBe(15);
    expect(toolMajorVersion('pg_restore (PostgreSQL) 17.2')).toBe(17);
    expect(toolMajorVersion('something else')).toBeUndefined();
    await expect(findPgTool('pg_dump', 15, { PATH: '' }, join(dir, 'no-postgresql'))).rejects.toThrow(
      'pg_dump is not installed: install the PostgreSQL client tools (postgresql-client) 15 or newer',
    );
    const installed = await findPgTool('pg_dump', 0, { PATH: process.env.PATH }).catch(() => undefined);
    if (installed) {
      await expect(findPgTool('pg_dump', 99, { PATH: process.env.PATH })).rejects.toThrow(
        /^pg_dump \d+ is older than the server \(PostgreSQL 99\): install postgresql-client-99 or newer$/,
      );
    }
  });
});
