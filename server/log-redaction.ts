// Keeps secrets out of the request log (docs/product.md §4): passwords, session tokens and cookies must never
// reach a log file, where far more people and systems can read them than the database.

export const REDACTED = '[redacted]';

/** Names of query parameters, headers and log fields whose values are secrets. */
const SECRET_NAME = /pass|pwd|secret|token|session|cookie|credential|authorization|^auth$|^(api[-_]?)?key$|api[-_]?key/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: match on the raw text instead.
    return raw;
  }
}

/**
 * The path and query of a request URL for the log, with the value of every parameter whose name
 * looks secret replaced. Everything else is kept byte for byte, so a logged URL can be replayed.
 */
export function redactPathAndQuery(url: string): string {
  const parsed = new URL(url, 'http://localhost');
  const search = parsed.search;
  if (search.length <= 1) return parsed.pathname;
  const parts = search
    .slice(1)
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      const name = equals === -1 ? part : part.slice(0, equals);
      if (!isSecretName(decodeName(name))) return part;
      return `${name}=${REDACTED}`;
    });
  return `${parsed.pathname}?${parts.join('&')}`;
}

/** Headers for the log: secret ones (Cookie, Set-Cookie, Authorization, …) keep only their name. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return Object.fromEntries(entries.map(([name, value]) => [name, isSecretName(name) ? REDACTED : value]));
}

/**
 * A log entry with the value of every secret-looking key replaced, at any depth: a safety net under
 * the request log, so that a field added later cannot leak a password or a token by accident.
 * The request id is an identifier chosen to be logged, not a secret.
 */
export function redactLogEntry<T>(entry: T): T {
  return redactValue(entry, 0) as T;
}

const ALLOWED_KEYS = new Set(['requestId']);

function redactValue(value: unknown, depth: number): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      !ALLOWED_KEYS.has(key) && isSecretName(key) ? REDACTED : redactValue(inner, depth + 1),
    ]),
  );
}
