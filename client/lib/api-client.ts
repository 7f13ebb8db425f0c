import { hc } from 'hono/client';
import type { AppType } from '../../server/app';

// The typed API client: paths, query parameters and response bodies all come from the server's own
// route and zod definitions, so a renamed field fails the type check here rather than in a browser.
// Bodies given as `json:` are sent with `Content-Type: application/json`, which the server's CSRF
// guard requires of every write (anything else is a 415).
export const api = hc<AppType>('/api/v1');

/** One problem the server found in a request, as in `{ error: { issues: [{ path, message }] } }`. */
export interface ApiIssue {
  path: (string | number)[];
  message: string;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The API's error code (`invalid_credentials`, `forbidden`, …) when the body had one. */
    readonly code: string | null = null,
    readonly issues: ApiIssue[] = [],
    /** Seconds from a `Retry-After` header (429), when there was one. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

function isIssue(value: unknown): value is ApiIssue {
  if (typeof value !== 'object' || value === null) return false;
  const { path, message } = value as { path?: unknown; message?: unknown };
  return Array.isArray(path) && path.every((p) => typeof p === 'string' || typeof p === 'number') && typeof message === 'string';
}

/** Reads an error answer (`{ error: { code, message, issues? } }` or anything else) into an ApiRequestError. */
export async function readApiError(res: {
  status: number;
  headers?: Headers;
  json(): Promise<unknown>;
}): Promise<ApiRequestError> {
  let message = `HTTP ${res.status}`;
  let code: string | null = null;
  let issues: ApiIssue[] = [];
  try {
    const body: unknown = await res.json();
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const error = (body as { error: unknown }).error;
      if (typeof error === 'object' && error !== null) {
        const fields = error as { code?: unknown; message?: unknown; issues?: unknown };
        if (typeof fields.message === 'string') message = fields.message;
        if (typeof fields.code === 'string') code = fields.code;
        if (Array.isArray(fields.issues)) issues = fields.issues.filter(isIssue);
      }
    }
  } catch {
    // keep the status line
  }
  const retryHeader = res.headers?.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  return new ApiRequestError(res.status, message, code, issues, retryAfter);
}

/** Resolves a typed response to its body, or throws with the API's error message. */
export async function unwrap<T>(
  response: Promise<{ ok: boolean; status: number; headers?: Headers; json(): Promise<T> }>,
): Promise<T> {
  const res = await response;
  if (res.ok) return res.json();
  throw await readApiError(res);
}
