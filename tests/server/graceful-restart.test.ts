import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../db/dialect';
import { testDatabaseUrl } from '../../server/config';
import { measureDetailResponse } from '../../server/schemas/responses';
import { START_TIMEOUT_MS, call, killServers, sharedDatabase, signInOver, startServer } from '../support/server-process';
import type { SharedDatabase } from '../support/server-process';

// Graceful restarts (issue 12 item 5, decision 020): on SIGTERM the server stops accepting connections,
// answers the requests in flight, says `503 draining` to a health check on a connection still open,
// closes the database and exits 0 — and a request in flight when the signal came is not lost.

const LEAD = 'meti-lead@example.go.jp';
const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-graceful-'));
const DIALECTS: DialectName[] = testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];

afterAll(() => {
  killServers();
  rmSync(dir, { recursive: true, force: true });
});

/** True once a new TCP connection to the port is refused: the server has stopped listening. */
async function refusesConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Slow {
  /** Sends the rest of the body. */
  finish(): void;
  answer: Promise<{ status: number; body: string }>;
}

/** A request whose body is sent in two parts: it is in flight, on its own connection, until finish(). */
function slowRequest(port: number, path: string, headers: Record<string, string>, body: string): Slow {
  const bytes = Buffer.from(body);
  let finish = () => undefined as void;
  const answer = new Promise<{ status: number; body: string }>((done, fail) => {
    const req = request(
      {
        port,
        host: '127.0.0.1',
        path,
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': String(bytes.length) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', fail);
    req.write(bytes.subarray(0, 10));
    finish = () => void req.end(bytes.subarray(10));
  });
  return { finish: () => finish(), answer };
}

describe.each(DIALECTS)('graceful restart on %s', (dialect) => {
  let shared: SharedDatabase;
  beforeAll(async () => {
    shared = await sharedDatabase(dialect, dir, [{ email: LEAD, role: 'ministry_lead', ministry: 'meti', displayName: 'Lead' }]);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await shared?.drop();
  });

  it(
    'SIGTERM: no new connections, 503 draining on an open one, the report in flight answered and kept, exit 0',
    { timeout: 3 * START_TIMEOUT_MS },
    async () => {
      const server = await startServer(dir, shared.url);
      const cookie = await signInOver(server.url, LEAD);
      const before = await call(server.url, 'GET', '/api/v1/measures/METI-0001', { cookie });
      const etag = String(before.headers.etag);
      const reportsBefore = measureDetailResponse.parse(before.body).reports.length;

      // A keep-alive connection, open and idle when the signal comes.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const healthy = await call(server.url, 'GET', '/api/v1/health', { agent });
      expect(healthy.status).toBe(200);
      expect(healthy.body).toEqual({ status: 'ok', database: dialect });

      const note = `filed while the server was stopping (${dialect})`;
      const slow = slowRequest(
        server.port,
        '/api/v1/measures/METI-0001/reports',
        { cookie, 'if-match': etag, 'content-type': 'application/json' },
        JSON.stringify({ status: 'in_progress', health: 'on_track', note }),
      );
      // The server has the request (its headers and the start of its body) before the signal.
      await new Promise((r) => setTimeout(r, 200));
      server.child.kill('SIGTERM');
      await until(() => refusesConnections(server.port), 'the server stops listening');

      const draining = await call(server.url, 'GET', '/api/v1/health', { agent });
      expect(draining.status).toBe(503);
      expect(draining.body).toEqual({ status: 'draining', database: dialect });
      expect(draining.headers.connection).toBe('close');

      slow.finish();
      const filed = await slow.answer;
      expect(filed.status, filed.body).toBe(201);
      expect(await server.exited).toBe(0);
      agent.destroy();

      // Nothing lost: the next server on the same database has the report.
      const next = await startServer(dir, shared.url);
      const after = await call(next.url, 'GET', '/api/v1/measures/METI-0001', { cookie });
      const reports = measureDetailResponse.parse(after.body).reports;
      expect(reports).toHaveLength(reportsBefore + 1);
      expect(reports[0]?.note).toBe(note);
      next.child.kill('SIGTERM');
      expect(await next.exited).toBe(0);
    },
  );

  it.runIf(dialect === 'sqlite')(
    'a request that never finishes does not hold the process: it exits 0 after the 10 s drain',
    { timeout: 2 * START_TIMEOUT_MS },
    async () => {
      const server = await startServer(dir, shared.url);
      const stuck = slowRequest(
        server.port,
        '/api/v1/auth/login',
        { 'content-type': 'application/json' },
        JSON.stringify({ email: LEAD, password: 'x' }),
      );
      stuck.answer.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const waited = Date.now() - signalled;
      expect(waited).toBeGreaterThanOrEqual(9_000);
      expect(waited).toBeLessThan(30_000);
    },
  );
});
