// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExplorerPage } from '../../../../client/features/measures/components/explorer-page';
import { fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';
import { DOWNLOAD_FILTERS, DOWNLOAD_PARAMS, expectEveryFormat, openDownloadMenu } from '../../support/download-links';

// The explorer over a real API and database (tests/support/fixture-measures.ts): the URL drives
// the filters, and editing a filter writes it back to the URL. Its download menu exports the view in
// the URL: every filter, the sort and the as-of date, in the page's language, all pages.

describe('the measure explorer', () => {
  let t: TestApp;
  let restore: () => void;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: fixtureMeasures() });
    restore = routeFetchTo(t.app);
  });
  afterEach(cleanup);
  afterAll(async () => {
    restore();
    await t.drop();
  });

  const routes = [{ path: '/measures', element: <ExplorerPage /> }];

  it('shows the view a URL describes', async () => {
    renderWithApp(routes, { path: '/measures?field=ai-semiconductors&sort=-code' });
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('3 件の施策'));
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-code'))).toEqual(['MEXT-0002', 'METI-0001', 'CAO-0003']);
    const fieldFilter = document.querySelector('[data-filter="field"]');
    expect(fieldFilter).toHaveTextContent('AI・半導体');
  });

  it('writes a changed filter, sort and page back to the URL', async () => {
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: '/measures' });
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('12 件の施策'));

    const statusFilter = document.querySelector<HTMLElement>('[data-filter="status"]');
    if (!statusFilter) throw new Error('no status filter');
    const summary = statusFilter.querySelector('summary');
    if (!summary) throw new Error('no summary');
    await user.click(summary);
    await user.click(within(statusFilter).getByLabelText('実施中'));
    await waitFor(() => expect(router.state.location.search).toBe('?status=in_progress'));
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('7 件の施策'));

    await user.click(screen.getByRole('button', { name: /進捗/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=in_progress&sort=progress'));

    const search = screen.getByRole('searchbox');
    await user.type(search, '量子{Enter}');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('q')).toBe('量子'));
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('1 件の施策'));
  });

  it('offers to clear the filters when nothing matches', async () => {
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: '/measures?q=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84' });
    await screen.findByText('条件に一致する施策はありません。');
    await user.click(screen.getAllByRole('button', { name: '絞り込みを解除' }).at(-1) as HTMLElement);
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  for (const [language, name, count] of [
    ['ja', 'ダウンロード', '1 件の施策'],
    ['en', 'Download', '1 measure'],
  ] as const) {
    it(`links every download format to the measures export of the view on screen (${language})`, async () => {
      const user = userEvent.setup();
      renderWithApp(routes, { path: `/measures?${DOWNLOAD_FILTERS}&sort=-progress&page=2&pageSize=20`, language });
      await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent(count));
      expectEveryFormat(await openDownloadMenu(user, name), 'measures', {
        ...DOWNLOAD_PARAMS,
        sort: '-progress',
        lang: language,
      });
    });
  }

  it('downloads what it shows: a changed sort is in the next download, the default sort is sent as the list sends it', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/measures' });
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('12 件の施策'));
    expect((await openDownloadMenu(user, 'ダウンロード')).csv.params).toEqual({ sort: 'code', lang: 'ja' });
    await user.click(screen.getByRole('button', { name: /進捗/ }));
    await waitFor(() => expect(screen.getByRole('columnheader', { name: /進捗/ })).toHaveAttribute('aria-sort', 'ascending'));
    expect((await openDownloadMenu(user, 'ダウンロード')).json).toEqual({
      path: '/api/v1/exports/measures.json',
      params: { sort: 'progress', lang: 'ja' },
    });
  });
});
