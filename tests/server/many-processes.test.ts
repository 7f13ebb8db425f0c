import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../db/connection';
import type { DialectName } from '../../db/dialect';
import { loadDatabaseTarget } from '../../db/database-url';
import { createScratchPostgres } from '../../db/scratch-database';
import { testDatabaseUrl } from '../../server/config';
import { meResponse } from '../../server/schemas/auth';
import { breakdownResponse, measureDetailResponse, metaResponse, summaryResponse } from '../../server/schemas/responses';
import type { BreakdownResponse, SummaryResponse } from '../../server/schemas/responses';
import {
  START_TIMEOUT_MS,
  call,
  killServers,
  sharedDatabase as sharedFixtureDatabase,
  signInOver,
  spawnServer,
  startServer as startServerProcess,
  waitForOutput,
} from '../support/server-process';
import type { SharedDatabase } from '../support/server-process';

// Several server processes on one database (issue 11, decision 017): two separate processes, and one
// WORKERS=2 cluster. Sessions live in the database, so a sign-in through one process is good on
// any; nothing that a write changes is cached per process, so a report filed through one shows in the
// figures and the detail on the very next request to another. Real processes, real HTTP; every request
// opens its own connection, so a cluster spreads them over its workers.
//
// On PostgreSQL when TEST_DATABASE_URL is set (the deployment this is for), and on one SQLite file
// (several processes on one host, WAL mode).

const ADMIN = 'admin@example.go.jp';

const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-processes-'));

afterAll(() => {
  killServers();
  rmSync(dir, { recursive: true, force: true });
});

const sharedDatabase = (dialect: DialectName) =>
  sharedFixtureDatabase(dialect, dir, [{ email: ADMIN, role: 'admin', displayName: 'Admin Taro' }]);
// Every read needs a session: a process that did not share them would answer 401.
const startServer = (databaseUrl: string, extra: Record<string, string> = {}) =>
  startServerProcess(dir, databaseUrl, { REQUIRE_LOGIN: 'true', ...extra });
const signIn = (base: string) => signInOver(base, ADMIN);

