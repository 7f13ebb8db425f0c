// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DashboardPage } from '../../../../client/features/dashboard/components/dashboard-page';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import { fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';
import { DOWNLOAD_FILTERS, DOWNLOAD_PARAMS, expectEveryFormat, openDownloadMenu } from '../../support/download-links';

// The dashboard over a real API and database (tests/support/fixture-measures.ts, clock pinned at
// 2026-11-26): the figures it shows are the fixture's hand-computed ones.

/** The explorer stands in as a marker page, so that following a link can be observed. */
const routes = [
  { path: '/', element: <DashboardPage /> },
  { path: '/measures', element: <p>explorer</p> },
  { path: '/measures/:code', element: <p>detail</p> },
];

function section(testId: string): HTMLElement {
  return screen.getByTestId(testId);
}

const LOCALES = { ja, en } as const;

/** Whether the ResizeObserver stub gives charts a size to draw in. */
let drawCharts = false;

describe('the executive dashboard', () => {
  let t: TestApp;
  let restore: () => void;
  beforeAll(async () => {
    // jsdom has no ResizeObserver and lays nothing out. Recharts' ResponsiveContainer measures its
    // box on mount (0 × 0 here, so nothing is drawn) and then listens for resizes. Where a test wants
    // the charts drawn, report one fixed size, once; drawing SVG in jsdom is slow, so only there.
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly callback: ResizeObserverCallback) {}
        observe(target: Element) {
          if (!drawCharts) return;
          const entry: ResizeObserverEntry = {
            target,
            contentRect: new DOMRectReadOnly(0, 0, 600, 400),
            borderBoxSize: [],
            contentBoxSize: [],
            devicePixelContentBoxSize: [],
          };
          queueMicrotask(() => this.callback([entry], this));
        }
        unobserve() {}
        disconnect() {}
      },
    );
    t = await createTestApp('sqlite', { measures: fixtureMeasures() });
    restore = routeFetchTo(t.app);
  });
  afterEach(() => {
    cleanup();
    drawCharts = false;
  });
  afterAll(async () => {
    restore();
    vi.unstubAllGlobals();
    await t.drop();
  });

  it('shows the Japanese headings, the fixture totals, the forecast in words and the charts', async () => {
    drawCharts = true;
    renderWithApp(routes, { path: '/' });
    expect(await screen.findByRole('heading', { level: 1, name: '幹部ダッシュボード' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('kpi-total')).toHaveTextContent('12'));
    for (const name of ['期限に向けた進捗', '遅れている施策', '戦略分野別', '府省庁別', '戦略分野 × 府省庁']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeInTheDocument();
    }
    // The default deadline is the next upcoming one: summer-2027, 216 days away.
    expect(screen.getByRole('combobox', { name: '目標期限' })).toHaveValue('summer-2027');
    expect(screen.getByText('期限まで あと216日')).toBeInTheDocument();
    // 15/38 done, 5/90 per day → 27/38 at the deadline; 23 left → 2028-01-14, 198 days late.
    await waitFor(() =>
      expect(screen.getByTestId('forecast-sentence')).toHaveTextContent(
        '直近90日間のペースが続くと、期限（2027年6月30日）時点の進捗は 71.1% の見込みです（現在 39.5%）。' +
          ' 残りのマイルストーンは 2028年1月14日 に完了する見込みで、期限より198日遅れます。',
      ),
    );
    expect(screen.getByText(/線形予測：基準日までの直近90日間/)).toBeInTheDocument();
    // The charts arrive from their lazily loaded chunk and draw (one bar per field with measures).
    await waitFor(() => expect(section('breakdown-field').querySelector('.recharts-surface')).not.toBeNull());
    await waitFor(() => expect(section('breakdown-field').querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0));
  });

  it('links each by-field table row, and each of its counts, to exactly those measures in the explorer', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/' });
    const byField = await screen.findByTestId('breakdown-field');
    const toggle = await within(byField).findByRole('button', { name: '数値を表で表示' });
    await user.click(toggle);
    const table = within(byField).getByRole('table');
    const rowLink = within(table).getByRole('link', { name: 'AI・半導体' });
    expect(rowLink).toHaveAttribute('href', '/measures?field=ai-semiconductors');
    // ai-semiconductors: METI-0001, MEXT-0002, CAO-0003, all in progress.
    const row = rowLink.closest('tr');
    if (!row) throw new Error('no table row');
    expect(within(row).getByRole('link', { name: 'AI・半導体・実施中の施策 3 件を一覧で表示' })).toHaveAttribute(
      'href',
      '/measures?field=ai-semiconductors&status=in_progress',
    );
    // Split by health instead: one on track, one off track, one stale.
    await user.click(within(byField).getByRole('radio', { name: '状況別' }));
    const healthRow = within(within(byField).getByRole('table')).getByRole('link', { name: 'AI・半導体' }).closest('tr');
    if (!healthRow) throw new Error('no table row');
    expect(within(healthRow).getByRole('link', { name: 'AI・半導体・未更新の施策 1 件を一覧で表示' })).toHaveAttribute(
      'href',
      '/measures?field=ai-semiconductors&health=stale',
    );
    await user.click(rowLink);
    expect(await screen.findByText('explorer')).toBeInTheDocument();
  });

  it('makes each heat-map cell a link to the field and ministry it counts', async () => {
    renderWithApp(routes, { path: '/' });
    const heatmap = await screen.findByTestId('heatmap');
    // quantum × meti: METI-0001 only, on track.
    const cell = await within(heatmap).findByRole('link', { name: '量子 × 経済産業省：1 件（うち遅延・未更新 0 件）' });
    expect(cell).toHaveAttribute('href', '/measures?field=quantum&ministry=meti');
    expect(cell).toHaveTextContent('1');
  });

  it('lists the measures most behind, most behind first, linking to their pages', async () => {
    renderWithApp(routes, { path: '/' });
    const list = await screen.findByTestId('behind-list');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(6));
    const links = within(list)
      .getAllByRole('link')
      .map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      '/measures/CAO-0003',
      '/measures/FSA-0010',
      '/measures/MEXT-0002',
      '/measures/MOD-0004',
      '/measures/MOFA-0009',
      '/measures/MAFF-0006',
      '/measures?sort=behind',
    ]);
  });

  it('keeps a chosen deadline in the URL and measures against it', async () => {
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: '/?field=ai-semiconductors' });
    const select = await screen.findByRole('combobox', { name: '目標期限' });
    await waitFor(() => expect(screen.getByTestId('kpi-total')).toHaveTextContent('3'));
    await user.selectOptions(select, 'summer-2026');
    expect(router.state.location.search).toBe('?field=ai-semiconductors&deadline=summer-2026');
    // Due by 2026-06-30 among ai-semiconductors: METI-0001 #1 (2, done), MEXT-0002 #1 (1, done), CAO-0003 #1 (2, open).
    await waitFor(() =>
      expect(screen.getByTestId('forecast-sentence')).toHaveTextContent(
        '期限（2026年6月30日）は過ぎています。期限までのマイルストーンの進捗は現在 60.0% です。',
      ),
    );
    expect(screen.getByText('期限から 149日経過')).toBeInTheDocument();
  });

  it('says so when the filters match nothing, and clears them on request', async () => {
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: '/?q=zzzzzz' });
    expect(await screen.findByText('条件に一致する施策はありません。')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 2, name: '戦略分野別' })).not.toBeInTheDocument();
    await user.click(
      within(screen.getByText('条件に一致する施策はありません。').parentElement ?? document.body).getByRole('button'),
    );
    expect(router.state.location.search).toBe('');
    await waitFor(() => expect(screen.getByTestId('kpi-total')).toHaveTextContent('12'));
  });

  it('speaks English when asked', async () => {
    renderWithApp(routes, { path: '/', language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Executive dashboard' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('forecast-sentence')).toHaveTextContent('projected at 71.1% (now 39.5%)'));
    expect(screen.getByText('216 days left')).toBeInTheDocument();
  });

  // Each section's download menu exports that section as it is on screen: the filters, the as-of date
  // and the deadline in the URL, in the page's language. The "most behind" list exports the measure
  // list in its order, which takes no deadline.
  for (const language of ['ja', 'en'] as const) {
    it(`links every section's download formats to its export with the filters, as-of date and deadline (${language})`, async () => {
      const user = userEvent.setup();
      const { dashboard, download } = LOCALES[language];
      renderWithApp(routes, { path: `/?${DOWNLOAD_FILTERS}&deadline=summer-2026`, language });
      await waitFor(() => expect(screen.getByTestId('kpi-total')).toHaveTextContent('1'));
      const named = (title: string) => `${download.label} ${download.context.replace('{{name}}', title)}`;
      const sections = [
        { testId: 'burnup', title: dashboard.progressTowardDeadline, view: 'burnup' },
        { testId: 'breakdown-field', title: dashboard.byField, view: 'by-field' },
        { testId: 'breakdown-ministry', title: dashboard.byMinistry, view: 'by-ministry' },
        { testId: 'heatmap', title: dashboard.heatmap, view: 'heatmap' },
      ];
      for (const { testId, title, view } of sections) {
        const links = await openDownloadMenu(user, named(title), section(testId));
        expectEveryFormat(links, view, { ...DOWNLOAD_PARAMS, deadline: 'summer-2026', lang: language });
      }
      const behind = await openDownloadMenu(user, named(dashboard.behind), section('behind-list'));
      expectEveryFormat(behind, 'measures', { ...DOWNLOAD_PARAMS, sort: 'behind', lang: language });
    });
  }

  it('downloads without a deadline until one is chosen, in the language the page is in', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/' });
    await waitFor(() => expect(screen.getByTestId('kpi-total')).toHaveTextContent('12'));
    const links = await openDownloadMenu(user, 'ダウンロード （戦略分野 × 府省庁）', section('heatmap'));
    expect(links.xlsx).toEqual({ path: '/api/v1/exports/heatmap.xlsx', params: { lang: 'ja' } });
  });
});
