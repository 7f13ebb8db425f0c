import { resolve } from 'node:path';
import type { DatabaseTarget } from './connection';
import { processEnvironment } from './environment';
import type { Environment } from './environment';

// DATABASE_URL (and DATABASE_POOL_MAX), read the same way by the server and every CLI (docs/product.md §6).

/** A setting the operator must fix; its message is one clear line that names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_SQLITE_PATH = 'data/tracker.db';

/** Unset → data/tracker.db; `sqlite:PATH`; `postgres://…` or `postgresql://…`. */
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

/** The most DATABASE_POOL_MAX may say: far above any PostgreSQL's max_connections, so only a typo exceeds it. */
export const MAX_POOL_MAX = 1000;

/**
 * DATABASE_POOL_MAX: how many connections one process may hold open to PostgreSQL. Every process
 * (each server worker, each CLI) has its own pool, so processes × this must stay below the server's
 * max_connections. Checked even on SQLite, where it means nothing: a bad value is a typo to fix now,
 * not when the deployment moves to PostgreSQL.
 */
export function parsePoolMax(value: string | undefined): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_POOL_MAX) {
    throw new ConfigError(`DATABASE_POOL_MAX must be a whole number from 1 to ${MAX_POOL_MAX}, got "${value}"`);
  }
  return n;
}

/** DATABASE_URL with DATABASE_POOL_MAX, read the same way by the server and the CLIs (a bad PORT must not stop a migration). */
export function loadDatabaseTarget(env: Environment = processEnvironment()): DatabaseTarget {
  const target = parseDatabaseUrl(env.DATABASE_URL);
  const poolMax = parsePoolMax(env.DATABASE_POOL_MAX);
  return target.kind === 'postgres' && poolMax !== undefined ? { ...target, poolMax } : target;
}

/** The target as an operator may see it printed: the SQLite path, or the URL without its password. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  return target.kind === 'sqlite' ? `sqlite:${target.path}` : redactUrl(target.url);
}
