import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../../client/lib/i18n';
import { en } from '../../client/lib/locales/en';
import { ja } from '../../client/lib/locales/ja';
import { measureListResponse } from '../../server/schemas/responses';
import { apiGet, describeInBrowser, screenshot, seriousViolations, settle, test } from './support/browser-test';

// The analysis page 「分析」 (docs/product.md §5) on the seeded sample: both languages axe-clean, and a
// co-ownership cell opens the explorer listing exactly its count (ministry=a&partner=b).

const LOCALES = { ja, en } as const;

function countIn(text: string | null): number {
  const digits = (text ?? '').replace(/[^\d]/g, '');
  if (!digits) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(digits);
}

async function explorerCount(page: Page): Promise<number> {
  const count = page.getByTestId('result-count');
  await expect.poll(async () => /\d/.test((await count.textContent()) ?? '')).toBe(true);
  return countIn(await count.textContent());
}

describeInBrowser('the analysis page', () => {
  for (const language of ['ja', 'en'] as const) {
    test(`in ${language === 'ja' ? 'Japanese' : 'English'}: the three matrices, no serious or critical WCAG 2 A/AA violations`, async ({
      page,
      e2e,
    }) => {
      const t = LOCALES[language].analysis;
      await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
        LANGUAGE_STORAGE_KEY,
        language,
      ] as const);
      await page.goto('/analysis');
      await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
      for (const name of [t.fieldInstrument, t.fieldPillar, t.coOwnership]) {
        await page.getByRole('heading', { level: 2, name }).waitFor();
      }
      await page.getByTestId('matrix-co-ownership').locator('tbody td a').first().waitFor();
      await settle(page);
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      await screenshot(page, e2e, `analysis-${language}`);
      const violations = await seriousViolations(page);
      expect(violations, `/analysis (${language}):\n${violations.join('\n')}`).toEqual([]);
    });
  }

  test('a co-ownership cell leads to the explorer listing exactly its count', async ({ page, e2e }) => {
    await page.goto('/analysis');
    const cell = page.getByTestId('matrix-co-ownership').locator('tbody td a[href*="partner="]').first();
    await cell.waitFor();
    const shown = countIn(await cell.textContent());
    expect(await cell.getAttribute('href')).toMatch(/^\/measures\?ministry=[a-z-]+&partner=[a-z-]+$/);
    await cell.click();
    await page.waitForURL((url) => url.pathname === '/measures' && url.searchParams.has('partner'));
    expect(await explorerCount(page)).toBe(shown);
    const api = await apiGet(e2e, `/api/v1/measures?${new URL(page.url()).search.slice(1)}`, measureListResponse);
    expect(api.total).toBe(shown);
  });

  test('a field × instrument cell leads to the explorer listing exactly its count', async ({ page }) => {
    await page.goto('/analysis');
    const cell = page.getByTestId('matrix-field-instrument').locator('tbody td a').first();
    await cell.waitFor();
    const shown = countIn(await cell.textContent());
    await cell.click();
    await page.waitForURL((url) => url.pathname === '/measures' && url.searchParams.has('instrument'));
    expect(await explorerCount(page)).toBe(shown);
  });
});
