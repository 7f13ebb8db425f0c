import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

// The security headers of every response (docs/product.md §7 "Security"). Their values are Hono's
// secureHeaders with these options; they are set before the handler runs rather than after it, so
// that the response is built with them at once. Set afterwards, they turned every answer into a
// second Headers object, which cost more than serving a cached figure (docs/benchmarks.md).

const OPTIONS = {
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  xFrameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
  // No inline scripts: the built client is one module file; styles allow inline attributes for charts.
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
} satisfies Parameters<typeof secureHeaders>[0];

/** What secureHeaders sets, read once from an answer of its own. */
export async function securityHeaderList(): Promise<[string, string][]> {
  const probe = new Hono().use('*', secureHeaders(OPTIONS)).get('/', (c) => c.body(null, 204));
  const res = await probe.request('/');
  return [...res.headers.entries()];
}

export function securityHeaders(): MiddlewareHandler {
  let list: Promise<[string, string][]> | null = null;
  return async (c, next) => {
    list ??= securityHeaderList();
    for (const [name, value] of await list) c.header(name, value);
    await next();
  };
}
