import { readApiError } from './api-client';

// follow-up fields: see server/schemas/follow-up.ts. The follow-up round's endpoints (GET /rounds,
// /reports, /stats/kpi …) are served by routes built alongside these screens, so the typed client
// (api-client.ts, typed from the server's routes) does not know them yet. Until it does, they are
// read with plain fetch, typed by the contract's shapes; the lead can move each call to `api.` after
// merging.

/** GET /api/v1<path> with the query (arrays comma-separated), resolved to its body or an ApiRequestError. */
export async function getJson<T>(path: string, query: Record<string, string | string[] | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : value);
  }
  const search = params.toString();
  const res = await fetch(`/api/v1${path}${search ? `?${search}` : ''}`, { credentials: 'same-origin' });
  if (!res.ok) throw await readApiError(res);
  const body: T = await res.json();
  return body;
}
