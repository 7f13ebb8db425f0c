// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { KpiConfirmationPage } from '../../../client/features/kpi-confirmation/components/kpi-confirmation-page';
import { ReviewPage } from '../../../client/features/review-queue/components/review-page';
import { RoundDetailPage } from '../../../client/features/rounds/components/round-detail-page';
import { RoundsPage } from '../../../client/features/rounds/components/rounds-page';
import { VerificationPage } from '../../../client/features/verification-queue/components/verification-page';
import { kpiQueueItem, reportQueueItem, roundDetail, roundSummary, verificationItem } from '../../support/follow-up-fixtures';
import { json, mockApi, sessionUser } from '../../support/mock-api';
import { renderWithApp } from '../../support/render-client';

// The secretariat's screens, filled with data, scanned by axe-core for WCAG 2 A/AA problems in both
// languages. jsdom lays nothing out, so colour contrast is left to the browser scan
// (tests/e2e/accessibility.test.ts); names, roles, labels and ARIA wiring are checked here.

const page = (items: unknown[]) => json({ items, total: items.length, page: 1, pageSize: 20 });
const SCREENS: { name: string; path: string; route: string; element: ReactElement; ready: RegExp }[] = [
  { name: 'rounds', path: '/rounds', route: '/rounds', element: <RoundsPage />, ready: /2026|FY2026/ },
  { name: 'round', path: '/rounds/2026-h2', route: '/rounds/:code', element: <RoundDetailPage />, ready: /METI-0003/ },
  { name: 'review', path: '/review', route: '/review', element: <ReviewPage />, ready: /METI-0001/ },
  { name: 'verification', path: '/verification', route: '/verification', element: <VerificationPage />, ready: /MEXT-0002/ },
  { name: 'kpi', path: '/kpi-categories', route: '/kpi-categories', element: <KpiConfirmationPage />, ready: /METI-0001/ },
];

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
});

describe('the follow-up screens under axe-core', () => {
  for (const language of ['ja', 'en'] as const) {
    for (const target of SCREENS) {
      it(`${target.name} in ${language}`, async () => {
        api = mockApi(
          [
            { method: 'GET', path: '/rounds', answer: () => json({ items: [roundSummary()] }) },
            { method: 'GET', path: '/rounds/2026-h2', answer: () => json(roundDetail()) },
            { method: 'GET', path: '/reports', answer: () => page([reportQueueItem()]) },
            { method: 'GET', path: '/milestones', answer: () => page([verificationItem()]) },
            { method: 'GET', path: '/kpis', answer: () => page([kpiQueueItem()]) },
          ],
          { user: sessionUser('secretariat') },
        );
        const { container } = renderWithApp([{ path: target.route, element: <main>{target.element}</main> }], {
          path: target.path,
          language,
        });
        await screen.findAllByText(target.ready);
        document.documentElement.lang = language;
        const results = await axe.run(container, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
          rules: { 'color-contrast': { enabled: false }, 'label-content-name-mismatch': { enabled: true } },
        });
        const problems = results.violations.flatMap((v) => [
          `${v.id}: ${v.help}`,
          ...v.nodes.map((n) => `  ${n.target.join(' ')}`),
        ]);
        expect(problems).toEqual([]);
      });
    }
  }
});
