import { resolve } from 'node:path';
import type { DatabaseTarget } from './connection';
import { processEnvironment } from './environment';
import type { Environment } from './environment';

// DATABASE_URL, read the same way by the server and every CLI (docs/product.md §6).

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

/** The database alone, for the CLIs that need nothing else (a bad PORT must not stop a migration). */
export function loadDatabaseTarget(env: Environment = processEnvironment()): DatabaseTarget {
  return parseDatabaseUrl(env.DATABASE_URL);
}

/** The target as an operator may see it printed: the SQLite path, or the URL without its password. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  return target.kind === 'sqlite' ? `sqlite:${target.path}` : redactUrl(target.url);
}
