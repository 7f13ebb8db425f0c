import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createScratchPostgres } from '../../db/scratch-database';
import { testDatabaseUrl } from '../../server/config';

// The server as an operator runs it: real processes, real configuration, real exit codes.

const ROOT = resolve(import.meta.dirname, '../..');
// node itself with tsx's loader, not the tsx wrapper: killing a wrapper would orphan the server under it.
const SERVER_ARGS = ['--import', 'tsx', 'server/main.ts'];
const SEED_ARGS = ['--import', 'tsx', 'seeds/cli-seed.ts', '--if-empty'];
const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-main-'));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    LOG_REQUESTS: 'false',
    CLIENT_DIR: join(dir, 'no-client'),
    ...extra,
  };
  delete env.NODE_OPTIONS;
  return env;
}

/** Runs the server expecting it to exit; resolves with its exit code and output. */
function runToExit(extra: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, SERVER_ARGS, { cwd: ROOT, env: baseEnv(extra) });
    running.push(child);
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr, stdout });
    });
  });
}

/**
 * Starts what `npm start` starts after the build: the seed step (`seeds/cli-seed.ts --if-empty`),
 * then the server; resolves with the server's base URL once it listens. `output` is both processes' output.
 */
function startServer(extra: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  return new Promise((ready, fail) => {
    let output = '';
    const collect = (d: Buffer) => (output += d.toString());
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 90_000);
    const seed = spawn(process.execPath, SEED_ARGS, { cwd: ROOT, env: baseEnv(extra) });
    running.push(seed);
    seed.stdout.on('data', collect);
    seed.stderr.on('data', collect);
    seed.on('exit', (seedCode) => {
      if (seedCode !== 0) {
        clearTimeout(timer);
        fail(new Error(`the seed step exited with ${seedCode}:\n${output}`));
        return;
      }
      const child = spawn(process.execPath, SERVER_ARGS, { cwd: ROOT, env: baseEnv(extra) });
      running.push(child);
      const onData = (d: Buffer) => {
        collect(d);
        const match = /http:\/\/localhost:(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          ready({ url: `http://127.0.0.1:${match[1]}`, child, output: () => output });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`server exited with ${code}:\n${output}`));
      });
    });
  });
}

function expectOneCleanLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('bad configuration', () => {
  it('a malformed DATABASE_URL gives one line and exit code 1', async () => {
    const result = await runToExit({ DATABASE_URL: 'mysql://root@localhost/db' });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr, /DATABASE_URL/);
  });

  it('an unwritable SQLite path gives one line and exit code 1', async () => {
    const file = join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    const result = await runToExit({ DATABASE_URL: `sqlite:${file}/tracker.db` });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr, /Cannot open SQLite database at .*not-a-directory/);
  });

  it('an unreachable PostgreSQL gives one line and exit code 1', async () => {
    const result = await runToExit({ DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/tracker' });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr, /Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/tracker/);
    expect(result.stderr).not.toContain('secret');
  });

  it('a bad PORT gives one line and exit code 1', async () => {
    const result = await runToExit({ PORT: 'eighty' });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr, /PORT/);
  });
});

describe('starting on SQLite', () => {
  it(
    'two servers on one new file both serve, and the sample is seeded once; a restart does not re-seed',
    { timeout: 240_000 },
    async () => {
      const path = join(dir, 'shared.db');
      const env = { DATABASE_URL: `sqlite:${path}` };
      const [a, b] = await Promise.all([startServer(env), startServer(env)]);
      const health = await Promise.all([a, b].map(async (s) => (await fetch(`${s.url}/api/v1/health`)).json()));
      expect(health).toEqual([
        { status: 'ok', database: 'sqlite' },
        { status: 'ok', database: 'sqlite' },
      ]);
      const totals = await Promise.all(
        [a, b].map(async (s) => ((await (await fetch(`${s.url}/api/v1/measures`)).json()) as { total: number }).total),
      );
      expect(totals[0]).toBeGreaterThanOrEqual(150);
      expect(totals[1]).toBe(totals[0]);
      expect([a.output(), b.output()].filter((o) => o.includes('Seeded the illustrative sample data'))).toHaveLength(1);

      for (const s of [a, b]) s.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      const c = await startServer(env);
      expect(c.output()).not.toContain('Seeded');
      const again = (await (await fetch(`${c.url}/api/v1/measures`)).json()) as { total: number };
      expect(again.total).toBe(totals[0]);

      const handle = await openDatabase({ kind: 'sqlite', path });
      try {
        const runs = await handle.db.selectFrom('seed_runs').selectAll().execute();
        expect(runs).toHaveLength(1);
      } finally {
        await handle.close();
      }
    },
  );
});

describe.skipIf(!testDatabaseUrl())('starting on PostgreSQL', () => {
  it('two servers on one new database migrate and seed it exactly once', { timeout: 240_000 }, async () => {
    const scratch = await createScratchPostgres(testDatabaseUrl() ?? '', 'mt_test');
    try {
      const url = new URL(testDatabaseUrl() ?? '');
      url.pathname = `/${(await scratch.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow()).name}`;
      const env = { DATABASE_URL: url.toString() };
      const [a, b] = await Promise.all([startServer(env), startServer(env)]);
      const health = (await (await fetch(`${a.url}/api/v1/health`)).json()) as { database: string };
      expect(health.database).toBe('postgres');
      const totals = await Promise.all(
        [a, b].map(async (s) => ((await (await fetch(`${s.url}/api/v1/measures`)).json()) as { total: number }).total),
      );
      expect(totals[0]).toBeGreaterThanOrEqual(150);
      expect(totals[1]).toBe(totals[0]);
      expect(await scratch.db.selectFrom('seed_runs').selectAll().execute()).toHaveLength(1);
      for (const s of [a, b]) s.child.kill('SIGKILL');
    } finally {
      await scratch.drop();
    }
  });
});
