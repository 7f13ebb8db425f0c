import { readApiError } from './api-client';

// Requests of the follow-up round's screens (docs/product.md §4, "The follow-up round"). Their bodies
// are typed by the contract in server/schemas/follow-up.ts (types only: the client never runs server
// code). They go through fetch rather than the typed Hono client so that these screens do not depend on
// how the routes are registered; the shapes are still the server's own.

/** An answer with its ETag, which the next write on the same thing must send back in If-Match. */
export interface Fetched<T> {
  body: T;
  etag: string | null;
}

export interface FollowUpRequest {
  method?: 'GET' | 'POST';
  /** Parameters left empty are not sent. */
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON (the server's CSRF guard takes no other type). */
  json?: unknown;
  ifMatch?: string;
}

/** `/api/v1<path>?<query>`, without the empty parameters. */
export function followUpUrl(path: string, query: FollowUpRequest['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

/**
 * A 412 whose body carries the thing as it is now (`{ error, current }`): someone else decided first.
 * `current` is left unknown for the caller's own guard.
 */
export class PreconditionFailed extends Error {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super(message);
  }
}

async function send(path: string, request: FollowUpRequest): Promise<Response> {
  const headers = new Headers({ Accept: 'application/json' });
  if (request.json !== undefined) headers.set('Content-Type', 'application/json');
  if (request.ifMatch) headers.set('If-Match', request.ifMatch);
  return fetch(followUpUrl(path, request.query), {
    method: request.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: request.json === undefined ? undefined : JSON.stringify(request.json),
  });
}

/** The answer's body and ETag; a 412 with the current state as PreconditionFailed; any other failure as ApiRequestError. */
export async function followUpFetch<T>(path: string, request: FollowUpRequest = {}): Promise<Fetched<T>> {
  const res = await send(path, request);
  if (res.status === 412) {
    const body: unknown = await res.json().catch(() => null);
    const current = typeof body === 'object' && body !== null && 'current' in body ? body.current : null;
    const error = await readApiError({ status: 412, headers: res.headers, json: async () => body });
    throw new PreconditionFailed(error.message, current);
  }
  if (!res.ok) throw await readApiError(res);
  const body: T = await res.json();
  return { body, etag: res.headers.get('ETag') };
}

/** The body alone, for queries. */
export async function followUpGet<T>(path: string, query?: FollowUpRequest['query']): Promise<T> {
  return (await followUpFetch<T>(path, { query })).body;
}

/** The day an instant falls on in Japan (YYYY-MM-DD): a round is due at the end of a JST day. */
export function jstDay(instant: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(instant))
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Links to evidence leave the product: a new tab, with no access back to this page (rel=noopener). */
export const EXTERNAL_LINK = { target: '_blank', rel: 'noopener noreferrer' } as const;
