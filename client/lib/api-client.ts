import { hc } from 'hono/client';
import type { AppType } from '../../server/app';

// The typed API client: paths, query parameters and response bodies all come from the server's own
// route and zod definitions, so a renamed field fails the type check here rather than in a browser.
export const api = hc<AppType>('/api/v1');

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Resolves a typed response to its body, or throws with the API's error message. */
export async function unwrap<T>(response: Promise<{ ok: boolean; status: number; json(): Promise<T> }>): Promise<T> {
  const res = await response;
  if (res.ok) return res.json();
  let message = `HTTP ${res.status}`;
  try {
    const body: unknown = await res.json();
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const error = (body as { error: { message?: unknown } }).error;
      if (typeof error.message === 'string') message = error.message;
    }
  } catch {
    // keep the status line
  }
  throw new ApiRequestError(res.status, message);
}
