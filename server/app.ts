import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/dialect';
import type { Database } from '../db/schema';
import type { AppDeps, AppEnv } from './app-env';
import { sessionMiddleware, writeGuard } from './auth/session-middleware';
import { DEFAULT_AUTH_CONFIG } from './config';
import type { AuthConfig } from './config';
import { ApiError, RetryLaterError } from './errors';
import { createLifecycle } from './lifecycle';
import type { Lifecycle } from './lifecycle';
import { createMetrics } from './metrics';
import type { Metrics } from './metrics';
import { apiBodyLimit, writeRateLimit } from './request-limits';
import type { WriteRateLimit } from './request-limits';
import { redactLogEntry, redactPathAndQuery } from './log-redaction';
import { securityHeaders } from './security-headers';
import type { ErrorResponse } from './schemas/responses';
import { createTaxonomyCache } from './repositories/taxonomy-repository';
import { createFrameMemo, createResponseCache } from './services/response-cache';
import type { AllChanges } from './services/changes-service';
import { auditRoutes } from './routes/audit-routes';
import { changesRoutes } from './routes/changes-routes';
import { authRoutes } from './routes/auth-routes';
import { editionsRoutes } from './routes/editions-routes';
import { exportsRoutes } from './routes/exports-routes';
import { healthRoutes } from './routes/health-routes';
import { importsRoutes } from './routes/imports-routes';
import { kpisRoutes } from './routes/kpis-routes';
import { measuresRoutes } from './routes/measures-routes';
import { metaRoutes } from './routes/meta-routes';
import { metricsRoutes } from './routes/metrics-routes';
import { milestonesRoutes } from './routes/milestones-routes';
import { deadlinesRoutes, meetingsRoutes } from './routes/reference-data-routes';
import { docsRoutes, openApiRoutes } from './routes/openapi-routes';
import { reportsRoutes } from './routes/reports-routes';
import { roundsRoutes } from './routes/rounds-routes';
import { statsRoutes } from './routes/stats-routes';
import { usersRoutes } from './routes/users-routes';

export interface CreateAppOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The built client to serve beside the API; omitted in API tests. */
  clientDir?: string;
  /** Sign-in policy; defaults to public reading with 2 h idle / 12 h absolute sessions. */
  auth?: AuthConfig;
  /** Called once per request with a structured log line. */
  log?: (entry: Record<string, unknown>) => void;
  /** Writes per user per minute (WRITE_RATE_LIMIT); omitted, writes are not rate-limited (most tests). */
  writeRateLimit?: WriteRateLimit;
  /** The process's metrics; main.ts makes them before opening the database, to time its queries. */
  metrics?: Metrics;
  /** METRICS_PUBLIC=true: GET /metrics for everyone, not only administrators. */
  metricsPublic?: boolean;
  /** Set draining by main.ts on SIGTERM; tests drive it directly. */
  lifecycle?: Lifecycle;
}

function createApi(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route('/health', healthRoutes(deps))
    .route('/metrics', metricsRoutes(deps))
    .route('/auth', authRoutes(deps))
    .route('/audit', auditRoutes(deps))
    .route('/meta', metaRoutes(deps))
    .route('/measures', measuresRoutes(deps))
    .route('/milestones', milestonesRoutes(deps))
    .route('/kpis', kpisRoutes(deps))
    .route('/stats', statsRoutes(deps))
    .route('/users', usersRoutes(deps))
    .route('/deadlines', deadlinesRoutes(deps))
    .route('/meetings', meetingsRoutes(deps))
    .route('/openapi.json', openApiRoutes())
    .route('/imports', importsRoutes(deps))
    .route('/exports', exportsRoutes(deps))
    .route('/rounds', roundsRoutes(deps))
    .route('/reports', reportsRoutes(deps))
    .route('/changes', changesRoutes(deps))
    .route('/editions', editionsRoutes(deps));
}

/** The typed shape of the API, for the client's `hc<AppType>()`. */
export type AppType = ReturnType<typeof createApi>;

