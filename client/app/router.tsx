import { createBrowserRouter } from 'react-router';
import type { RouteObject } from 'react-router';
import { Skeleton } from '../components/query-state';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';

// Each page is its own chunk: the dashboard's charts never weigh on the measure list, and the
// initial JavaScript stays small (docs/product.md §7: ≤ 200 KB gzip).
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    // Shown while the first page's chunk loads (the routes are lazy).
    HydrateFallback: () => <Skeleton height={400} />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('../features/dashboard/components/dashboard-page')).DashboardPage }),
      },
      {
        path: 'measures',
        lazy: async () => ({ Component: (await import('../features/measures/components/explorer-page')).ExplorerPage }),
      },
      // Issue 13: registering a measure and editing its own fields (docs/decisions/023).
      {
        path: 'measures/new',
        lazy: async () => ({
          Component: (await import('../features/measure-editor/components/new-measure-page')).NewMeasurePage,
        }),
      },
      {
        path: 'measures/:code/edit',
        lazy: async () => ({
          Component: (await import('../features/measure-editor/components/edit-measure-page')).EditMeasurePage,
        }),
      },
      {
        path: 'measures/:code',
        lazy: async () => ({
          Component: (await import('../features/measure-detail/components/measure-detail-page')).MeasureDetailPage,
        }),
      },
      {
        path: 'analysis',
        lazy: async () => ({ Component: (await import('../features/analysis/components/analysis-page')).AnalysisPage }),
      },
      // Issue 4: signing in, the ministry lead's pages and the admin's audit trail.
      { path: 'login', lazy: async () => ({ Component: (await import('../features/auth/components/sign-in-page')).SignInPage }) },
      {
        path: 'my',
        lazy: async () => ({ Component: (await import('../features/my-ministry/components/my-ministry-page')).MyMinistryPage }),
      },
      {
        path: 'my/survey',
        lazy: async () => ({
          Component: (await import('../features/survey-import/components/survey-import-page')).SurveyImportPage,
        }),
      },
      {
        path: 'measures/:code/report',
        lazy: async () => ({ Component: (await import('../features/report/components/report-page')).ReportPage }),
      },
      {
        path: 'measures/:code/milestones',
        lazy: async () => ({ Component: (await import('../features/milestones/components/milestones-page')).MilestonesPage }),
      },
      {
        path: 'admin/audit',
        lazy: async () => ({ Component: (await import('../features/audit/components/audit-page')).AuditPage }),
      },
      // Issue 13: users in the browser and one's own password (decision 025).
      {
        path: 'admin/users',
        lazy: async () => ({ Component: (await import('../features/users/components/users-page')).UsersPage }),
      },
      // Issue 13 item 6: deadlines and meetings in the browser (decision 026).
      {
        path: 'admin/deadlines',
        lazy: async () => ({
          Component: (await import('../features/reference-data/components/reference-data-page')).ReferenceDataPage,
        }),
      },
      {
        path: 'account/password',
        lazy: async () => ({
          Component: (await import('../features/account/components/change-password-page')).ChangePasswordPage,
        }),
      },
      // Issue 9: the secretariat's screens of the follow-up round (docs/product.md §4).
      {
        path: 'rounds',
        lazy: async () => ({ Component: (await import('../features/rounds/components/rounds-page')).RoundsPage }),
      },
      {
        path: 'rounds/:code',
        lazy: async () => ({ Component: (await import('../features/rounds/components/round-detail-page')).RoundDetailPage }),
      },
      {
        path: 'review',
        lazy: async () => ({ Component: (await import('../features/review-queue/components/review-page')).ReviewPage }),
      },
      {
        path: 'verification',
        lazy: async () => ({
          Component: (await import('../features/verification-queue/components/verification-page')).VerificationPage,
        }),
      },
      {
        path: 'kpi-categories',
        lazy: async () => ({
          Component: (await import('../features/kpi-confirmation/components/kpi-confirmation-page')).KpiConfirmationPage,
        }),
      },
      // Issue 10: the meeting pack (docs/product.md §5).
      {
        path: 'changes',
        lazy: async () => ({ Component: (await import('../features/changes/components/changes-page')).ChangesPage }),
      },
      // Issue 10: the A4 report for a meeting (docs/product.md §5).
      {
        path: 'report',
        lazy: async () => ({
          Component: (await import('../features/meeting-report/components/meeting-report-page')).MeetingReportPage,
        }),
      },
      {
        path: 'editions',
        lazy: async () => ({ Component: (await import('../features/editions/components/editions-page')).EditionsPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
