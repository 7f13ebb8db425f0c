// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { KpiConfirmationPage } from '../../../../client/features/kpi-confirmation/components/kpi-confirmation-page';
import { ja } from '../../../../client/lib/locales/ja';
import { kpiQueueItem } from '../../../support/follow-up-fixtures';
import { apiError, json, mockApi, sessionUser } from '../../../support/mock-api';
import type { MockAnswer } from '../../../support/mock-api';
import { renderWithApp } from '../../../support/render-client';

// KPI categories to confirm (docs/product.md §4): the computed category in words beside the pacing
// figures; confirm it as computed, or override it with a required reason.

const routes = [{ path: '/kpi-categories', element: <KpiConfirmationPage /> }];
const item = kpiQueueItem();
const noData = kpiQueueItem({
  id: 6,
  nameJa: '量子人材の育成数',
  nameEn: 'Quantum specialists trained',
  unit: '人',
  observations: [],
  computedCategory: 'N',
  category: 'N',
  achievedShare: null,
  elapsedShare: null,
});

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
});

function start(confirm: () => MockAnswer = () => json(item), role: 'secretariat' | 'executive' = 'secretariat') {
  api = mockApi(
    [
      { method: 'GET', path: '/kpis', answer: () => json({ items: [item, noData], total: 2, page: 1, pageSize: 20 }) },
      { method: 'POST', path: /^\/kpis\/\d+\/category$/, answer: confirm },
    ],
    { user: sessionUser(role) },
  );
  return api;
}

const article = (name: string) => screen.findByRole('article', { name });

describe('the KPI categories to confirm', () => {
  it('shows the pacing facts and the computed category in words, in both languages', async () => {
    const mock = start();
    renderWithApp(routes, { path: '/kpi-categories' });
    const kpi = await article('METI-0001：国内生産能力');
    expect(mock.sent('GET', '/kpis')[0]?.query.get('confirmation')).toBe('pending');
    expect(kpi).toHaveTextContent('10 万枚/月（2024年4月1日）→ 50 万枚/月（2030年3月31日）');
    expect(within(kpi).getByTestId('kpi-latest')).toHaveTextContent('18 万枚/月（2026年9月30日、工場稼働報告）');
    expect(within(kpi).getByTestId('kpi-computed')).toHaveTextContent('B 遅れ');
    expect(within(kpi).getByTestId('kpi-shares')).toHaveTextContent('達成 20.0% / 経過 42.0%');
    const none = await article('METI-0001：量子人材の育成数');
    expect(within(none).getByTestId('kpi-computed')).toHaveTextContent('N データなし');
    expect(within(none).getByTestId('kpi-latest')).toHaveTextContent(ja.kpiConfirm.noObservation);
    cleanup();
    renderWithApp(routes, { path: '/kpi-categories', language: 'en' });
    const english = await article('METI-0001: Domestic production capacity');
    expect(within(english).getByTestId('kpi-computed')).toHaveTextContent('B Behind pace');
    expect(within(english).getByTestId('kpi-shares')).toHaveTextContent('achieved 20.0% / elapsed 42.0%');
    expect(within(english).getByRole('radio', { name: /^A \(On pace\)/ })).toBeInTheDocument();
  });

  it('confirms the computed category with the latest observation it was judged on', async () => {
    const mock = start();
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/kpi-categories' });
    const kpi = await article('METI-0001：国内生産能力');
    expect(within(kpi).getByRole('radio', { name: /^B（遅れ）/ })).toBeChecked();
    await user.click(within(kpi).getByRole('button', { name: ja.kpiConfirm.confirm }));
    expect(await screen.findByTestId('kpi-notice')).toHaveTextContent('METI-0001「国内生産能力」を区分 B で確定しました。');
    const [post] = mock.sent('POST', '/kpis/5/category');
    expect(post?.body).toEqual({ category: 'B', reason: '', observationId: 901 });
    // With no observation there is none to name.
    const none = await article('METI-0001：量子人材の育成数');
    await user.click(within(none).getByRole('button', { name: ja.kpiConfirm.confirm }));
    await waitFor(() =>
      expect(mock.sent('POST', '/kpis/6/category')[0]?.body).toEqual({ category: 'N', reason: '', observationId: null }),
    );
  });

  it('needs a reason to override the computed category', async () => {
    const mock = start();
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/kpi-categories' });
    const kpi = await article('METI-0001：国内生産能力');
    await user.click(within(kpi).getByRole('radio', { name: /^A（順調）/ }));
    await user.click(within(kpi).getByRole('button', { name: ja.kpiConfirm.confirm }));
    const reason = within(kpi).getByLabelText(ja.kpiConfirm.reason);
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(expect.stringContaining(ja.kpiConfirm.reasonRequired));
    expect(mock.sent('POST', '/kpis/5/category')).toHaveLength(0);
    await user.type(reason, '年度末に新工場が稼働し目標ペースに戻る見込み');
    await user.click(within(kpi).getByRole('button', { name: ja.kpiConfirm.confirm }));
    await waitFor(() =>
      expect(mock.sent('POST', '/kpis/5/category')[0]?.body).toEqual({
        category: 'A',
        reason: '年度末に新工場が稼働し目標ペースに戻る見込み',
        observationId: 901,
      }),
    );
  });

  it('says a newer observation came in meanwhile (409), and is refused to roles without the right', async () => {
    start(() => apiError(409, 'kpi_observation_changed', 'A newer observation exists'));
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/kpi-categories' });
    const kpi = await article('METI-0001：国内生産能力');
    await user.click(within(kpi).getByRole('button', { name: ja.kpiConfirm.confirm }));
    expect(await within(kpi).findByTestId('kpi-refusal')).toHaveTextContent(ja.kpiConfirm.observationChanged);
    cleanup();
    api?.restore();
    const mock = start(undefined, 'executive');
    renderWithApp(routes, { path: '/kpi-categories' });
    expect(await screen.findByRole('alert')).toHaveTextContent(ja.followUp.forbidden);
    expect(mock.sent('GET', '/kpis')).toHaveLength(0);
  });
});
