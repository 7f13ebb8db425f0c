import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createMemoryRouter } from 'react-router';
import type { RouteObject } from 'react-router';
import { createQueryClient } from '../../client/app/query-client';
import { createI18n } from '../../client/lib/i18n';
import type { Language } from '../../client/lib/i18n';

// Renders client components as the app does (router, a fresh QueryClient, i18n), for component
// tests in jsdom. Data comes from a real app over a test database: see routeFetchTo.

export function renderWithApp(
  routes: RouteObject[] | ReactElement,
  { path = '/', language = 'ja' as Language }: { path?: string; language?: Language } = {},
) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  const i18n = createI18n(language);
  const router = createMemoryRouter(Array.isArray(routes) ? routes : [{ path: '*', element: routes }], {
    initialEntries: [path],
  });
  const result = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...result, router, queryClient, i18n };
}

/**
 * The cookies an in-process app set, kept the way a browser would for one site: jsdom's fetch goes
 * to app.request here, which keeps no cookies, so the session cookie of a sign-in would be lost.
 */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** Remembers every Set-Cookie of a response (Max-Age=0 or a past Expires deletes). */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', v = ''] = a.split('=').map((x) => x.trim());
        if (key.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(v) < Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The Cookie header to send, or null when there is nothing to send. */
  header(): string | null {
    if (this.cookies.size === 0) return null;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  clear(): void {
    this.cookies.clear();
  }
}

type RequestableApp = { request: (input: string | Request, init?: RequestInit) => Response | Promise<Response> };

/**
 * Sends the client's /api requests to an in-process app (no server), keeping other fetches as they
 * are. Cookies the app sets are kept in a jar (returned as `restore.jar`) and sent back, as a
 * browser would: a sign-in through the UI then stays signed in for the following requests.
 */
export function routeFetchTo(app: RequestableApp, jar: CookieJar = new CookieJar()): (() => void) & { jar: CookieJar } {
  const original = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    if (!path.startsWith('/api/')) return original(input, init);
    const cookie = jar.header();
    let response: Response;
    if (input instanceof Request) {
      const request = new Request(input, init);
      if (cookie && !request.headers.has('cookie')) request.headers.set('cookie', cookie);
      response = await app.request(request);
    } else {
      const headers = new Headers(init?.headers);
      if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
      response = await app.request(path, { ...init, headers });
    }
    jar.store(response);
    return response;
  };
  return Object.assign(
    () => {
      globalThis.fetch = original;
    },
    { jar },
  );
}
