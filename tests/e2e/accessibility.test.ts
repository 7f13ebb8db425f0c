import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../../client/lib/i18n';
import type { Language } from '../../client/lib/i18n';
import { en } from '../../client/lib/locales/en';
import { ja } from '../../client/lib/locales/ja';
import { measureListResponse } from '../../server/schemas/responses';
import { apiGet, describeInBrowser, seriousViolations, settle, test } from './support/browser-test';
import type { AvailableEnvironment } from './support/browser-test';

// WCAG 2 A/AA in both languages, label in name included (axe-core on the rendered pages, data tables
// opened so that they are scanned too), and the keyboard path every page starts with: skip link,
// navigation, language.

const LOCALES = { ja, en } as const;

interface FocusState {
  tag: string;
  text: string;
  className: string;
  href: string | null;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
  visible: boolean;
}

/** Starts the page in `language` as a returning user who chose it would (the remembered choice). */
async function openIn(page: Page, language: Language, path: string): Promise<void> {
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [LANGUAGE_STORAGE_KEY, language] as const);
  await page.goto(path);
  await settle(page);
}

/** Opens every "show the numbers as a table" toggle, so the tables behind the charts are scanned too. */
async function openDataTables(page: Page, language: Language): Promise<void> {
  const toggles = page.getByRole('button', { name: LOCALES[language].common.showTable });
  for (let n = await toggles.count(); n > 0; n = await toggles.count()) {
    await toggles.first().click();
    await expect.poll(() => toggles.count()).toBe(n - 1);
  }
}

/** A measure code that exists: the first one the API lists. */
async function realMeasureCode(e2e: AvailableEnvironment): Promise<string> {
  const { items } = await apiGet(e2e, '/api/v1/measures?pageSize=1', measureListResponse);
  const code = items[0]?.code;
  if (!code) throw new Error('the sample data has no measures');
  return code;
}

async function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement)) throw new Error('nothing is focused');
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      text: el.textContent?.trim() ?? '',
      className: el.className,
      href: el.getAttribute('href'),
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      boxShadow: style.boxShadow,
      visible:
        box.width > 0 &&
        box.height > 0 &&
        box.right > 0 &&
        box.bottom > 0 &&
        box.left < window.innerWidth &&
        box.top < window.innerHeight,
    };
  });
}

/** A focus indicator a sighted keyboard user can see: a real outline, or a box shadow. */
function hasFocusIndicator(state: FocusState): boolean {
  const outline = state.outlineStyle !== 'none' && Number.parseFloat(state.outlineWidth) >= 2;
  return outline || state.boxShadow !== 'none';
}

describeInBrowser('accessibility (axe-core, keyboard)', () => {
  // One test per page and language: a failure names the page, and no test holds three scans.
  for (const language of ['ja', 'en'] as const) {
    for (const screen of ['dashboard', 'explorer', 'detail'] as const) {
      test(`${screen} in ${language === 'ja' ? 'Japanese' : 'English'}: no serious or critical WCAG 2 A/AA violations`, async ({
        page,
        e2e,
      }) => {
        const path =
          screen === 'dashboard' ? '/' : screen === 'explorer' ? '/measures' : `/measures/${await realMeasureCode(e2e)}`;
        await openIn(page, language, path);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        // The tables behind the charts are scanned once, in Japanese: they are the same markup and styles
        // in English, and colour contrast over their hundreds of cells is by far the slowest part of a scan.
        if (screen === 'dashboard' && language === 'ja') await openDataTables(page, language);
        const violations = await seriousViolations(page);
        expect(violations, `${path} (${language}):\n${violations.join('\n')}`).toEqual([]);
      });
    }
  }

  // The download menu's links exist only while it is open, so the page scans above never see them.
  for (const language of ['ja', 'en'] as const) {
    test(`the explorer's download menu, opened by keyboard, in ${language === 'ja' ? 'Japanese' : 'English'}: no violations, visible focus, Escape returns`, async ({
      page,
    }) => {
      await openIn(page, language, '/measures?field=quantum');
      const button = page.getByRole('button', { name: LOCALES[language].download.label, exact: true });
      await button.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      const focused = await focusState(page);
      expect(focused.text).toBe(LOCALES[language].download.formats.csv);
      expect(focused.href).toMatch(new RegExp(`^/api/v1/exports/measures\\.csv\\?field=quantum&sort=code&lang=${language}$`));
      expect(focused.visible && hasFocusIndicator(focused), JSON.stringify(focused)).toBe(true);
      const violations = await seriousViolations(page);
      expect(violations, `download menu (${language}):\n${violations.join('\n')}`).toEqual([]);
      await page.keyboard.press('Escape');
      expect(await button.evaluate((el) => el === document.activeElement && el.getAttribute('aria-expanded'))).toBe('false');
    });
  }

  test('Tab from the top reaches the skip link, the navigation and the language toggle, each visibly focused', async ({
    page,
  }) => {
    await page.goto('/');
    await settle(page);

    // Tab until the language toggle; whatever the header holds besides (a sign-in link, say) must
    // show focus as well.
    const stops: FocusState[] = [];
    while (stops.length < 12 && !stops.at(-1)?.className.includes('language-toggle')) {
      await page.keyboard.press('Tab');
      stops.push(await focusState(page));
    }
    const names = stops.map((s) =>
      s.className.includes('skip-link')
        ? 'skip link'
        : s.className.includes('language-toggle')
          ? 'language toggle'
          : (s.href ?? s.text),
    );
    expect(names[0], `Tab order: ${names.join(' → ')}`).toBe('skip link');
    expect(names.at(-1), `Tab order: ${names.join(' → ')}`).toBe('language toggle');
    expect(names.indexOf('/'), `Tab order: ${names.join(' → ')}`).toBeGreaterThan(0);
    expect(names.indexOf('/measures'), `Tab order: ${names.join(' → ')}`).toBeGreaterThan(names.indexOf('/'));
    expect(stops.at(-1)?.text).toBe(ja.language.switchTo);
    for (const stop of stops) {
      expect(stop.visible, `${stop.tag} "${stop.text}" is on screen while focused`).toBe(true);
      expect(hasFocusIndicator(stop), `${stop.tag} "${stop.text}" shows focus: ${JSON.stringify(stop)}`).toBe(true);
    }

    // The skip link does what it says: Enter moves focus to the main content.
    for (let i = 1; i < stops.length; i++) await page.keyboard.press('Shift+Tab');
    expect((await focusState(page)).className).toContain('skip-link');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});
