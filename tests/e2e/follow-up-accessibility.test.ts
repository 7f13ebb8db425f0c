import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../../client/lib/i18n';
import type { Language } from '../../client/lib/i18n';
import { en } from '../../client/lib/locales/en';
import { ja } from '../../client/lib/locales/ja';
import { roundListResponse } from '../../server/schemas/follow-up';
import { apiGet, describeInBrowser, seriousViolations, settle, test } from './support/browser-test';

// The secretariat's screens of the follow-up round (docs/product.md §5) on the sample data, signed in
// as the demo secretariat: WCAG 2 A/AA in both languages, colour contrast included (the jsdom scan in
// tests/client/features/follow-up-axe.test.tsx cannot judge it).

const SECRETARIAT = 'secretariat@demo.example.jp';
const PASSWORD = 'demo-pass-2026';
const LOCALES = { ja, en } as const;

/** Signs in through the form, in `language` as a returning user who chose it would (the remembered choice). */
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

describeInBrowser('the secretariat’s screens (axe-core)', () => {
  for (const language of ['ja', 'en'] as const) {
    for (const screen of ['rounds', 'round', 'review', 'verification', 'kpi-categories'] as const) {
      test(`${screen} in ${language === 'ja' ? 'Japanese' : 'English'}: no serious or critical WCAG 2 A/AA violations`, async ({
        page,
        e2e,
      }) => {
        let path = `/${screen}`;
        if (screen === 'round') {
          const { items } = await apiGet(e2e, '/api/v1/rounds', roundListResponse);
          const round = items.find((r) => r.state === 'open') ?? items[0];
          if (!round) throw new Error('the sample data has no rounds');
          path = `/rounds/${round.code}`;
        }
        await signInAs(page, language);
        await page.goto(path);
        await settle(page);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.getByText(LOCALES[language].followUp.forbidden).count()).toBe(0);
        const violations = await seriousViolations(page);
        expect(violations, `${path} (${language}):\n${violations.join('\n')}`).toEqual([]);
      });
    }
  }
});
