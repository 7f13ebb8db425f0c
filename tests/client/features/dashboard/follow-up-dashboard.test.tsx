// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KpiStatsResponse } from '../../../../server/schemas/follow-up';
import { DashboardPage } from '../../../../client/features/dashboard/components/dashboard-page';
import { fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';
import { interceptFollowUp } from '../../support/follow-up-fetch';
import type { RecordedRequest } from '../../support/follow-up-fetch';

// The dashboard's follow-up parts (docs/product.md §4): the basis selector kept in the URL and sent
// with every request, the reported / verified progress pair, and the KPI category panel. The rest
// comes from the real app; the follow-up fields are answered in the contract's shape.

const routes = [
  { path: '/', element: <DashboardPage /> },
  { path: '/measures', element: <p>explorer</p> },
];

function kpiStats(by: 'field' | 'ministry'): KpiStatsResponse {
  const rows =
    by === 'field'
      ? [
          { code: 'quantum', nameJa: '量子', nameEn: 'Quantum', A: 2, B: 1, N: 0, total: 3 },
          { code: 'fusion', nameJa: 'フュージョンエネルギー', nameEn: 'Fusion energy', A: 0, B: 0, N: 0, total: 0 },
        ]
      : [{ code: 'meti', nameJa: '経済産業省', nameEn: 'METI', A: 1, B: 0, N: 4, total: 5 }];
  return {
    asOf: '2026-11-26',
    by,
    totals: by === 'field' ? { A: 2, B: 1, N: 0, total: 3 } : { A: 1, B: 0, N: 4, total: 5 },
    items: rows,
  };
}

describe('the dashboard in the follow-up round', () => {
  let t: TestApp;
  let restoreApp: () => void;
  let restoreFollowUp: () => void;
  let requests: RecordedRequest[];
  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: fixtureMeasures() });
    restoreApp = routeFetchTo(t.app);
    const intercepted = interceptFollowUp({
      answer: (path, url) => {
        if (path === '/api/v1/stats/kpi')
          return { body: kpiStats(url.searchParams.get('by') === 'ministry' ? 'ministry' : 'field') };
        return undefined;
      },
      augment: (path, _body, url) =>
        path === '/api/v1/stats/summary'
          ? {
              basis: url.searchParams.get('basis') ?? 'reported',
              progressByBasis: { reported: 0.62, verified: 0.48 },
              milestonesDoneByBasis: { reported: 12, verified: 9 },
            }
          : undefined,
    });
    requests = intercepted.requests;
    restoreFollowUp = intercepted.restore;
  });
  afterEach(() => {
    cleanup();
    requests.length = 0;
  });
  afterAll(async () => {
    restoreFollowUp();
    restoreApp();
    await t.drop();
  });

  it('shows the reported and verified progress side by side, and the KPI categories per field in words (Japanese)', async () => {
    renderWithApp(routes, { path: '/' });
    expect(await screen.findByTestId('progress-reported')).toHaveTextContent('報告ベース 62.0%');
    expect(screen.getByTestId('progress-verified')).toHaveTextContent('確認済み 48.0%');
    expect(screen.getByText('全 28 件中（確認済み 9 件）')).toBeInTheDocument();
    const panel = await screen.findByTestId('kpi-categories');
    expect(within(panel).getByRole('heading', { level: 2, name: 'KPIの進捗区分' })).toBeInTheDocument();
    const table = await within(panel).findByRole('table');
    for (const name of ['A 順調', 'B 遅れ', 'N データなし'])
      expect(within(table).getByRole('columnheader', { name })).toBeInTheDocument();
    const quantum = within(table).getByRole('rowheader', { name: '量子' }).closest('tr');
    if (!quantum) throw new Error('no row');
    expect(
      within(quantum)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '1', '0', '3', 'AB']);
    // A field without KPIs is left out; the totals stay.
    expect(within(table).queryByRole('rowheader', { name: 'フュージョンエネルギー' })).toBeNull();
    expect(within(panel).getByTestId('kpi-total-A')).toHaveTextContent('2');
    expect(requests.some((r) => r.url.pathname === '/api/v1/stats/kpi' && r.url.searchParams.get('by') === 'field')).toBe(true);
  });

  it('has no accessibility violations axe can find in the basis selector, the progress tile and the KPI panel', async () => {
    renderWithApp(routes, { path: '/?basis=accepted' });
    const panel = await screen.findByTestId('kpi-categories');
    await within(panel).findByRole('table');
    for (const element of [
      panel,
      screen.getByRole('region', { name: '絞り込み' }),
      screen.getByTestId('kpi-progress').closest('ul'),
    ]) {
      if (!element) throw new Error('missing part');
      // jsdom lays nothing out, so contrast is left to the browser scan (tests/e2e/accessibility.test.ts).
      const result = await axe.run(element, { rules: { 'color-contrast': { enabled: false } } });
      expect(result.violations.map((v) => v.id)).toEqual([]);
    }
    expect(screen.getByRole('combobox', { name: /集計基準/ })).toHaveValue('accepted');
  });

  it('switches the KPI panel to ministries and names everything in English', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/', language: 'en' });
    expect(await screen.findByTestId('progress-reported')).toHaveTextContent('Reported 62.0%');
    expect(screen.getByTestId('progress-verified')).toHaveTextContent('Verified 48.0%');
    const panel = await screen.findByTestId('kpi-categories');
    await within(panel).findByRole('table');
    await user.click(within(panel).getByRole('radio', { name: 'By ministry' }));
    await waitFor(() => expect(within(panel).getByRole('rowheader', { name: 'METI' })).toBeInTheDocument());
    expect(within(panel).getByRole('columnheader', { name: 'N no data' })).toBeInTheDocument();
    expect(requests.some((r) => r.url.pathname === '/api/v1/stats/kpi' && r.url.searchParams.get('by') === 'ministry')).toBe(
      true,
    );
  });

  it('keeps the chosen basis in the URL and sends it with every statistic and list request', async () => {
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: '/?field=quantum' });
    const select = await screen.findByRole('combobox', { name: /集計基準/ });
    expect(select).toHaveValue('reported');
    // The default is sent nowhere.
    await screen.findByTestId('progress-reported');
    expect(requests.filter((r) => r.url.searchParams.has('basis'))).toEqual([]);
    await user.selectOptions(select, '確認済み');
    await waitFor(() => expect(router.state.location.search).toBe('?field=quantum&basis=verified'));
    await waitFor(() => {
      const paths = requests.filter((r) => r.url.searchParams.get('basis') === 'verified').map((r) => r.url.pathname);
      for (const path of ['/api/v1/stats/summary', '/api/v1/stats/by-field', '/api/v1/stats/kpi', '/api/v1/measures'])
        expect(paths).toContain(path);
    });
    // Back to the default: out of the URL again.
    await user.selectOptions(screen.getByRole('combobox', { name: /集計基準/ }), '報告ベース');
    await waitFor(() => expect(router.state.location.search).toBe('?field=quantum'));
  });
});