async function summary(base: string, cookie: string): Promise<SummaryResponse> {
  const res = await call(base, 'GET', '/api/v1/stats/summary', { cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return summaryResponse.parse(res.body);
}

async function fieldRow(base: string, cookie: string, field: string): Promise<BreakdownResponse['items'][number]> {
  const res = await call(base, 'GET', '/api/v1/stats/by-field', { cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const row = breakdownResponse.parse(res.body).items.find((i) => i.code === field);
  if (!row) throw new Error(`no ${field} row`);
  return row;
}

async function detail(base: string, cookie: string, code: string) {
  const res = await call(base, 'GET', `/api/v1/measures/${code}`, { cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const etag = res.headers.etag;
  if (typeof etag !== 'string') throw new Error(`GET ${code}: no ETag`);
  return { etag, measure: measureDetailResponse.parse(res.body) };
}

const DIALECTS: DialectName[] = testDatabaseUrl() ? ['postgres', 'sqlite'] : ['sqlite'];

if (!testDatabaseUrl()) {
  describe('many processes on PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is unset (set it to a PostgreSQL server to run these on PostgreSQL too)', () => {});
  });
}

describe.each(DIALECTS)('many server processes on one %s database', (dialect) => {
  let shared: SharedDatabase;

  beforeAll(async () => {
    shared = await sharedDatabase(dialect);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await shared?.drop();
  });

  it(
    'two processes share sessions, and a report filed through one shows on the very next request to the other',
    { timeout: 2 * START_TIMEOUT_MS },
    async () => {
      const [a, b] = await Promise.all([startServer(shared.url), startServer(shared.url)]);
      expect(a.url).not.toBe(b.url);

      // Signed in on A, known on B.
      expect((await call(b.url, 'GET', '/api/v1/stats/summary')).status).toBe(401);
      const cookie = await signIn(a.url);
      const me = await call(b.url, 'GET', '/api/v1/auth/me', { cookie });
      expect(meResponse.parse(me.body).user?.email).toBe(ADMIN);

      const summaryBefore = await summary(b.url, cookie);
      const fieldBefore = await fieldRow(b.url, cookie, 'digital-cyber');
      const before = await detail(b.url, cookie, 'FSA-0010');
      expect(before.measure.status).toBe('suspended');

      // The ETag B gave is good on A: one version counter, in the database.
      const filed = await call(a.url, 'POST', '/api/v1/measures/FSA-0010/reports', {
        cookie,
        ifMatch: before.etag,
        body: { status: 'in_progress', health: 'on_track', note: '再開しました。' },
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);

      const summaryAfter = await summary(b.url, cookie);
      expect(summaryAfter.total).toBe(summaryBefore.total);
      expect(summaryAfter.byStatus.suspended).toBe(summaryBefore.byStatus.suspended - 1);
      expect(summaryAfter.byStatus.in_progress).toBe(summaryBefore.byStatus.in_progress + 1);
      const fieldAfter = await fieldRow(b.url, cookie, 'digital-cyber');
      expect(fieldAfter.byStatus.suspended).toBe(fieldBefore.byStatus.suspended - 1);
      expect(fieldAfter.byStatus.in_progress).toBe(fieldBefore.byStatus.in_progress + 1);
      const after = await detail(b.url, cookie, 'FSA-0010');
      expect(after.measure.status).toBe('in_progress');
      expect(after.measure.version).toBe(before.measure.version + 1);
      expect(after.measure.reports).toHaveLength(before.measure.reports.length + 1);
      expect(after.measure.reports[0]).toMatchObject({ status: 'in_progress', note: '再開しました。', reporter: 'Admin Taro' });

      // B now refuses A's base version: the write is seen by the concurrency check too.
      const stale = await call(b.url, 'POST', '/api/v1/measures/FSA-0010/reports', {
        cookie,
        ifMatch: before.etag,
        body: { status: 'suspended', health: 'at_risk' },
      });
      expect(stale.status).toBe(412);

      // Signed out on B, gone on A.
      expect((await call(b.url, 'POST', '/api/v1/auth/logout', { cookie })).status).toBe(204);
      expect((await call(a.url, 'GET', '/api/v1/stats/summary', { cookie })).status).toBe(401);

      for (const s of [a, b]) s.child.kill('SIGTERM');
      expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    },
  );

  it(
    'a deadline added, renamed and retired through one process is seen by the other at its next request, and a restart keeps it (decision 026)',
    { timeout: 3 * START_TIMEOUT_MS },
    async () => {
      const [a, b] = await Promise.all([startServer(shared.url), startServer(shared.url)]);
      const cookie = await signIn(a.url);
      const meta = async (base: string) => {
        const res = await call(base, 'GET', '/api/v1/meta', { cookie });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return metaResponse.parse(res.body);
      };
      expect((await meta(b.url)).defaultDeadline).toBe('summer-2027');

      const created = await call(a.url, 'POST', '/api/v1/deadlines', {
        cookie,
        body: { code: 'summer-2028', nameJa: '成長戦略改訂（2028年夏）', nameEn: 'Summer 2028', date: '2028-06-30' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await meta(b.url)).deadlines.find((d) => d.code === 'summer-2028')).toMatchObject({ date: '2028-06-30' });

      const renamed = await call(b.url, 'PATCH', '/api/v1/deadlines/summer-2027', {
        cookie,
        body: { nameEn: 'Renamed through B', retired: true },
      });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      const seen = await meta(a.url);
      expect(seen.deadlines.find((d) => d.code === 'summer-2027')).toMatchObject({ nameEn: 'Renamed through B', retired: true });
      expect(seen.defaultDeadline).toBe('summer-2028');

      // A process started now writes the reference data again: nothing is resurrected or overwritten.
      const c = await startServer(shared.url);
      const restarted = await meta(c.url);
      expect(restarted.deadlines.find((d) => d.code === 'summer-2027')).toMatchObject({
        nameEn: 'Renamed through B',
        retired: true,
      });
      expect(restarted.defaultDeadline).toBe('summer-2028');

      // Left as the other tests expect it.
      const restored = await call(c.url, 'PATCH', '/api/v1/deadlines/summer-2027', {
        cookie,
        body: { nameEn: 'Growth strategy revision (summer 2027)', retired: false },
      });
      expect(restored.status).toBe(200);
      expect((await meta(a.url)).defaultDeadline).toBe('summer-2027');

      for (const s of [a, b, c]) s.child.kill('SIGTERM');
      expect(await Promise.all([a.exited, b.exited, c.exited])).toEqual([0, 0, 0]);
    },
  );

  it(
    'WORKERS=2: one port, two workers; a write is visible on every next request, a dead worker is replaced, SIGTERM stops all with 0',
    { timeout: 3 * START_TIMEOUT_MS },
    async () => {
      const server = await startServer(shared.url, { WORKERS: '2' });
      expect(server.output()).toMatch(/database: \w+, 2 workers\)/);
      const workers = [...server.output().matchAll(/Worker (\d+) listening/g)].map((m) => Number(m[1]));
      expect(new Set(workers).size).toBe(2);

      const cookie = await signIn(server.url);
      const summaryBefore = await summary(server.url, cookie);
      const before = await detail(server.url, cookie, 'ENV-0011');
      // Its health as of the real clock (the servers' own); the report below makes it off_track.
      const was = before.measure.health;
      expect(was).not.toBe('off_track');
      const filed = await call(server.url, 'POST', '/api/v1/measures/ENV-0011/reports', {
        cookie,
        ifMatch: before.etag,
        body: { status: 'in_progress', health: 'off_track', note: '遅延' },
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      // Each on a new connection, so both workers answer some of them.
      for (let i = 0; i < 4; i += 1) {
        const after = await summary(server.url, cookie);
        expect(after.byHealth[was]).toBe(summaryBefore.byHealth[was] - 1);
        expect(after.byHealth.off_track).toBe(summaryBefore.byHealth.off_track + 1);
        const now = await detail(server.url, cookie, 'ENV-0011');
        expect(now.measure.health).toBe('off_track');
        expect(now.etag).not.toBe(before.etag);
      }

      // A worker killed from outside is replaced; the server answers as before.
      const [victim] = workers;
      if (victim === undefined) throw new Error('no worker pid');
      process.kill(victim, 'SIGKILL');
      await waitForOutput(server, new RegExp(`worker ${victim} exited with signal SIGKILL; starting another in \\d+ ms`));
      await waitForOutput(server, /(?:Worker \d+ listening[\s\S]*){3}/);
      for (let i = 0; i < 4; i += 1) expect((await detail(server.url, cookie, 'ENV-0011')).measure.health).toBe('off_track');

      const current = [...server.output().matchAll(/Worker (\d+) listening/g)]
        .map((m) => Number(m[1]))
        .filter((pid) => pid !== victim);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      for (const pid of current) expect(() => process.kill(pid, 0)).toThrow();
    },
  );
});

describe('WORKERS, wrongly', () => {
  /** Runs the server expecting it to stop; resolves with its exit code and standard error. */
  function runToExit(extra: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: `sqlite:${join(dir, 'wrongly.db')}`,
      LOG_REQUESTS: 'false',
      CLIENT_DIR: join(dir, 'no-client'),
      ...extra,
    };
    delete env.NODE_OPTIONS;
    return new Promise((done) => {
      const child = spawnServer(env);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
      child.on('exit', (code) => {
        clearTimeout(timer);
        done({ code, stderr });
      });
    });
  }

  it('a bad WORKERS gives one line naming it and exit code 1', { timeout: START_TIMEOUT_MS }, async () => {
    const result = await runToExit({ WORKERS: '0', PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('measure-tracker: WORKERS must be a whole number from 1 to 64, got "0"');
  });

  it(
    'a port in use stops a cluster with one line (not one per worker) and exit code 1',
    { timeout: START_TIMEOUT_MS },
    async () => {
      const taken = createServer();
      await new Promise<void>((r) => taken.listen(0, '0.0.0.0', r));
      const address = taken.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      try {
        const result = await runToExit({ WORKERS: '3', PORT: String(port) });
        expect(result.code).toBe(1);
        expect(result.stderr.trim()).toBe(`measure-tracker: port ${port} is already in use (set PORT)`);
      } finally {
        await new Promise((r) => taken.close(r));
      }
    },
  );
});

describe.skipIf(!testDatabaseUrl())('DATABASE_POOL_MAX on PostgreSQL', () => {
  it('bounds the connections one process opens', { timeout: START_TIMEOUT_MS }, async () => {
    const scratch = await createScratchPostgres(testDatabaseUrl() ?? '', 'mt_test');
    try {
      const name = await scratch.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow();
      const url = new URL(testDatabaseUrl() ?? '');
      url.pathname = `/${name.name}`;
      const handle = await openDatabase(loadDatabaseTarget({ DATABASE_URL: url.toString(), DATABASE_POOL_MAX: '2' }));
      try {
        // Six queries at once that each hold their connection a moment: they queue for two.
        const rows = await Promise.all(
          Array.from({ length: 6 }, () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.2)`.execute(handle.db)),
        );
        const backends = new Set(rows.map((r) => r.rows[0]?.pid));
        expect(backends.size).toBe(2);
      } finally {
        await handle.close();
      }
    } finally {
      await scratch.drop();
    }
  });
});
