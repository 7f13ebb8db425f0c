import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../../client/lib/i18n';
import type { Language } from '../../client/lib/i18n';
import { en } from '../../client/lib/locales/en';
import { ja } from '../../client/lib/locales/ja';
import { describeInBrowser, seriousViolations, settle, test } from './support/browser-test';

// Freezing a meeting edition from the dashboard (docs/product.md §2 "Meetings and editions", §5),
// signed in as the demo secretariat: the dialog, landing on ?edition=, the banner, the editions list;
// WCAG 2 A/AA in both languages.

const SECRETARIAT = 'secretariat@demo.example.jp';
const PASSWORD = 'demo-pass-2026';
const LOCALES = { ja, en } as const;

async function signInAs(page: Page, language: Language): Promise<void> {
  const t = LOCALES[language];
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [LANGUAGE_STORAGE_KEY, language] as const);
  await page.goto('/login');
  await page.getByRole('heading', { level: 1, name: t.auth.title }).waitFor();
  await page.getByLabel(t.auth.email).fill(SECRETARIAT);
  await page.getByLabel(t.auth.password).fill(PASSWORD);
  await page.getByRole('button', { name: t.auth.submit }).click();
  await page.getByTestId('user-box').waitFor();
}

describeInBrowser('freezing a meeting edition', () => {
  for (const language of ['ja', 'en'] as const) {
    test(`from the dashboard to ?edition= in ${language === 'ja' ? 'Japanese' : 'English'}, axe-clean`, async ({ page }) => {
      const t = LOCALES[language];
      await signInAs(page, language);
      await page.goto('/?field=quantum');
      await settle(page);
      await page.getByRole('button', { name: t.editions.freeze }).click();
      const dialog = page.getByRole('dialog', { name: t.editions.dialogTitle });
      await dialog.waitFor();
      const dialogViolations = await seriousViolations(page);
      expect(dialogViolations, dialogViolations.join('\n')).toEqual([]);
      const code = `e2e-${language}-${Date.now()}`;
      await dialog.getByLabel(t.editions.code).fill(code);
      await dialog.getByRole('button', { name: t.editions.submit }).click();
      await page.waitForURL((url) => url.searchParams.get('edition') === code);
      const banner = page.getByTestId('edition-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain(language === 'ja' ? '量子' : 'Quantum');
      expect(await page.getByRole('region', { name: t.filters.title }).count()).toBe(0);
      await settle(page);
      const violations = await seriousViolations(page);
      expect(violations, violations.join('\n')).toEqual([]);

      await page.getByRole('link', { name: t.editions.latest }).click();
      await page.waitForURL((url) => !url.searchParams.has('edition'));
      await page.goto('/editions');
      await page.getByTestId('editions-table').waitFor();
      expect(await page.getByText(code).count()).toBe(1);
      await settle(page);
      const listViolations = await seriousViolations(page);
      expect(listViolations, listViolations.join('\n')).toEqual([]);
    });
  }
});
