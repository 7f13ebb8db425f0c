// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RoundDetailPage } from '../../../../client/features/rounds/components/round-detail-page';
import { ja } from '../../../../client/lib/locales/ja';
import { roundDetail } from '../../../support/follow-up-fixtures';
import { apiError, json, mockApi, sessionUser } from '../../../support/mock-api';
import type { MockAnswer } from '../../../support/mock-api';
import { renderWithApp } from '../../../support/render-client';

// One round as a ministry × state grid, the measures to chase (missing first), and closing it.

const routes = [{ path: '/rounds/:code', element: <RoundDetailPage /> }];

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
});

function start(
  role: 'secretariat' | 'analyst',
  close: () => MockAnswer = () => json(roundDetail({ state: 'closed', closedAt: '2026-12-01T03:00:00.000Z' })),
) {
  api = mockApi(
    [
      { method: 'GET', path: '/rounds/2026-h2', answer: () => json(roundDetail()) },
      { method: 'GET', path: '/rounds/nope', answer: () => apiError(404, 'not_found', 'No such round') },
      { method: 'POST', path: '/rounds/2026-h2/close', answer: close },
    ],
    { user: sessionUser(role) },
  );
  return api;
}

const measureOrder = () =>
  [...document.querySelectorAll('[data-testid="round-measures"] tbody tr')].map((tr) => tr.getAttribute('data-measure'));

describe('a round’s page', () => {
  it('shows the grid with totals, the missing measures first, and filters the list from a cell', async () => {
    start('analyst');
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: '/rounds/2026-h2' });
    const grid = await screen.findByRole('table', { name: ja.round.gridCaption });
    const meti = grid.querySelector('tr[data-ministry="meti"]');
    if (!meti) throw new Error('no METI row');
    expect(
      within(meti as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '1', '0', '1', '1', '1']);
    const totals = grid.querySelector('tr[data-ministry="total"]');
    expect(totals).toHaveTextContent('合計');
    expect(
      within(totals as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['5', '1', '1', '1', '2', '1']);
    expect(screen.getByTestId('round-facts')).toHaveTextContent(
      '受付中・受付開始 2026年11月1日・期限 2026年12月15日（日本時間）',
    );

    // The secretariat chases the missing answers: they come first, then the returned one.
    expect(measureOrder()).toEqual(['METI-0003', 'MEXT-0002', 'METI-0002', 'METI-0001', 'MEXT-0001']);
    expect(screen.getByRole('link', { name: /METI-0003/ })).toHaveAttribute('href', '/measures/METI-0003');
    expect(document.querySelector('tr[data-measure="METI-0001"]')).toHaveTextContent('期限後');
    expect(document.querySelector('tr[data-measure="METI-0002"]')).toHaveTextContent('根拠資料を添付してください');

    await user.click(within(meti as HTMLElement).getByRole('link', { name: '経済産業省・未提出：1件' }));
    expect(router.state.location.search).toBe('?ministry=meti&state=missing');
    await waitFor(() => expect(measureOrder()).toEqual(['METI-0003']));
    // The keyboard follows the link to the list it filtered.
    await waitFor(() => expect(screen.getByRole('region', { name: ja.round.measuresTitle })).toHaveFocus());
    expect(screen.getByText(/絞り込み：経済産業省 · 未提出/)).toBeInTheDocument();
    await user.click(within(totals as HTMLElement).getByRole('link', { name: '合計・期限後：1件' }));
    await waitFor(() => expect(measureOrder()).toEqual(['METI-0001']));
    // Who may not close a round sees no button.
    expect(screen.queryByRole('button', { name: ja.round.close })).not.toBeInTheDocument();
  });

  it('closes the round after a confirmation, and says when it was already closed', async () => {
    let answer: MockAnswer = apiError(409, 'round_closed', 'The round is closed');
    const mock = start('secretariat', () => answer);
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/rounds/2026-h2' });
    await user.click(await screen.findByRole('button', { name: ja.round.close }));
    const dialog = screen.getByRole('dialog', { name: '照会「2026-h2」を締め切りますか？' });
    expect(dialog).toHaveTextContent('未提出：2件');
    // Cancel sends nothing.
    await user.click(within(dialog).getByRole('button', { name: ja.round.cancel }));
    expect(mock.sent('POST', '/rounds/2026-h2/close')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: ja.round.close }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: ja.round.closeConfirm }));
    expect(await screen.findByTestId('round-notice')).toHaveTextContent(ja.round.alreadyClosed);

    answer = json(roundDetail({ state: 'closed', closedAt: '2026-12-01T03:00:00.000Z' }));
    await user.click(screen.getByRole('button', { name: ja.round.close }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: ja.round.closeConfirm }));
    await waitFor(() => expect(screen.getByTestId('round-notice')).toHaveTextContent(ja.round.closed));
    expect(mock.sent('POST', '/rounds/2026-h2/close')).toHaveLength(2);
    expect(mock.sent('POST', '/rounds/2026-h2/close')[1]?.body).toBeUndefined();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('締切済み');
    expect(screen.queryByRole('button', { name: ja.round.close })).not.toBeInTheDocument();
  });

  it('says so when the round does not exist, and reads in English', async () => {
    start('analyst');
    renderWithApp(routes, { path: '/rounds/nope' });
    expect(await screen.findByRole('heading', { level: 1, name: '照会「nope」は見つかりません。' })).toBeInTheDocument();
    cleanup();
    renderWithApp(routes, { path: '/rounds/2026-h2', language: 'en' });
    expect(
      await screen.findByRole('table', { name: 'Answers by ministry (choose a count to filter the list below)' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('round-facts')).toHaveTextContent('Open · opens 1 Nov 2026 · due 15 Dec 2026 (Japan time)');
    expect(screen.getByRole('link', { name: 'METI, Missing: 1' })).toBeInTheDocument();
  });
});
