import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../db/dialect';
import { testDatabaseUrl } from '../../server/config';
import { createMetrics } from '../../server/metrics';
import { errorResponse } from '../../server/schemas/responses';
import { fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import { START_TIMEOUT_MS, call, killServers, sharedDatabase, signInOver, startServer } from '../support/server-process';
import type { ServerProcess, SharedDatabase } from '../support/server-process';

// GET /api/v1/metrics (issue 12 item 7, decision 020), on the real server: Prometheus text with the
// requests and their latency per route and status, the database's query times (and pool, on
// PostgreSQL), the response cache and the process; for administrators, or everyone with METRICS_PUBLIC.

const ADMIN = 'admin@example.go.jp';
const LEAD = 'meti-lead@example.go.jp';
const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-metrics-'));
const DIALECTS: DialectName[] = testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];

afterAll(() => {
  killServers();
  rmSync(dir, { recursive: true, force: true });
});

/** The value of the sample `name{labels}` (labels in any order), or undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) return Number(match[3]);
  }
  return undefined;
}

describe.each(DIALECTS)('metrics on %s', (dialect) => {
  let shared: SharedDatabase;
  let server: ServerProcess;
  beforeAll(async () => {
    shared = await sharedDatabase(dialect, dir, [
      { email: ADMIN, role: 'admin' },
      { email: LEAD, role: 'ministry_lead', ministry: 'meti' },
    ]);
    server = await startServer(dir, shared.url);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await shared?.drop();
  });

  it('are for administrators: 401 without a session, 403 for a lead', async () => {
    const anonymous = await call(server.url, 'GET', '/api/v1/metrics');
    expect(anonymous.status).toBe(401);
    const lead = await call(server.url, 'GET', '/api/v1/metrics', { cookie: await signInOver(server.url, LEAD) });
    expect(lead.status).toBe(403);
    expect(errorResponse.parse(lead.body).error.code).toBe('forbidden');
  });

  it('count requests and their latency per route pattern and status, queries, cache hits, pool and memory', async () => {
    const cookie = await signInOver(server.url, ADMIN);
    for (const code of ['METI-0001', 'ENV-0011', 'METI-0001']) {
      expect((await call(server.url, 'GET', `/api/v1/measures/${code}`)).status).toBe(200);
    }
    expect((await call(server.url, 'GET', '/api/v1/measures/NOPE-9999')).status).toBe(404);
    for (let i = 0; i < 3; i += 1) expect((await call(server.url, 'GET', '/api/v1/stats/summary')).status).toBe(200);

    const res = await call(server.url, 'GET', '/api/v1/metrics', { cookie });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = String(res.body);

    const route = { method: 'GET', route: '/api/v1/measures/:code' };
    // One series per pattern: three codes answered 200 are one count of three, not three series.
    expect(sample(text, 'measure_tracker_http_requests_total', { ...route, status: '200' })).toBe(3);
    expect(sample(text, 'measure_tracker_http_requests_total', { ...route, status: '404' })).toBe(1);
    expect(sample(text, 'measure_tracker_http_request_duration_seconds_count', { ...route, status: '200' })).toBe(3);
    expect(sample(text, 'measure_tracker_http_request_duration_seconds_bucket', { ...route, status: '200', le: '+Inf' })).toBe(3);
    expect(text).not.toContain('METI-0001');
    expect(
      sample(text, 'measure_tracker_http_requests_total', { method: 'GET', route: '/api/v1/stats/summary', status: '200' }),
    ).toBe(3);
    expect(sample(text, 'measure_tracker_db_query_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(5);
    expect(sample(text, 'measure_tracker_response_cache_hits_total')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'measure_tracker_response_cache_misses_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'measure_tracker_process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(sample(text, 'measure_tracker_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    if (dialect === 'postgres') {
      expect(sample(text, 'measure_tracker_db_pool_connections', { state: 'max' })).toBe(3);
      expect(sample(text, 'measure_tracker_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    } else {
      expect(sample(text, 'measure_tracker_db_pool_connections', { state: 'max' })).toBeUndefined();
    }

    // The scrape itself is counted by the next one.
    const again = String((await call(server.url, 'GET', '/api/v1/metrics', { cookie })).body);
    expect(sample(again, 'measure_tracker_http_requests_total', { method: 'GET', route: '/api/v1/metrics', status: '200' })).toBe(
      1,
    );
  });

  it.runIf(dialect === 'sqlite')(
    'with WORKERS=2 a scrape answers for the whole cluster, whichever worker takes it',
    { timeout: 2 * START_TIMEOUT_MS },
    async () => {
      const cluster = await startServer(dir, shared.url, { WORKERS: '2', METRICS_PUBLIC: 'true' });
      try {
        // Each on a connection of its own: the primary hands them to both workers.
        for (let i = 0; i < 8; i += 1) expect((await call(cluster.url, 'GET', '/api/v1/measures/METI-0001')).status).toBe(200);
        for (let i = 0; i < 3; i += 1) {
          const text = String((await call(cluster.url, 'GET', '/api/v1/metrics')).body);
          const route = { method: 'GET', route: '/api/v1/measures/:code', status: '200' };
          expect(sample(text, 'measure_tracker_http_requests_total', route)).toBe(8);
          expect(
            sample(text, 'measure_tracker_http_requests_total', { method: 'GET', route: '/api/v1/metrics', status: '200' }) ?? 0,
          ).toBe(i);
        }
      } finally {
        cluster.child.kill('SIGTERM');
        await cluster.exited;
      }
    },
  );

  it('are open to everyone with METRICS_PUBLIC=true, even under REQUIRE_LOGIN=true', async () => {
    const open = await startServer(dir, shared.url, { METRICS_PUBLIC: 'true', REQUIRE_LOGIN: 'true' });
    try {
      const res = await call(open.url, 'GET', '/api/v1/metrics');
      expect(res.status).toBe(200);
      expect(String(res.body)).toContain('measure_tracker_http_requests_total');
      // Nothing else opened with it.
      expect((await call(open.url, 'GET', '/api/v1/stats/summary')).status).toBe(401);
    } finally {
      open.child.kill('SIGTERM');
      await open.exited;
    }
  });
});

describe('the route label', () => {
  it('is the pattern that would have answered when a middleware refused first, and never a raw path', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const t = await createTestApp('sqlite', { measures: fixtureMeasures(), operations: { metrics, metricsPublic: true } });
    try {
      const json = { 'content-type': 'application/json' };
      // 401 from the route's guard, 413 from the body limit (before the session is even looked up).
      await t.app.request('/api/v1/measures/METI-0001/reports', { method: 'POST', headers: json, body: '{}' });
      await t.app.request('/api/v1/measures/METI-0001/reports', {
        method: 'POST',
        headers: { ...json, 'content-length': String(2 * 1024 * 1024) },
        body: '{}',
      });
      await t.app.request('/api/v1/users');
      await t.app.request('/api/v1/no/such/route/METI-0001');
      await t.app.request('/measures/METI-0001');
      const text = (await metrics.exposition()).body;
      const reports = { method: 'POST', route: '/api/v1/measures/:code/reports' };
      expect(sample(text, 'measure_tracker_http_requests_total', { ...reports, status: '401' })).toBe(1);
      expect(sample(text, 'measure_tracker_http_requests_total', { ...reports, status: '413' })).toBe(1);
      expect(sample(text, 'measure_tracker_http_requests_total', { method: 'GET', route: '/api/v1/users', status: '401' })).toBe(
        1,
      );
      expect(sample(text, 'measure_tracker_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
      expect(sample(text, 'measure_tracker_http_requests_total', { method: 'GET', route: 'pages' })).toBe(1);
      expect(text).not.toContain('METI-0001');
    } finally {
      await t.drop();
    }
  });
});
