import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { Server as HttpServer } from 'node:http';
import { Server as NetServer } from 'node:net';
import { serve } from '@hono/node-server';
import { DatabaseOpenError, openDatabase } from '../db/connection';
import type { DatabaseHandle } from '../db/connection';
import { ConfigError } from '../db/database-url';
import { migrateToLatest } from '../db/migrate';
import { ensureTaxonomy } from '../db/reference-data';
import { loadConfig } from './config';
import type { AppConfig } from './config';
import { clusterExposition, serveClusterMetrics } from './cluster-metrics';
import { createLifecycle } from './lifecycle';
import { createMetrics } from './metrics';
import type { Metrics } from './metrics';

// The server of `npm start`: configure, open and migrate the database, write the reference data,
// then serve the API and the built client on one port. The sample data is not the server's business:
// `npm start` seeds an empty database first (seeds/cli-seed.ts --if-empty), so server/ never imports seeds/.
//
// WORKERS=N (decision 017): with N > 1 this process is a node:cluster primary that migrates and writes
// the reference data once, then forks N workers that only open the database and serve on the shared
// port; a worker that dies is replaced. With N = 1 (the default) it is one plain process, as before.

function fail(message: string): never {
  process.stderr.write(`measure-tracker: ${message}\n`);
  process.exit(1);
}

