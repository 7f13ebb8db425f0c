import { createBrowserRouter } from 'react-router';
import type { RouteObject } from 'react-router';
import { Skeleton } from '../components/query-state';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';

// Each page is its own chunk: the dashboard's charts never weigh on the measure list, and the
// initial JavaScript stays small (issue 3: ≤ 200 KB gzip).
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    // Shown while the first page's chunk loads (the routes are lazy).
    HydrateFallback: () => <Skeleton height={400} />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('../features/dashboard/components/dashboard-page')).DashboardPage }) },
      { path: 'measures', lazy: async () => ({ Component: (await import('../features/measures/components/explorer-page')).ExplorerPage }) },
      {
        path: 'measures/:code',
        lazy: async () => ({ Component: (await import('../features/measure-detail/components/measure-detail-page')).MeasureDetailPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
