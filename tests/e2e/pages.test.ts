import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../../client/lib/locales/en';
import { ja } from '../../client/lib/locales/ja';
import { measureDetailResponse, measureListResponse, metaResponse, summaryResponse } from '../../server/schemas/responses';
import type { MetaResponse } from '../../server/schemas/responses';
import { apiGet, describeInBrowser, screenshot, settle, test } from './support/browser-test';
import type { AvailableEnvironment } from './support/browser-test';

// The pages a user actually walks through, in a real Chromium against the real server and the
// seeded sample data: dashboard → explorer → measure, the language toggle, and URLs that must
// reproduce a view (reload, back/forward, a pasted link).

/** The integer in a formatted count ("1,234 件の施策", "150 measures"). */
function countIn(text: string | null): number {
  const digits = (text ?? '').replace(/[^\d]/g, '');
  if (!digits) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(digits);
}

/**
 * The explorer's result count once a number shows (it reads 読み込み中… on first load). After a
 * filter change the previous number stays until the new one arrives, so compare with expect.poll.
 */
async function explorerCount(page: Page): Promise<number> {
  const count = page.getByTestId('result-count');
  await expect.poll(async () => /\d/.test((await count.textContent()) ?? '')).toBe(true);
  return countIn(await count.textContent());
}

function metaName(meta: MetaResponse, kind: 'fields' | 'statuses' | 'ministries', code: string): string {
  const item = meta[kind].find((x) => x.code === code);
  if (!item) throw new Error(`no ${kind} ${code} in /api/v1/meta`);
  return item.nameJa;
}

/** The filter bar's summary text of one filter (すべて, a name, or N 件選択). */
function filterValue(page: Page, key: string): Locator {
  return page.locator(`details.multi-select[data-filter="${key}"] .multi-select-value`);
}

async function pickFilter(page: Page, key: string, code: string): Promise<void> {
  await page.locator(`details.multi-select[data-filter="${key}"] > summary`).click();
  // click, not check(): the box is controlled by the URL, so it turns checked only after the
  // navigation the click starts, which check() would report as "did not change its state".
  await page.locator(`input[name="${key}"][value="${code}"]`).click();
  // Close the menu the way a keyboard user would, so it does not cover what comes next.
  await page.keyboard.press('Escape');
}

async function listTotal(e2e: AvailableEnvironment, query: string): Promise<number> {
  return (await apiGet(e2e, `/api/v1/measures?${query}`, measureListResponse)).total;
}