function describeStartupError(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DatabaseOpenError) return error.message;
  return `start-up failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** A worker's one-line reason for giving up, sent to the primary so that N workers print it once. */
interface FatalMessage {
  type: 'fatal';
  message: string;
}

function isFatalMessage(value: unknown): value is FatalMessage {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === 'fatal' && 'message' in value;
}

async function migrate(handle: DatabaseHandle): Promise<void> {
  const applied = await migrateToLatest(handle.db);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  await ensureTaxonomy(handle.db);
}

/** How long the requests in flight get to finish after SIGTERM before the process exits anyway. */
const DRAIN_TIMEOUT_MS = 10_000;
/**
 * How long idle keep-alive connections stay open after SIGTERM: a request already on its way on one is
 * answered (the health check with 503 `draining`) rather than reset; then they are closed.
 */
const DRAIN_IDLE_GRACE_MS = 2_000;

/** The process's metrics and the database opened to report its queries to them (decision 020). */
async function openMeasured(config: AppConfig): Promise<{ handle: DatabaseHandle; metrics: Metrics }> {
  const metrics = createMetrics();
  const handle = await openDatabase(config.database, {
    onQuery: (event) => metrics.observeQuery(event.durationMs / 1000, event.failed),
  });
  metrics.watchPool(() => handle.pool());
  return { handle, metrics };
}

/**
 * Serves the app on the configured port (shared by all workers under a cluster primary). `onFatal`
 * reports a problem that stops this process (the port in use) and does not return.
 */
async function serveApp(
  config: AppConfig,
  handle: DatabaseHandle,
  metrics: Metrics,
  onFatal: (message: string) => void,
  onListening: (port: number) => void,
): Promise<void> {
  // Loaded here, not at the top: evaluating the app's modules is most of the start-up time, and a
  // cluster primary, which never serves, need not pay it before it forks the workers.
  const { createApp } = await import('./app');
  const lifecycle = createLifecycle();
  const app = createApp({
    db: handle.db,
    dialect: handle.dialect,
    clientDir: config.clientDir,
    auth: config.auth,
    metrics,
    metricsPublic: config.metricsPublic,
    lifecycle,
    ...(config.writeRateLimit > 0 ? { writeRateLimit: { perMinute: config.writeRateLimit } } : {}),
    // One JSON line per request, written straight to stdout (console.log formats its arguments first).
    log: config.logRequests ? (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`) : undefined,
  });
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => onListening(info.port));
  server.on('error', (error: NodeJS.ErrnoException) => {
    void handle.close();
    onFatal(error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : error.message);
  });

  // Graceful stop (issue 12 item 5, decision 020): stop listening, answer what is in flight (every
  // answer now says Connection: close, the health check 503 draining), then close the database and exit 0.
  let exiting = false;
  const exit = () => {
    if (exiting) return;
    exiting = true;
    void handle
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  const stop = () => {
    if (lifecycle.draining()) return;
    lifecycle.startDraining();
    // net.Server's close, not http.Server's: that one also drops the idle keep-alive connections at
    // once, resetting a request a client is sending on one at this very moment.
    NetServer.prototype.close.call(server, exit);
    // serve() makes a plain HTTP/1.1 server here (no http2 option); the check keeps the types honest.
    const http = server instanceof HttpServer ? server : undefined;
    setTimeout(() => http?.closeIdleConnections(), DRAIN_IDLE_GRACE_MS).unref();
    setTimeout(() => {
      http?.closeAllConnections();
      exit();
    }, DRAIN_TIMEOUT_MS).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function runSingle(config: AppConfig): Promise<void> {
  let handle: DatabaseHandle | undefined;
  try {
    const measured = await openMeasured(config);
    handle = measured.handle;
    await migrate(handle);
    const dialect = handle.dialect;
    await serveApp(config, handle, measured.metrics, fail, (port) => {
      console.log(`Measure Tracker on http://localhost:${port} (API at /api/v1, database: ${dialect})`);
    });
  } catch (error) {
    await handle?.close().catch(() => undefined);
    fail(describeStartupError(error));
  }
}

/** A cluster worker: the primary has migrated, so it only opens the database and serves. */
async function runWorker(): Promise<void> {
  const giveUp = (message: string) => {
    // Exit only once the primary has the reason: it prints it (once for all workers) and decides.
    if (process.send) process.send({ type: 'fatal', message } satisfies FatalMessage, () => process.exit(1));
    else fail(message);
  };
  // The primary gone (killed), the channel to it fails: nothing is left to serve for.
  cluster.worker?.on('error', () => process.exit(1));
  let handle: DatabaseHandle | undefined;
  try {
    const config = loadConfig();
    const measured = await openMeasured(config);
    handle = measured.handle;
    // A scrape answered by this worker gives the whole cluster's figures (server/cluster-metrics.ts).
    measured.metrics.exposeThrough(clusterExposition(measured.metrics.registry));
    await serveApp(config, handle, measured.metrics, giveUp, () => undefined);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    giveUp(describeStartupError(error));
  }
}

/** The first wait before replacing a worker that died, doubled for each further death soon after, up to the cap. */
const RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that died longer ago than this after the previous death starts the back-off afresh. */
const RESTART_CALM_MS = 60_000;
/** How long the workers get to finish their requests on SIGTERM (their own drain, and closing) before they are killed. */
const STOP_GRACE_MS = DRAIN_TIMEOUT_MS + 2_000;

async function runPrimary(config: AppConfig): Promise<void> {
  // Migrations and reference data once, here, so that N workers do not race to apply them.
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase(config.database);
    await migrate(handle);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    fail(describeStartupError(error));
  }
  const dialect = handle.dialect;
  await handle.close();

  const live = new Set<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  let listening = 0;
  let started = false;
  let stopping = false;
  let restartDelay = 0;
  let lastDeathAt = 0;
  let failure: string | undefined;

  const finish = () => (failure === undefined ? process.exit(0) : fail(failure));
  /**
   * Gives up on start-up: the other workers are killed first (they have served nothing yet), so none
   * of them is left writing to the terminal after the one line that says why.
   */
  const failAfterWorkers = (message: string) => {
    if (stopping) return;
    stopping = true;
    failure = message;
    if (live.size === 0) finish();
    for (const worker of live) worker.process.kill('SIGKILL');
  };

  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
  };

  cluster.on('listening', (worker, address) => {
    console.log(`Worker ${worker.process.pid} listening`);
    listening += 1;
    if (!started && listening === config.workers) {
      started = true;
      console.log(
        `Measure Tracker on http://localhost:${address.port} (API at /api/v1, database: ${dialect}, ${config.workers} workers)`,
      );
    }
  });

  cluster.on('message', (worker, message: unknown) => {
    if (!isFatalMessage(message)) return;
    // During start-up the problem is the configuration's or the port's: every worker would hit it.
    if (!started && !stopping) return failAfterWorkers(message.message);
    console.error(`measure-tracker: worker ${worker.process.pid}: ${message.message}`);
  });

  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    if (stopping) {
      if (live.size === 0) finish();
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!started) {
      // Its reason, if it sent one, arrives before the channel closes; only then is this a silent death.
      const decide = () => failAfterWorkers(`a worker exited with ${how} during start-up`);
      if (worker.isConnected()) worker.once('disconnect', decide);
      else decide();
      return;
    }
    const now = Date.now();
    restartDelay = now - lastDeathAt > RESTART_CALM_MS ? RESTART_DELAY_MS : Math.min(MAX_RESTART_DELAY_MS, restartDelay * 2);
    lastDeathAt = now;
    console.error(`measure-tracker: worker ${worker.process.pid} exited with ${how}; starting another in ${restartDelay} ms`);
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, restartDelay);
    restarts.add(timer);
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    if (live.size === 0) finish();
    for (const worker of live) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of live) worker.process.kill('SIGKILL');
      process.exit(0);
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  serveClusterMetrics();
  for (let i = 0; i < config.workers; i += 1) fork();
}

async function main(): Promise<void> {
  if (cluster.isWorker) return runWorker();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    fail(describeStartupError(error));
  }
  return config.workers === 1 ? runSingle(config) : runPrimary(config);
}

void main();
