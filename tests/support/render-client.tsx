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
  const router = createMemoryRouter(Array.isArray(routes) ? routes : [{ path: '*', element: routes }], { initialEntries: [path] });
  const result = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...result, router, queryClient, i18n };
}

/** Sends the client's /api requests to an in-process app (no server), keeping other fetches as they are. */
export function routeFetchTo(app: { request: (input: string, init?: RequestInit) => Response | Promise<Response> }): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    if (path.startsWith('/api/')) return app.request(path, init);
    return original(input, init);
  };
  return () => {
    globalThis.fetch = original;
  };
}