describeInBrowser('pages (real browser, real server, sample data)', () => {
  test('the dashboard opens in Japanese with the sample-data note', async ({ page, e2e }) => {
    await page.goto('/');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(ja.dashboard.title);
    await expect.poll(() => page.getByRole('note').textContent()).toBe(ja.app.sampleNote);
    // The headline figure is the sample data's, not a placeholder.
    const summary = await apiGet(e2e, '/api/v1/stats/summary', summaryResponse);
    await expect.poll(async () => countIn(await page.getByTestId('kpi-total').textContent())).toBe(summary.total);
    for (const heading of [ja.dashboard.byField, ja.dashboard.byMinistry, ja.dashboard.heatmap, ja.dashboard.behind]) {
      await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
    }
    await screenshot(page, e2e, 'dashboard-ja');
  });

  test('the language toggle switches to English and back, and the choice survives a reload', async ({ page, e2e }) => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: ja.dashboard.title }).waitFor();

    await page.getByRole('button', { name: ja.language.label }).click();
    await page.getByRole('heading', { level: 1, name: en.dashboard.title }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('note').textContent()).toBe(en.app.sampleNote);
    await screenshot(page, e2e, 'dashboard-en');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: en.dashboard.title }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('button', { name: en.language.label }).click();
    await page.getByRole('heading', { level: 1, name: ja.dashboard.title }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: ja.dashboard.title }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
  });

  test('the language toggle is found by the text it shows (label in name, WCAG 2.5.3)', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: ja.dashboard.title }).waitFor();

    // What a voice-control user says ("click English") is what the button shows, and starts its name.
    const english = page.getByRole('button', { name: ja.language.switchTo });
    expect(await english.textContent()).toBe(ja.language.switchTo);
    expect(await page.getByRole('button', { name: new RegExp(`^${ja.language.switchTo}`) }).count()).toBe(1);
    await english.click();
    await page.getByRole('heading', { level: 1, name: en.dashboard.title }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const japanese = page.getByRole('button', { name: en.language.switchTo });
    expect(await japanese.textContent()).toBe(en.language.switchTo);
    await japanese.click();
    await page.getByRole('heading', { level: 1, name: ja.dashboard.title }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
  });

  test('filtering the dashboard by a field puts field= in the URL and narrows the figures', async ({ page, e2e }) => {
    const meta = await apiGet(e2e, '/api/v1/meta', metaResponse);
    await page.goto('/');
    await settle(page);
    await pickFilter(page, 'field', 'quantum');
    await page.waitForURL((url) => url.searchParams.get('field') === 'quantum');
    await expect.poll(() => filterValue(page, 'field').textContent()).toBe(metaName(meta, 'fields', 'quantum'));
    const summary = await apiGet(e2e, '/api/v1/stats/summary?field=quantum', summaryResponse);
    await expect.poll(async () => countIn(await page.getByTestId('kpi-total').textContent())).toBe(summary.total);
  });

  test('a by-field table row leads to the explorer listing exactly its count', async ({ page, e2e }) => {
    await page.goto('/');
    const section = page.getByTestId('breakdown-field');
    await section.getByRole('button', { name: ja.common.showTable }).click();
    const row = section.locator('table.data-table tbody tr[data-code]').first();
    const field = await row.getAttribute('data-code');
    if (!field) throw new Error('the by-field table has no rows');
    // The row's total: the link in its last-but-one cell (the last one is the progress).
    const totalLink = row.locator('td.num').nth(-2).getByRole('link');
    const shown = countIn(await totalLink.textContent());
    expect(shown).toBeGreaterThan(0);

    await totalLink.click();
    await page.waitForURL((url) => url.pathname === '/measures' && url.searchParams.get('field') === field);
    expect(await explorerCount(page)).toBe(shown);
    expect(await listTotal(e2e, `field=${field}`)).toBe(shown);
  });

  test('a heat-map cell leads to the explorer listing exactly its count', async ({ page, e2e }) => {
    await page.goto('/');
    const cell = page.getByTestId('heatmap').locator('.heatmap tbody td a').first();
    const shown = countIn(await cell.textContent());
    const href = await cell.getAttribute('href');
    expect(href).toMatch(/^\/measures\?.*field=.*ministry=|^\/measures\?.*ministry=.*field=/);

    await cell.click();
    await page.waitForURL(
      (url) => url.pathname === '/measures' && url.searchParams.has('field') && url.searchParams.has('ministry'),
    );
    expect(await explorerCount(page)).toBe(shown);
    expect(await listTotal(e2e, new URL(page.url()).search.slice(1))).toBe(shown);
  });

  test('a measure opened from the explorer shows its detail page', async ({ page, e2e }) => {
    await page.goto('/measures');
    const firstRow = page.locator('tbody tr[data-code]').first();
    const code = await firstRow.getAttribute('data-code');
    if (!code) throw new Error('the explorer table has no rows');
    await screenshot(page, e2e, 'explorer-ja');

    await firstRow.getByRole('link', { name: code, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/measures/${code}`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toContain(code);
    const detail = await apiGet(e2e, `/api/v1/measures/${code}`, measureDetailResponse);
    expect(await heading.textContent()).toContain(detail.titleJa);
    await page.getByRole('heading', { level: 2, name: ja.detail.milestones }).waitFor();
    await page.getByRole('heading', { level: 2, name: ja.detail.reports }).waitFor();
    expect(await page.locator('ol.timeline > li').count()).toBe(detail.milestoneList.length);
    if (detail.reports.length > 0) {
      const reports = page.getByRole('table', { name: ja.detail.reports });
      expect(await reports.locator('tbody tr').count()).toBe(detail.reports.length);
    }
    await screenshot(page, e2e, 'detail-ja');
  });

  test('a filtered explorer URL reproduces its view after a reload', async ({ page, e2e }) => {
    const meta = await apiGet(e2e, '/api/v1/meta', metaResponse);
    const query = 'field=quantum&status=in_progress&sort=-progress';
    await page.goto(`/measures?${query}`);
    await page.reload();

    await expect.poll(() => filterValue(page, 'field').textContent()).toBe(metaName(meta, 'fields', 'quantum'));
    await expect.poll(() => filterValue(page, 'status').textContent()).toBe(metaName(meta, 'statuses', 'in_progress'));
    expect(await page.locator('input[name="field"][value="quantum"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="status"][value="in_progress"]').isChecked()).toBe(true);
    expect(await filterValue(page, 'ministry').textContent()).toBe(ja.filters.any);
    // The sort: key and direction are two selects next to the count.
    expect(await page.locator('.pagination select').nth(0).inputValue()).toBe('progress');
    expect(await page.locator('.pagination select').nth(1).inputValue()).toBe('desc');

    const api = await apiGet(e2e, `/api/v1/measures?${query}&pageSize=50&lang=ja`, measureListResponse);
    expect(api.total).toBeGreaterThan(0);
    expect(await explorerCount(page)).toBe(api.total);
    const codes = await page.locator('tbody tr[data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(codes).toEqual(api.items.map((m) => m.code));
  });

  test('back and forward restore the previous filter views', async ({ page, e2e }) => {
    const meta = await apiGet(e2e, '/api/v1/meta', metaResponse);
    await page.goto('/measures');
    const all = await explorerCount(page);

    await pickFilter(page, 'status', 'in_progress');
    await page.waitForURL((url) => url.searchParams.get('status') === 'in_progress');
    const inProgress = await listTotal(e2e, 'status=in_progress');
    await expect.poll(() => explorerCount(page)).toBe(inProgress);

    await pickFilter(page, 'ministry', 'meti');
    await page.waitForURL((url) => url.searchParams.get('ministry') === 'meti');
    const both = await listTotal(e2e, 'status=in_progress&ministry=meti');
    await expect.poll(() => explorerCount(page)).toBe(both);
    expect(both).toBeLessThan(inProgress);

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('status') === 'in_progress' && !url.searchParams.has('ministry'));
    await expect.poll(() => filterValue(page, 'ministry').textContent()).toBe(ja.filters.any);
    await expect.poll(() => explorerCount(page)).toBe(inProgress);

    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/measures' && url.search === '');
    await expect.poll(() => filterValue(page, 'status').textContent()).toBe(ja.filters.any);
    await expect.poll(() => explorerCount(page)).toBe(all);

    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('status') === 'in_progress');
    await expect.poll(() => filterValue(page, 'status').textContent()).toBe(metaName(meta, 'statuses', 'in_progress'));
    await expect.poll(() => explorerCount(page)).toBe(inProgress);

    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('ministry') === 'meti');
    await expect.poll(() => filterValue(page, 'ministry').textContent()).toBe(metaName(meta, 'ministries', 'meti'));
    await expect.poll(() => explorerCount(page)).toBe(both);
  });

  test('an unknown measure and an unknown page show a not-found page', async ({ page, e2e, problems }) => {
    // The page asks the API for the measure and is told 404: expected here, and only here.
    problems.allow(/\/api\/v1\/measures\/METI-9999(\?|$)/);
    await page.goto('/measures/METI-9999');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(ja.detail.notFound.replace('{{code}}', 'METI-9999'));
    await page.getByRole('link', { name: ja.common.backToDashboard }).waitFor();
    await screenshot(page, e2e, 'not-found-ja');

    await page.goto('/no-such-page');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(ja.common.notFound);
  });
});
