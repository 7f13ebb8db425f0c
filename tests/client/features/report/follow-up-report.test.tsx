// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KpiDto } from '../../../../server/schemas/follow-up';
import { ReportPage } from '../../../../client/features/report/components/report-page';
import { FIXTURE_NOW, fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { TEST_PASSWORD, createTestUser } from '../../../support/sessions';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';
import { interceptFollowUp } from '../../support/follow-up-fetch';
import type { RecordedRequest } from '../../support/follow-up-fetch';

// The report form in the follow-up round (docs/product.md §4): a returned report's comment above the
// form, and for each KPI an optional value, as-of date and source, checked beside the field (a
// number; a date not after today, 2026-11-26 here) and sent as `kpiObservations`. The measure and the
// session come from the real app; its KPIs and review are added in the contract's shape, and the
// report's POST is answered here (this branch's server does not take kpiObservations yet).

const LEAD = 'lead.meti@example.go.jp';
const CODE = 'METI-0001';
const routes = [
  { path: '/measures/:code/report', element: <ReportPage /> },
  { path: '/measures/:code', element: <p>measure page</p> },
];

function kpi(id: number, nameJa: string, nameEn: string): KpiDto {
  return {
    id,
    nameJa,
    nameEn,
    unit: '件',
    direction: 'increase',
    baselineValue: 0,
    baselineDate: '2024-04-01',
    targetValue: 100,
    targetDate: '2030-03-31',
    source: '',
    observations: [],
    computedCategory: 'N',
    category: 'N',
    confirmation: null,
    achievedShare: null,
    elapsedShare: null,
  };
}
const kpis = [kpi(7, '共同研究の件数', 'Joint research projects'), kpi(8, '参加企業数', 'Participating firms')];

describe('the report form in the follow-up round', () => {
  let t: TestApp;
  let restore: () => void;
  let restoreFollowUp: () => void;
  let requests: RecordedRequest[];
  let detail: unknown;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: fixtureMeasures(), now: FIXTURE_NOW });
    await createTestUser(t.database.db, { email: LEAD, role: 'ministry_lead', ministry: 'meti' });
    detail = await (await t.app.request(`/api/v1/measures/${CODE}`)).json();
    restore = routeFetchTo(t.app);
    const intercepted = interceptFollowUp({
      answer: (path, _url, init) =>
        path === `/api/v1/measures/${CODE}/reports` && init?.method === 'POST'
          ? { status: 201, body: detail, headers: { ETag: '"v99"' } }
          : undefined,
      augment: (path, body) => {
        if (path !== `/api/v1/measures/${CODE}`) return undefined;
        const reports = Array.isArray(body.reports) ? body.reports : [];
        return {
          kpis,
          reports: reports.map((r: Record<string, unknown>, i: number) => ({
            ...r,
            roundCode: null,
            late: false,
            review:
              i === 0
                ? {
                    state: 'returned',
                    comment: '遅延の理由を具体的に',
                    reviewer: 'secretariat@demo.example.jp',
                    reviewedAt: '2026-11-20T02:00:00Z',
                  }
                : {
                    state: 'accepted',
                    comment: null,
                    reviewer: 'secretariat@demo.example.jp',
                    reviewedAt: '2026-10-01T02:00:00Z',
                  },
          })),
        };
      },
    });
    requests = intercepted.requests;
    restoreFollowUp = intercepted.restore;
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: LEAD, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
  });
  afterEach(() => {
    cleanup();
    requests.length = 0;
  });
  afterAll(async () => {
    restoreFollowUp();
    restore();
    await t.drop();
  });

  const posts = () => requests.filter((r) => r.method === 'POST' && r.url.pathname === `/api/v1/measures/${CODE}/reports`);

  it('shows the returned comment, checks the KPI values and dates beside the fields, and sends only the filled KPIs (Japanese)', async () => {
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: `/measures/${CODE}/report` });
    const returned = await screen.findByTestId('report-returned');
    expect(within(returned).getByRole('heading', { name: '差し戻し' })).toBeInTheDocument();
    expect(returned).toHaveTextContent('遅延の理由を具体的に');

    const group = screen.getByRole('group', { name: /共同研究の件数/ });
    const value = within(group).getByLabelText(/実績値/);
    await user.type(value, '12,5');
    await user.tab();
    expect(value).toHaveAccessibleDescription(/数値で入力してください/);
    const date = within(group).getByLabelText(/時点/);
    await user.clear(date);
    await user.type(date, '2026-12-01');
    await user.tab();
    expect(date).toHaveAccessibleDescription(/未来の日付は指定できません（今日は 2026-11-26）/);

    await user.click(screen.getByRole('radio', { name: /順調/ }));
    await user.type(screen.getByLabelText(/進捗コメント/), '共同研究を3件追加した。');
    await user.click(screen.getByRole('button', { name: '報告を送信' }));
    // Nothing is sent while a KPI field is wrong; the summary lists it.
    expect(posts()).toHaveLength(0);
    expect(screen.getByRole('link', { name: /数値で入力してください/ })).toBeInTheDocument();

    await user.clear(value);
    await user.type(value, '12.5');
    await user.clear(date);
    await user.type(date, '2026-11-20');
    await user.type(within(group).getByLabelText(/出典/), '経産省調べ');
    await user.click(screen.getByRole('button', { name: '報告を送信' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]?.body).toMatchObject({
      health: 'on_track',
      note: '共同研究を3件追加した。',
      kpiObservations: [{ kpiId: 7, value: 12.5, observedOn: '2026-11-20', source: '経産省調べ' }],
    });
    await waitFor(() => expect(router.state.location.pathname).toBe(`/measures/${CODE}`));
  });

  it('has no accessibility violations axe can find without a layout', async () => {
    const { container } = renderWithApp(routes, { path: `/measures/${CODE}/report` });
    await screen.findByTestId('report-returned');
    // jsdom lays nothing out, so contrast is left to the browser scan (tests/e2e/accessibility.test.ts).
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('sends no kpiObservations when every KPI is left empty, and speaks English', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: `/measures/${CODE}/report`, language: 'en' });
    const returned = await screen.findByTestId('report-returned');
    expect(within(returned).getByRole('heading', { name: 'Returned' })).toBeInTheDocument();
    const group = screen.getByRole('group', { name: /Participating firms/ });
    const source = within(group).getByLabelText(/Source/);
    await user.type(source, 'survey');
    await user.tab();
    expect(within(group).getByLabelText(/Value/)).toHaveAccessibleDescription('');
    await user.click(screen.getByRole('radio', { name: /On track/ }));
    await user.type(screen.getByLabelText(/Progress note/), 'Three more projects.');
    await user.click(screen.getByRole('button', { name: 'Submit report' }));
    // A source alone is not an observation.
    expect(await screen.findByRole('link', { name: /a source alone cannot be sent/ })).toBeInTheDocument();
    expect(posts()).toHaveLength(0);
    await user.clear(source);
    await user.click(screen.getByRole('button', { name: 'Submit report' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]?.body).not.toHaveProperty('kpiObservations');
  });
});
