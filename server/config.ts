import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from '../db/connection';
import type { LoginThrottlePolicy } from './auth/login-throttle';

// The only module that reads process.env. Everything else receives its configuration.

export class ConfigError extends Error {
  override name = 'ConfigError';
}

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
}

export interface AppConfig {
  auth: AuthConfig;
  port: number;
  database: DatabaseTarget;
  /** Where the built client lives (served from the same port as the API). */
  clientDir: string;
  logRequests: boolean;
}

const DEFAULT_SQLITE_PATH = 'data/tracker.db';

/** DATABASE_URL (SPEC §6): unset → data/tracker.db; `sqlite:PATH`; `postgres://…` or `postgresql://…`. */
export function parseDatabaseUrl(value: string | undefined): DatabaseTarget {
  const raw = value?.trim();
  if (!raw) return { kind: 'sqlite', path: resolve(DEFAULT_SQLITE_PATH) };
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/tracker.db');
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL: ${redactUrl(raw)}`);
    }
    if (!url.hostname) throw new ConfigError(`DATABASE_URL has no host: ${redactUrl(raw)}`);
    return { kind: 'postgres', url: raw };
  }
  throw new ConfigError(`DATABASE_URL must start with "sqlite:" or "postgres://" (got "${redactUrl(raw)}")`);
}

/** Hides the password of a connection URL so it can be printed. */
export function redactUrl(raw: string): string {
  return raw.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

const portSchema = z.coerce.number().int().min(0).max(65535);

/** The database alone, for the CLIs that need nothing else (a bad PORT must not stop a migration). */
export function loadDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  return parseDatabaseUrl(env.DATABASE_URL);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
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
    database: parseDatabaseUrl(env.DATABASE_URL),
    clientDir: resolve(env.CLIENT_DIR ?? 'dist/client'),
    logRequests: env.LOG_REQUESTS !== 'false' && env.NODE_ENV !== 'test',
  };
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = { requireLogin: false, session: { idleMinutes: 120, absoluteHours: 12 } };

/** The PostgreSQL server tests may use, when set (CI sets it). */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TEST_DATABASE_URL?.trim() || undefined;
}

/** True under CI=true: missing optional tooling (a browser) is then a failure, not a skip. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The Chromium the browser tests drive: CHROMIUM_PATH when set, else Debian's package. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
}
