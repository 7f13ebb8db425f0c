import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';

// Answers a dashboard read from the response cache (docs/decisions/019-data-version-cache.md), with
// an ETag naming the data version and the query: a client holding the ETag of the current frame gets
// 304 without a figure being computed, and the figures are computed once per frame and query. The
// answers cached here are the same for everyone (none depends on who asks).

/** The request's identity in its frame: the path and its parameters in a canonical order. */
function requestKey(parsed: URL): string {
  const params = [...parsed.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${parsed.pathname}?${new URLSearchParams(params).toString()}`;
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): any listed tag, or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((raw) => {
    const tag = raw.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

export interface CachedResponseOptions {
  /** Which requests are cached; every GET when omitted. */
  when?: (url: URL) => boolean;
}

export function cachedResponse(
  deps: Pick<AppDeps, 'responseCache'>,
  options: CachedResponseOptions = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const url = new URL(c.req.url);
    if (options.when && !options.when(url)) return next();
    const cache = deps.responseCache;
    const frame = await cache.frame();
    const key = requestKey(url);
    const etag = `"d${frame.tag}.${digest(key)}"`;
    // Kept by browsers and proxies but always revalidated: the next write changes the answer.
    const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);

    const ready = cache.get(frame, key) ?? (await cache.pending(frame, key));
    if (ready) return c.body(ready.body, 200, { ...headers, 'Content-Type': ready.contentType });

    const store = cache.begin(frame, key);
    let kept = false;
    try {
      await next();
      const contentType = c.res.headers.get('content-type');
      if (c.res.status === 200 && contentType?.startsWith('application/json')) {
        store({ body: new Uint8Array(await c.res.clone().arrayBuffer()), contentType });
        kept = true;
        for (const [name, value] of Object.entries(headers)) c.header(name, value);
      }
    } finally {
      if (!kept) store(null);
    }
  };
}
