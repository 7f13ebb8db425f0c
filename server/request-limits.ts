import { bodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { ApiError, RetryLaterError } from './errors';
import { MAX_UPLOAD_BYTES } from './services/import-file';

// The limits every API request is held to before any route reads it (issue 12 item 3, decision 020):
// the size of its body, and how fast one user may write.

/** No JSON body the API takes comes near this; most write routes hold theirs to 64 KB besides. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** The survey form's upload: the file's own limit plus room for the multipart envelope around it. */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

const UPLOAD_PATH = '/api/v1/imports';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function tooLarge(limit: number): never {
  throw new ApiError(413, 'payload_too_large', `Request bodies must be at most ${limit} bytes`);
}

/** Methods whose requests carry no body (the Fetch standard refuses one on GET and HEAD). */
const BODILESS_METHODS = new Set(['GET', 'HEAD']);

/**
 * Refuses a body over its limit with 413 before it is read into memory: at once by Content-Length when
 * the client sends one, else while streaming (hono's bodyLimit stops reading at the limit).
 *
 * GET and HEAD pass untouched, before hono's bodyLimit asks for `c.req.raw.body`: on the node server
 * that one read builds a whole Fetch Request behind the request (with an AbortSignal that undici
 * holds through a FinalizationRegistry until a full collection), and under load those promoted
 * objects grew the heap of the dashboard's reads, and the RSS with it, from 153 to 817 MB
 * (issue 11; docs/decisions/028-no-request-object-on-reads.md).
 */
export function apiBodyLimit(): MiddlewareHandler<AppEnv> {
  const json = bodyLimit({ maxSize: MAX_JSON_BODY_BYTES, onError: () => tooLarge(MAX_JSON_BODY_BYTES) });
  const upload = bodyLimit({ maxSize: MAX_UPLOAD_BODY_BYTES, onError: () => tooLarge(MAX_UPLOAD_BODY_BYTES) });
  return async (c, next) => {
    if (BODILESS_METHODS.has(c.req.method)) return next();
    return c.req.method === 'POST' && c.req.path === UPLOAD_PATH ? upload(c, next) : json(c, next);
  };
}

export interface WriteRateLimit {
  /** Writes a user may make per minute, in bursts of up to as many; WRITE_RATE_LIMIT. */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Beyond this many users tracked, full buckets (users idle for a minute or more) are forgotten. */
const MAX_TRACKED_USERS = 10_000;

/**
 * Per-user write rate limit, a token bucket in this process (decision 020): `perMinute` tokens, refilled
 * evenly over the minute; each write takes one, and a write without one is refused with 429 and
 * Retry-After. Sign-in and sign-out have their own throttle and are not counted. Anonymous writes are
 * refused by the routes (401) and not counted either.
 */
export function writeRateLimit(limit: WriteRateLimit, now: () => Date): MiddlewareHandler<AppEnv> {
  const buckets = new Map<number, Bucket>();
  const perMs = limit.perMinute / 60_000;
  const refilled = (bucket: Bucket, at: number) => Math.min(limit.perMinute, bucket.tokens + (at - bucket.at) * perMs);

  function forgetIdle(at: number): void {
    for (const [user, bucket] of buckets) if (refilled(bucket, at) >= limit.perMinute) buckets.delete(user);
  }

  return async (c, next) => {
    const user = c.get('user');
    if (!user || SAFE_METHODS.has(c.req.method) || c.req.path.startsWith('/api/v1/auth/log')) return next();
    const at = now().getTime();
    const bucket = buckets.get(user.id) ?? { tokens: limit.perMinute, at };
    const tokens = refilled(bucket, at);
    if (tokens < 1) {
      buckets.set(user.id, { tokens, at });
      const seconds = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
      throw new RetryLaterError(
        'rate_limited',
        `Too many writes: at most ${limit.perMinute} a minute; retry in ${seconds} s`,
        seconds,
      );
    }
    if (buckets.size >= MAX_TRACKED_USERS && !buckets.has(user.id)) forgetIdle(at);
    buckets.set(user.id, { tokens: tokens - 1, at });
    return next();
  };
}