export function createApp(options: CreateAppOptions) {
  const now = options.now ?? (() => new Date());
  const metrics = options.metrics ?? createMetrics({ processMetrics: false });
  const lifecycle = options.lifecycle ?? createLifecycle();
  const deps: AppDeps = {
    db: options.db,
    dialect: options.dialect,
    taxonomy: createTaxonomyCache(options.db),
    now,
    auth: options.auth ?? DEFAULT_AUTH_CONFIG,
    responseCache: createResponseCache({ db: options.db, now }),
    // Bounded by items: the changes of a whole year at 100,000 measures run to hundreds of thousands.
    changesMemo: createFrameMemo<AllChanges>({ capacity: 16, maxWeight: 50_000, weigh: (answer) => answer.items.length }),
    lifecycle,
    metrics,
    metricsPublic: options.metricsPublic ?? false,
  };
  metrics.watchCache(() => deps.responseCache.stats());
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    // A proxy's request id is kept so that its logs and ours line up, but only a plain token: it is
    // echoed in a header and written to the log.
    const incomingId = c.req.header('x-request-id');
    const requestId = incomingId && REQUEST_ID_PATTERN.test(incomingId) ? incomingId : randomUUID();
    c.set('requestId', requestId);
    // Before the handler, so that the answer is built with it (server/security-headers.ts says why).
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // Draining for a restart: the client is to open its next connection elsewhere (decision 020).
    if (lifecycle.draining()) c.header('Connection', 'close');
    // By the matched pattern, never the raw path: one series per route, whatever the codes asked for.
    metrics.observeRequest(c.req.method, metricsRoute(c), c.res.status, seconds);
    if (!options.log) return;
    // One line per request; never the Cookie header, a password or a token (query values are redacted).
    const user = c.get('user');
    options.log(
      redactLogEntry({
        time: new Date().toISOString(),
        level: 'info',
        requestId,
        method: c.req.method,
        path: redactPathAndQuery(c.req.url),
        status: c.res.status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(user ? { userId: user.id } : {}),
      }),
    );
  });
  app.use('*', securityHeaders());
  app.use('/api/*', apiBodyLimit());
  app.use('/api/*', writeGuard());
  app.use('*', sessionMiddleware(deps));
  if (options.writeRateLimit) app.use('/api/*', writeRateLimit(options.writeRateLimit, now));

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      if (error instanceof RetryLaterError) c.header('Retry-After', String(error.retryAfterSeconds));
      const body: ErrorResponse = { error: { code: error.code, message: error.message, issues: error.issues } };
      return c.json(body, error.status);
    }
    // Hono's own 4xx (a malformed body the validators could not read): the client's fault, not a 500.
    if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
      const body: ErrorResponse = { error: { code: 'bad_request', message: error.message || 'Bad request' } };
      return c.json(body, error.status);
    }
    // Never leak SQL, stack traces or paths: log them, answer with the request id.
    options.log?.({ level: 'error', requestId: c.get('requestId'), error: error instanceof Error ? error.stack : String(error) });
    const body: ErrorResponse = {
      error: { code: 'internal_error', message: `Internal error (request ${c.get('requestId')})` },
    };
    return c.json(body, 500);
  });

  app.route('/api/v1', createApi(deps));
  app.route('/api/docs', docsRoutes());
  app.all('/api/*', (c) => {
    const body: ErrorResponse = { error: { code: 'not_found', message: `No API route ${c.req.method} ${c.req.path}` } };
    return c.json(body, 404);
  });

  const clientDir = options.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    const indexHtml = readFileSync(join(clientDir, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: clientDir }));
    app.use('*', serveStatic({ root: clientDir }));
    // Client-side routes (/measures, /measures/METI-0012) all load the single page.
    app.get('*', (c) => c.html(indexHtml, 200));
  } else {
    app.get('/', (c) => c.html(FALLBACK_PAGE, 200));
  }
  return app;
}

const REQUEST_ID_PATTERN = /^[\w.:-]{1,100}$/;

/**
 * The route label of a request: the API pattern that answered it, or — when a middleware answered first
 * (401, 413, 429) — the pattern that would have; one label for the client's pages and one for its files.
 */
function metricsRoute(c: Context<AppEnv>): string {
  const path = c.req.path;
  if (!path.startsWith('/api/')) return path.startsWith('/assets/') ? 'assets' : 'pages';
  const answered = routePath(c);
  if (answered && !answered.endsWith('*')) return answered;
  const route = matchedRoutes(c).findLast((r) => (r.method === c.req.method || r.method === 'ALL') && !r.path.endsWith('*'));
  return route?.path ?? 'unmatched';
}

const FALLBACK_PAGE = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Measure Tracker</title></head>
<body><h1>Measure Tracker</h1><p>The client has not been built (run <code>npm run build</code>). The API is at <a href="/api/v1/meta">/api/v1</a>.</p></body></html>`;
