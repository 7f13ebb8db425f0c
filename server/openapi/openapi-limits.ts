import type { OpenApiDocument } from './openapi-document';

// The answers every write may get whatever its route (decision 020): a body over its limit is refused
// with 413 before a route reads it (server/request-limits.ts `apiBodyLimit`), and a user over the write
// rate limit gets 429 with Retry-After (`writeRateLimit`, sign-in and sign-out excepted). Added to the
// generated document here, once, rather than by hand in every route's entry.

const READS = new Set(['get', 'head', 'options']);
const NOT_RATE_LIMITED = new Set(['/auth/login', '/auth/logout']);
const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

export function documentRequestLimits(document: OpenApiDocument): OpenApiDocument {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (READS.has(method) || typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const responses: Record<string, unknown> = operation.responses ?? {};
      responses['413'] ??= {
        description: 'The body is over its limit (1 MB of JSON, 5 MB for an upload, less where the route says), refused unread',
        content: ERROR_CONTENT,
      };
      if (!NOT_RATE_LIMITED.has(path)) {
        responses['429'] ??= {
          description: 'Too many writes by this user (WRITE_RATE_LIMIT a minute); retry after the seconds in Retry-After',
          headers: {
            'Retry-After': { required: true, schema: { type: 'string', pattern: '^\\d+$' }, description: 'Seconds to wait' },
          },
          content: ERROR_CONTENT,
        };
      }
      operation.responses = responses;
    }
  }
  return document;
}
