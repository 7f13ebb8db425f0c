import { spawn } from 'node:child_process';
import type { ChildProcess, ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import type { Agent } from 'node:http';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../db/connection';
import type { DatabaseHandle } from '../../db/connection';
import type { DialectName } from '../../db/dialect';
import { migrateToLatest } from '../../db/migrate';
import { ensureTaxonomy } from '../../db/reference-data';
import { createScratchPostgres } from '../../db/scratch-database';
import { loadTaxonomyIds, writeMeasures } from '../../seeds/measure-writer';
import { processEnvironment } from '../../db/environment';
import { testDatabaseUrl } from '../../server/config';
import { fixtureMeasures } from './fixture-measures';
import { TEST_PASSWORD, createTestUser } from './sessions';
import type { TestUserSpec } from './sessions';

// The real server (`server/main.ts`) as a child process over a database the test prepared, and plain
// HTTP to it: for what only a real process shows (several processes, signals, the wiring of main.ts).

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
// node itself with tsx's loader, not the tsx wrapper: a signal to a wrapper would not reach the server.
export const SERVER_ARGS = ['--import', 'tsx', 'server/main.ts'];
export const START_TIMEOUT_MS = 120_000;

export interface SharedDatabase {
  url: string;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

/** A new database holding the fixture measures and `users`, migrated here: the servers only open it. */
export async function sharedDatabase(dialect: DialectName, dir: string, users: readonly TestUserSpec[]): Promise<SharedDatabase> {
  let shared: SharedDatabase;
  if (dialect === 'postgres') {
    const serverUrl = testDatabaseUrl() ?? '';
    const scratch = await createScratchPostgres(serverUrl, 'mt_test');
    const name = await scratch.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow();
    const url = new URL(serverUrl);
    url.pathname = `/${name.name}`;
    shared = { url: url.toString(), handle: scratch, drop: () => scratch.drop() };
  } else {
    const path = join(mkdtempSync(join(dir, 'sqlite-')), 'shared.db');
    const handle = await openDatabase({ kind: 'sqlite', path });
    shared = { url: `sqlite:${path}`, handle, drop: () => handle.close() };
  }
  const { db } = shared.handle;
  await migrateToLatest(db);
  await ensureTaxonomy(db);
  const ids = await loadTaxonomyIds(db);
  await db.transaction().execute((trx) => writeMeasures(trx, fixtureMeasures(), ids));
  for (const user of users) await createTestUser(db, user);
  return shared;
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** How it ended: the code, or the signal that killed it. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: ChildProcess[] = [];

/** Starts `server/main.ts` with `env` as it is, for a test that expects it to stop; killed by killServers. */
export function spawnServer(env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, SERVER_ARGS, { cwd: REPO_ROOT, env, stdio: 'pipe' });
  running.push(child);
  return child;
}

/** Kills every server this module started that is still running (an afterAll's job). */
export function killServers(): void {
  // The whole cluster goes with its primary (the workers exit when their channel to it closes).
  for (const child of running.splice(0)) child.kill('SIGKILL');
}

/** Starts `server/main.ts` on a free port; resolves once it says where it listens. */
export function startServer(dir: string, databaseUrl: string, extra: Record<string, string> = {}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...processEnvironment(),
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_REQUESTS: 'false',
    CLIENT_DIR: join(dir, 'no-client'),
    DATABASE_POOL_MAX: '3',
    ...extra,
  };
  delete env.NODE_OPTIONS;
  if (extra.WORKERS === undefined) delete env.WORKERS;
  return new Promise((ready, fail) => {
    const child = spawnServer(env);
    let output = '';
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    );
    const exited = ended.then(({ code }) => code);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server did not start:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /Measure Tracker on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        ready({ url: `http://127.0.0.1:${match[1]}`, port: Number(match[1]), child, output: () => output, exited, ended });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void ended.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code ?? signal}:\n${output}`));
    });
  });
}

/** Resolves once the server's output matches `pattern` (generous: the machine may be busy). */
export async function waitForOutput(server: ServerProcess, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const match = pattern.exec(server.output());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface CallOptions {
  cookie?: string;
  ifMatch?: string;
  body?: unknown;
  /** A keep-alive agent to send it on; by default a connection of its own (a cluster may hand it to any worker). */
  agent?: Agent;
}

/** One HTTP request; a JSON answer is parsed, any other kept as text. */
export function call(
  base: string,
  method: string,
  path: string,
  { cookie, ifMatch, body, agent }: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (ifMatch) headers['if-match'] = ifMatch;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return new Promise((done, fail) => {
    const req = request(new URL(path, base), { method, headers, agent: agent ?? false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let parsed: unknown = text;
        if ((res.headers['content-type'] ?? '').includes('json') && text) parsed = JSON.parse(text);
        done({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', fail);
    req.end(payload);
  });
}

/** Signs in over HTTP and returns the session's Cookie header value. */
export async function signInOver(base: string, email: string): Promise<string> {
  const res = await call(base, 'POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
  // Also run outside vitest (bench/soak.ts through tests/support/report-writers.ts): no expect here.
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  const setCookie = [res.headers['set-cookie'] ?? []].flat().join('; ');
  const match = /(mt_session=[^;]+)/.exec(setCookie);
  if (!match?.[1]) throw new Error(`no session cookie: ${setCookie}`);
  return match[1];
}
