import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../../client/lib/i18n';
import type { Language } from '../../client/lib/i18n';
import { en } from '../../client/lib/locales/en';
import { ja } from '../../client/lib/locales/ja';
import { changesResponse } from '../../server/schemas/meeting-pack';
import { metaResponse } from '../../server/schemas/responses';
import { apiGet, describeInBrowser, screenshot, seriousViolations, settle, test } from './support/browser-test';

// 「前回会議からの変化」on the seeded sample (docs/product.md §5): the page in Japanese and English,
// axe-clean, its counts those of GET /changes since the last meeting, and an item's link opening
// its measure.

const LOCALES = { ja, en } as const;

async function openIn(page: Page, language: Language, path: string): Promise<void> {
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [LANGUAGE_STORAGE_KEY, language] as const);
  await page.goto(path);
  await settle(page);
}

describeInBrowser('the changes since the last meeting', () => {
  for (const language of ['ja', 'en'] as const) {
    test(`/changes in ${language === 'ja' ? 'Japanese' : 'English'}: the counts of the API, axe-clean, an item opens its measure`, async ({
      page,
      e2e,
    }) => {
      const meta = await apiGet(e2e, '/api/v1/meta', metaResponse);
      const api = await apiGet(e2e, '/api/v1/changes', changesResponse);
      // The sample holds past meetings: the default start is the last one held.
      expect(api.from.meeting).toBe(meta.lastMeeting);
      expect(api.items.length).toBeGreaterThan(0);

      await openIn(page, language, '/changes');
      const t = LOCALES[language].changes;
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: t.title }).count()).toBe(1);
      for (const kind of ['status_changed', 'milestone_completed', 'newly_stale'] as const) {
        const shown = await page.getByTestId(`changes-count-${kind}`).textContent();
        expect(shown?.replace(/[,\s]/g, ''), kind).toBe(String(api.counts[kind]));
      }
      await screenshot(page, e2e, `changes-${language}`);
      const violations = await seriousViolations(page);
      expect(violations, `/changes (${language}):\n${violations.join('\n')}`).toEqual([]);

      // Grouped by lead ministry through the URL, then the first item's measure.
      await page.getByLabel(t.groupMinistry).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('group')).toBe('ministry');
      const ministries = new Set(api.items.map((i) => `changes-group-${i.measure.leadMinistry}`));
      await expect
        .poll(async () =>
          ministries.has((await page.locator('[data-testid^="changes-group-"]').first().getAttribute('data-testid')) ?? ''),
        )
        .toBe(true);
      const link = page.locator('.changes-item a').first();
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^\/measures\/[A-Z]+-\d+$/);
      await link.click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(href);
      const code = href?.split('/').at(-1) ?? '';
      await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toContain(code);
    });
  }
});
