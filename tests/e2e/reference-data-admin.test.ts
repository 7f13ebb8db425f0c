import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ja } from '../../client/lib/locales/ja';
import { describeInBrowser, screenshot, seriousViolations, settle, test } from './support/browser-test';

// Deadlines and meetings in the browser (issue 13 item 6; decision 026), in a real Chromium against the
// real server and the seeded demo accounts: the administrator adds a deadline on 「期限・会議」 (the form's
// own check first), finds it offered by the dashboard's deadline select, retires it after the
// confirmation, and the select no longer offers it. The deadline is far in the future and ends
// retired, so that it is never the default of the other browser tests sharing the server.

const PASSWORD = 'demo-pass-2026';
const ADMIN = 'admin@demo.example.jp';
const CODE = `e2e-${Date.now()}`;
const NAME_JA = `E2E期限 ${CODE}`;
const NAME_EN = `E2E deadline ${CODE}`;

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${what}:\n${violations.join('\n')}`).toEqual([]);
}

async function deadlineOptions(page: Page): Promise<string[]> {
  const select = page.getByRole('region', { name: ja.dashboard.deadline }).getByRole('combobox');
  await select.waitFor();
  return select.locator('option').allTextContents();
}

describeInBrowser('deadlines and meetings in the browser (real browser, real server, demo accounts)', () => {
  test(
    'an admin adds a deadline, the dashboard offers it; retired, it is offered no more',
    { timeout: 180_000 },
    async ({ page, e2e }) => {
      await page.goto('/login');
      await page.getByRole('heading', { level: 1, name: ja.auth.title }).waitFor();
      await page.getByLabel(ja.auth.email).fill(ADMIN);
      await page.getByLabel(ja.auth.password).fill(PASSWORD);
      await page.getByRole('button', { name: ja.auth.submit }).click();
      await page.getByTestId('user-box').waitFor();

      await page.getByRole('link', { name: ja.referenceData.nav }).click();
      await page.getByRole('heading', { level: 1, name: ja.referenceData.title }).waitFor();
      await page.getByTestId('deadlines-row-summer-2027').waitFor();
      await settle(page);
      await expectAccessible(page, 'deadlines and meetings page');
      await screenshot(page, e2e, 'reference-data-ja');

      // The form's own checks first: a code with capitals is refused before anything is sent.
      const form = page.getByTestId('deadlines-add-form');
      await form.getByLabel(ja.referenceData.form.code).fill('Summer-2099');
      await form.getByLabel(ja.referenceData.form.nameJa).fill(NAME_JA);
      await form.getByLabel(ja.referenceData.form.nameEn).fill(NAME_EN);
      await form.getByLabel(ja.referenceData.form.date).fill('2099-06-30');
      await form.getByRole('button', { name: ja.referenceData.form.submitAdd }).click();
      await expect.poll(() => form.getByTestId('error-summary').textContent()).toContain(ja.referenceData.form.codeInvalid);
      await expectAccessible(page, 'the add form with an error');
      await form.getByLabel(ja.referenceData.form.code).fill(CODE);
      await form.getByRole('button', { name: ja.referenceData.form.submitAdd }).click();

      const row = page.getByTestId(`deadlines-row-${CODE}`);
      await row.waitFor();
      await expect.poll(() => page.getByTestId('reference-notice').textContent()).toContain(CODE);
      expect(await row.textContent()).toContain(ja.referenceData.inForce);

      // ── The dashboard offers it at once ──
      await page.getByRole('link', { name: ja.nav.dashboard, exact: true }).click();
      await expect.poll(async () => (await deadlineOptions(page)).join('\n')).toContain(NAME_JA);
      await screenshot(page, e2e, 'dashboard-with-new-deadline-ja');

      // ── Retired after the confirmation, it is offered no more ──
      await page.getByRole('link', { name: ja.referenceData.nav }).click();
      await row.waitFor();
      await page.getByRole('button', { name: ja.referenceData.retireLabel.replace('{{code}}', CODE) }).click();
      const dialog = page.getByRole('dialog', { name: ja.referenceData.confirmRetireTitle.replace('{{code}}', CODE) });
      await dialog.waitFor();
      await expectAccessible(page, 'the retire confirmation');
      await dialog.getByRole('button', { name: ja.referenceData.retire, exact: true }).click();
      await expect.poll(() => row.textContent()).toContain(ja.referenceData.retired);
      await page.getByRole('link', { name: ja.nav.dashboard, exact: true }).click();
      await expect.poll(async () => (await deadlineOptions(page)).join('\n')).not.toContain(NAME_JA);
      expect((await deadlineOptions(page)).length).toBeGreaterThan(0);
    },
  );
});
