import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from '../db/connection';
import { ConfigError, loadDatabaseTarget } from '../db/database-url';
import { processEnvironment } from '../db/environment';
import type { Environment } from '../db/environment';
import type { LoginThrottlePolicy } from './auth/login-throttle';
import type { ScryptParams } from './auth/password';

// The server's configuration, read from the environment (which db/environment.ts alone reads) and
// checked once at start. Everything else receives its configuration.

export interface AuthConfig {
  /** REQUIRE_LOGIN=true: every page and API call needs a session (default: reading is public). */
  requireLogin: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  /** Failed sign-in slow-down and lock-out; DEFAULT_LOGIN_THROTTLE when omitted (tests shorten the waits). */
  throttle?: LoginThrottlePolicy;
  /**
   * TRUST_PROXY=true: the server sits behind a reverse proxy, so the client's address is the last
   * X-Forwarded-For entry (the one the proxy appended). Off by default: a client could forge the header.
   */
  trustProxy?: boolean;
  /** The scrypt cost of passwords set through the API (decision 025); OWASP_SCRYPT when omitted (tests cheapen it). */
  passwordHashing?: ScryptParams;
}

export interface AppConfig {
  auth: AuthConfig;
  port: number;
  /**
   * WORKERS=N: how many server processes share the port (node:cluster, decision 017). 1 is one plain
   * process with no cluster primary.
   */
  workers: number;
  database: DatabaseTarget;
  /** Where the built client lives (served from the same port as the API). */
  clientDir: string;
  logRequests: boolean;
  /** WRITE_RATE_LIMIT: writes per user per minute (default 120); 0 turns the limit off (decision 020). */
  writeRateLimit: number;
  /** METRICS_PUBLIC=true: GET /api/v1/metrics without a session (default: administrators only). */
  metricsPublic: boolean;
}

const portSchema = z.coerce.number().int().min(0).max(65535);

/** More would only contend for the cores and the database's connections (decision 017). */
export const MAX_WORKERS = 64;

function parseWorkers(value: string | undefined): number {
  const raw = value?.trim();
  if (!raw) return 1;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new ConfigError(`WORKERS must be a whole number from 1 to ${MAX_WORKERS}, got "${value}"`);
  }
  return n;
}

/** Two writes a second on average, in bursts of 120: far above a person's pace, far below a script's. */
export const DEFAULT_WRITE_RATE_LIMIT = 120;
const MAX_WRITE_RATE_LIMIT = 100_000;

function parseWriteRateLimit(value: string | undefined): number {
  const raw = value?.trim();
  if (!raw) return DEFAULT_WRITE_RATE_LIMIT;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > MAX_WRITE_RATE_LIMIT) {
    throw new ConfigError(
      `WRITE_RATE_LIMIT must be a whole number of writes per minute from 0 (off) to ${MAX_WRITE_RATE_LIMIT}, got "${value}"`,
    );
  }
  return n;
}

const flag = (value: string | undefined) => value === 'true' || value === '1';

export function loadConfig(env: Environment = processEnvironment()): AppConfig {
  const port = portSchema.safeParse(env.PORT ?? '3000');
  if (!port.success) throw new ConfigError(`PORT must be a port number (0–65535), got "${env.PORT}"`);
  const idle = z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .safeParse(env.SESSION_IDLE_MINUTES ?? '120');
  if (!idle.success) throw new ConfigError(`SESSION_IDLE_MINUTES must be 1–1440, got "${env.SESSION_IDLE_MINUTES}"`);
  const absolute = z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .safeParse(env.SESSION_ABSOLUTE_HOURS ?? '12');
  if (!absolute.success) throw new ConfigError(`SESSION_ABSOLUTE_HOURS must be 1–720, got "${env.SESSION_ABSOLUTE_HOURS}"`);
  return {
    auth: {
      requireLogin: env.REQUIRE_LOGIN === 'true' || env.REQUIRE_LOGIN === '1',
      session: { idleMinutes: idle.data, absoluteHours: absolute.data },
      trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    },
    port: port.data,
    workers: parseWorkers(env.WORKERS),
    database: loadDatabaseTarget(env),
    clientDir: resolve(env.CLIENT_DIR ?? 'dist/client'),
    logRequests: env.LOG_REQUESTS !== 'false' && env.NODE_ENV !== 'test',
    writeRateLimit: parseWriteRateLimit(env.WRITE_RATE_LIMIT),
    metricsPublic: flag(env.METRICS_PUBLIC),
  };
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = { requireLogin: false, session: { idleMinutes: 120, absoluteHours: 12 } };

/** The PostgreSQL server tests may use, when set (CI sets it). */
export function testDatabaseUrl(env: Environment = processEnvironment()): string | undefined {
  return env.TEST_DATABASE_URL?.trim() || undefined;
}

/** True under CI=true: missing optional tooling (a browser) is then a failure, not a skip. */
export function isCi(env: Environment = processEnvironment()): boolean {
  return env.CI === 'true' || env.CI === '1';
}

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The Chromium the browser tests drive: CHROMIUM_PATH when set, else Debian's package. */
export function chromiumPath(env: Environment = processEnvironment()): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
}
