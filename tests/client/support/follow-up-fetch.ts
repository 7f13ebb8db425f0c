// Component tests of the follow-up round's parts of existing screens keep the real app for
// everything and pin the follow-up figures the small fixture does not produce (a returned report,
// a verified milestone, KPI categories) with JSON in the contract's shape (server/schemas/follow-up.ts):
// `answer` serves a request outright, `augment` adds fields to the real app's answer. Every /api
// request is recorded. The real endpoints are tested in tests/server/ and in tests/e2e/.

type Json = Record<string, unknown>;

export interface FollowUpRoutes {
  /** A whole answer for a request (path without the query, e.g. /api/v1/stats/kpi); undefined: not this one. */
  answer?: (
    path: string,
    url: URL,
    init?: RequestInit,
  ) => { status?: number; body: unknown; headers?: Record<string, string> } | undefined;
  /** Fields added to the real app's JSON answer for a request; undefined: leave it. */
  augment?: (path: string, body: Json, url: URL) => Json | undefined;
  /** Query parameters the real app does not take yet (e.g. basis): recorded, then left out of what it is sent. */
  dropParams?: string[];
}

export interface RecordedRequest {
  method: string;
  url: URL;
  body: unknown;
}

/** Wraps the current fetch (already routed to the test app); returns the requests seen and a restore. */
export function interceptFollowUp(routes: FollowUpRoutes): { requests: RecordedRequest[]; restore: () => void } {
  const inner = globalThis.fetch;
  const requests: RecordedRequest[] = [];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const url = new URL(raw, 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return inner(input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    let body: unknown = null;
    const text = typeof init?.body === 'string' ? init.body : input instanceof Request ? await input.clone().text() : '';
    if (text) body = JSON.parse(text);
    requests.push({ method, url, body });
    const answered = routes.answer?.(url.pathname, url, init);
    if (answered) {
      return new Response(JSON.stringify(answered.body), {
        status: answered.status ?? 200,
        headers: { 'Content-Type': 'application/json', ...answered.headers },
      });
    }
    let forwarded: RequestInfo | URL = input;
    if (routes.dropParams?.some((p) => url.searchParams.has(p)) && !(input instanceof Request)) {
      const stripped = new URL(url);
      for (const p of routes.dropParams) stripped.searchParams.delete(p);
      forwarded = `${stripped.pathname}${stripped.search}`;
    }
    const response = await inner(forwarded, init);
    if (!routes.augment || !response.ok || !response.headers.get('Content-Type')?.includes('json')) return response;
    const json: unknown = await response.clone().json();
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return response;
    const original: Json = Object.fromEntries(Object.entries(json));
    const extra = routes.augment(url.pathname, original, url);
    if (!extra) return response;
    const headers = new Headers(response.headers);
    headers.delete('Content-Length');
    return new Response(JSON.stringify({ ...original, ...extra }), { status: response.status, headers });
  };
  return {
    requests,
    restore: () => {
      globalThis.fetch = inner;
    },
  };
}
