import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolStats } from '../db/connection';
import type { CacheStats } from './services/response-cache';

// What the server tells Prometheus (issue 12 item 7, decision 020): requests and their latency per route
// and status, database query timings and the connection pool, the response cache, and the process
// (memory, CPU, event-loop lag: prom-client's default metrics). One registry per app, never the global
// one, so that two apps in one test process do not share counts.

export interface Metrics {
  registry: Registry;
  /** One answered request: `route` is the matched pattern (`/api/v1/measures/:code`), never the raw path. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** One database query, from the connection's query log (db/connection.ts `onQuery`). */
  observeQuery(seconds: number, failed: boolean): void;
  /** The response cache whose hits and misses are reported (set by createApp). */
  watchCache(stats: () => CacheStats): void;
  /** The database pool to report (set where the database is opened). */
  watchPool(stats: () => PoolStats | null): void;
  /** The Prometheus text exposition of everything above. */
  exposition(): Promise<{ contentType: string; body: string }>;
  /** Answers scrapes from `source` instead: a cluster worker answers with the whole cluster's metrics. */
  exposeThrough(source: () => Promise<{ contentType: string; body: string }>): void;
}

/** Seconds: from a cached answer (well under a millisecond) to an export at 100,000 measures. */
const REQUEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const QUERY_BUCKETS = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  // Off in tests that build many apps: the default collectors keep timers of their own.
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'measure_tracker_' });

  const requests = new Counter({
    name: 'measure_tracker_http_requests_total',
    help: 'HTTP requests answered, by method, matched route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'measure_tracker_http_request_duration_seconds',
    help: 'Time from receiving a request to its answer being ready, by method, matched route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const queries = new Histogram({
    name: 'measure_tracker_db_query_duration_seconds',
    help: 'Database query time as the driver reports it, by outcome',
    labelNames: ['outcome'] as const,
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });

  let cacheStats: (() => CacheStats) | undefined;
  let source: (() => Promise<{ contentType: string; body: string }>) | undefined;
  let poolStats: (() => PoolStats | null) | undefined;
  // Read when scraped, so that nothing on the request path pays for them.
  // Counters read from the cache's own running totals: the increase since the last scrape is added.
  const cacheCounter = (name: string, help: string, read: (stats: CacheStats) => number) => {
    let seen = 0;
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = cacheStats ? read(cacheStats()) : 0;
        if (now > seen) this.inc(now - seen);
        seen = Math.max(seen, now);
      },
    });
  };
  cacheCounter(
    'measure_tracker_response_cache_hits_total',
    'Answers served from the data-version response cache (decision 019)',
    (s) => s.hits,
  );
  cacheCounter(
    'measure_tracker_response_cache_misses_total',
    'Cacheable answers computed because the cache did not hold them',
    (s) => s.misses,
  );
  new Gauge({
    name: 'measure_tracker_response_cache_entries',
    help: 'Answers the response cache holds now',
    registers: [registry],
    collect() {
      this.set(cacheStats?.().entries ?? 0);
    },
  });
  new Gauge({
    name: 'measure_tracker_response_cache_bytes',
    help: 'Bytes of the answers the response cache holds now',
    registers: [registry],
    collect() {
      this.set(cacheStats?.().bytes ?? 0);
    },
  });
  new Gauge({
    name: 'measure_tracker_db_pool_connections',
    help: 'PostgreSQL pool connections by state (max, total, idle) and queries waiting for one; absent on SQLite',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = poolStats?.();
      this.reset();
      if (!pool) return;
      this.set({ state: 'max' }, pool.max);
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
    observeQuery(seconds, failed) {
      queries.observe({ outcome: failed ? 'error' : 'ok' }, seconds);
    },
    watchCache(stats) {
      cacheStats = stats;
    },
    watchPool(stats) {
      poolStats = stats;
    },
    async exposition() {
      if (source) return source();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    exposeThrough(next) {
      source = next;
    },
  };
}
