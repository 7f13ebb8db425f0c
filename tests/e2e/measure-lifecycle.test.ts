import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../../client/lib/locales/en';
import { ja } from '../../client/lib/locales/ja';
import { measureDetailResponse, summaryResponse } from '../../server/schemas/responses';
import { apiGet, describeInBrowser, screenshot, seriousViolations, test } from './support/browser-test';

// A measure's life in the product (issue 13 item 7, docs/decisions/023), in a real Chromium against the
// real server and the demo accounts: a METI lead registers a measure with a first milestone, adds
// another on the milestones page, edits its title, and finds it counted on the dashboard; the form
// checks in both languages.

const PASSWORD = 'demo-pass-2026';
const LEAD = 'lead.meti@demo.example.jp';
const E = ja.measureEditor;

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(ja.auth.email).fill(email);
  await page.getByLabel(ja.auth.password).fill(PASSWORD);
  await page.getByRole('button', { name: ja.auth.submit }).click();
  await page.getByTestId('user-box').waitFor();
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${what}:\n${violations.join('\n')}`).toEqual([]);
}

describeInBrowser('registering and maintaining a measure (real browser, real server, demo accounts)', () => {
  test(
    'a METI lead registers a measure, adds a milestone, edits it, and sees it on the dashboard',
    { timeout: 240_000 },
    async ({ page, e2e }) => {
      const before = await apiGet(e2e, '/api/v1/stats/summary', summaryResponse);
      await signIn(page, LEAD);

      // ── From My ministry to the form; its checks first ──
      await page.goto('/my');
      await page.getByTestId('my-new-measure').click();
      await page.getByRole('heading', { level: 1, name: E.newTitle }).waitFor();
      await page.getByRole('button', { name: E.register }).click();
      await page.getByTestId('error-summary').waitFor();
      expect(await page.getByTestId('error-summary').textContent()).toContain(E.errors.titleRequired);
      await expectAccessible(page, 'the registration form with errors');
      await screenshot(page, e2e, 'measure-new-errors-ja');

      // ── Fill it in and register ──
      await page.getByLabel(E.titleJa, { exact: true }).first().fill('E2E 量子センサの社会実装');
      await page.getByLabel(E.titleEn, { exact: true }).first().fill('E2E deploying quantum sensors');
      await page.getByLabel(E.pillar).selectOption('startup-finance');
      await page.getByLabel(E.primaryField).selectOption('quantum');
      await page.getByRole('group', { name: E.instruments }).getByLabel('研究開発').check();
      await page.getByLabel(/^目標日/).fill('2029-03-31');
      await page.getByRole('button', { name: E.addMilestone }).click();
      const row = page.getByTestId('new-milestone');
      await row.getByLabel(E.titleJa).fill('実証開始');
      await row.getByLabel(E.titleEn).fill('Pilot starts');
      await row.getByLabel(ja.milestones.dueDate).fill('2029-01-31');
      await page.getByRole('button', { name: E.register }).click();

      await page.getByTestId('flash-notice').waitFor();
      const code = /\/measures\/([A-Z]+-\d+)$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
      expect(code).toMatch(/^METI-\d{4}$/);
      expect(await page.getByTestId('flash-notice').textContent()).toContain(code);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'E2E 量子センサの社会実装' }).waitFor();

      // ── Another milestone, on the milestones page ──
      await page.getByRole('link', { name: ja.detail.editMilestones }).click();
      const add = page.getByRole('region', { name: ja.milestones.add });
      await add.getByLabel(ja.milestones.titleJa).fill('社会実装');
      await add.getByLabel(ja.milestones.titleEn).fill('Deployed');
      await add.getByLabel(ja.milestones.dueDate).fill('2029-03-31');
      await add.getByRole('button', { name: ja.milestones.addSubmit }).click();
      await page.getByTestId('milestone-notice').waitFor();

      // ── Edit its title ──
      await page.goto(`/measures/${code}/edit`);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: E.editTitle }).waitFor();
      await expectAccessible(page, 'the edit form');
      await page.getByLabel(E.titleEn, { exact: true }).fill('E2E quantum sensors, deployed');
      await page.getByRole('button', { name: E.save }).click();
      await page.getByTestId('flash-notice').waitFor();

      const measure = await apiGet(e2e, `/api/v1/measures/${code}`, measureDetailResponse);
      expect(measure).toMatchObject({ titleEn: 'E2E quantum sensors, deployed', leadMinistry: 'meti', status: 'not_started' });
      expect(measure.milestoneList.map((m) => m.titleEn)).toEqual(['Pilot starts', 'Deployed']);

      // ── Counted on the dashboard ──
      const after = await apiGet(e2e, '/api/v1/stats/summary', summaryResponse);
      expect(after.total).toBe(before.total + 1);
      await page.goto('/');
      const tile = page.locator('.kpi', { hasText: ja.dashboard.kpiMeasures }).locator('.kpi-value');
      await expect.poll(async () => Number((await tile.textContent())?.replace(/[^\d]/g, ''))).toBe(after.total);

      // ── Withdrawn (廃止, decision 024): out of the figures, readable with its notice, then restored ──
      const W = ja.withdrawal;
      await page.goto(`/measures/${code}/edit`);
      const withdrawPanel = page.getByTestId('withdrawal-panel');
      await withdrawPanel.getByRole('button', { name: W.withdraw }).click();
      expect(await withdrawPanel.textContent()).toContain(W.errors.reasonRequired);
      await withdrawPanel.getByLabel(W.reason).fill('E2E 後継施策へ統合');
      await withdrawPanel.getByRole('button', { name: W.withdraw }).click();
      const confirmWithdraw = page.getByRole('dialog');
      await confirmWithdraw.waitFor();
      await expectAccessible(page, 'the withdrawal dialog');
      await confirmWithdraw.getByRole('button', { name: W.withdraw }).click();
      await page.getByTestId('flash-notice').waitFor();
      await page.getByTestId('withdrawal-notice').waitFor();
      expect(await page.getByTestId('withdrawal-notice').textContent()).toContain('E2E 後継施策へ統合');
      expect(await page.getByRole('link', { name: ja.detail.report }).count()).toBe(0);
      await expectAccessible(page, 'a withdrawn measure');
      await screenshot(page, e2e, 'measure-withdrawn-ja');
      expect((await apiGet(e2e, '/api/v1/stats/summary', summaryResponse)).total).toBe(before.total);
      const withdrawn = await apiGet(e2e, `/api/v1/measures/${code}`, measureDetailResponse);
      expect(withdrawn.withdrawal?.reason).toBe('E2E 後継施策へ統合');

      await page.getByRole('link', { name: W.restoreTitle }).click();
      const restorePanel = page.getByTestId('withdrawal-panel');
      await restorePanel.getByLabel(W.reason).fill('E2E 統合を取りやめ');
      await restorePanel.getByRole('button', { name: W.restore }).click();
      await page.getByRole('dialog').getByRole('button', { name: W.restore }).click();
      await page.getByTestId('flash-notice').waitFor();
      await page.getByRole('link', { name: ja.detail.report }).waitFor();
      expect(await page.getByTestId('withdrawal-notice').count()).toBe(0);
      expect((await apiGet(e2e, '/api/v1/stats/summary', summaryResponse)).total).toBe(after.total);

      // ── The form in English ──
      await page.getByRole('button', { name: ja.language.label }).click();
      await page.goto('/measures/new');
      await page.getByRole('heading', { level: 1, name: en.measureEditor.newTitle }).waitFor();
      await page.getByRole('button', { name: en.measureEditor.register }).click();
      expect(await page.getByTestId('error-summary').textContent()).toContain(en.measureEditor.errors.titleRequired);
      await screenshot(page, e2e, 'measure-new-errors-en');
      await page.getByRole('button', { name: en.language.label }).click();
    },
  );
});
