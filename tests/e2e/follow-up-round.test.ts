import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { VERIFICATION_PAGE_SIZE } from '../../client/features/verification-queue/api/verification-queries';
import { ja } from '../../client/lib/locales/ja';
import { roundDetailResponse, verificationQueueResponse } from '../../server/schemas/follow-up';
import { measureDetailResponse, measureListResponse, metaResponse, summaryResponse } from '../../server/schemas/responses';
import { apiGet, describeInBrowser, screenshot, seriousViolations, settle, test } from './support/browser-test';
import type { AvailableEnvironment } from './support/browser-test';

// A whole follow-up round (docs/product.md §4, "The follow-up round"; decision 011), in a real Chromium
// against the real server and the seeded demo accounts: the secretariat opens a round for METI, a METI
// lead reports completing a milestone, the secretariat returns the report with a comment, the lead
// sees 差し戻し on My ministry and reports again, the secretariat accepts it and verifies the
// milestone, and the dashboard's verified figure moves.

const PASSWORD = 'demo-pass-2026';
const LEAD = 'lead.meti@demo.example.jp';
const SECRETARIAT = 'secretariat@demo.example.jp';
const ROUND = 'e2e-round';
const COMMENT = '完了の根拠となる採択結果の資料を添付してください。（e2e）';

async function expectAccessible(page: Page, what: string): Promise<void> {
  await settle(page);
  const violations = await seriousViolations(page);
  expect(violations, `${what}:\n${violations.join('\n')}`).toEqual([]);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('heading', { level: 1, name: ja.auth.title }).waitFor();
  await page.getByLabel(ja.auth.email).fill(email);
  await page.getByLabel(ja.auth.password).fill(PASSWORD);
  await page.getByRole('button', { name: ja.auth.submit }).click();
  await page.getByTestId('user-box').waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: ja.auth.signOut }).click();
  await page.getByRole('link', { name: ja.auth.signIn }).waitFor();
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A METI-led measure with an open milestone due by the deadline in force (so its verification moves the progress figure). */
async function metiMeasureToReport(e2e: AvailableEnvironment) {
  const meta = await apiGet(e2e, '/api/v1/meta', metaResponse);
  const deadline = meta.deadlines.find((d) => d.code === meta.defaultDeadline);
  const { items } = await apiGet(e2e, '/api/v1/measures?ministry=meti&sort=behind&pageSize=500', measureListResponse);
  for (const item of items.filter((m) => m.leadMinistry === 'meti' && m.status !== 'completed')) {
    const detail = await apiGet(e2e, `/api/v1/measures/${item.code}`, measureDetailResponse);
    const milestone = detail.milestoneList.find((m) => m.completedDate === null && (!deadline || m.dueDate <= deadline.date));
    if (milestone) return { meta, code: item.code, milestone };
  }
  throw new Error('the sample data has no METI measure with an open milestone due by the deadline');
}

/** Files a report through the form as the signed-in lead; returns the new report's id. */
async function reportThroughTheForm(
  page: Page,
  e2e: AvailableEnvironment,
  code: string,
  note: string,
  milestone?: { titleJa: string },
): Promise<number> {
  await page.getByRole('heading', { level: 1, name: `進捗報告：${code}` }).waitFor();
  await page.getByRole('radio', { name: /順調/ }).check();
  await page.getByLabel(/進捗コメント/).fill(note);
  if (milestone) {
    await page.getByLabel(/根拠資料のURL/).fill('https://www.meti.go.jp/press/e2e-round.html');
    await page.getByRole('checkbox', { name: new RegExp(escapeRegExp(milestone.titleJa)) }).check();
  }
  await page.getByRole('button', { name: ja.report.submit }).click();
  await page.waitForURL(`**/measures/${code}`);
  await expect.poll(() => page.getByTestId('flash-notice').textContent()).toContain(`${code} の進捗報告を保存しました。`);
  const detail = await apiGet(e2e, `/api/v1/measures/${code}`, measureDetailResponse);
  const latest = detail.reports[0];
  if (!latest || latest.note !== note) throw new Error(`${code}: the report just filed is not the latest`);
  return latest.id;
}

describeInBrowser('a whole follow-up round (real browser, real server, demo accounts)', () => {
  test(
    'the secretariat calls for reports, returns one with a comment, the lead answers, the secretariat accepts and verifies, and the verified figure moves',
    { timeout: 300_000 },
    async ({ page, e2e }) => {
      const { meta, code, milestone } = await metiMeasureToReport(e2e);
      const before = await apiGet(e2e, '/api/v1/stats/summary?ministry=meti', summaryResponse);

      // ── The secretariat opens a round for METI, through the form ──
      await signIn(page, SECRETARIAT);
      await page.getByRole('link', { name: ja.nav.rounds, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: ja.rounds.title }).waitFor();
      await page.getByLabel(ja.rounds.form.code).fill(ROUND);
      await page.getByLabel(ja.rounds.form.titleJa).fill('e2e 臨時照会');
      await page.getByLabel(ja.rounds.form.titleEn).fill('e2e extra round');
      await page.getByLabel(ja.rounds.form.opensAt).fill(meta.today);
      await page.getByLabel(ja.rounds.form.dueAt).fill(addDays(meta.today, 7));
      await page
        .getByRole('group', { name: new RegExp(ja.rounds.form.ministries) })
        .getByRole('checkbox', { name: '経済産業省' })
        .check();
      await expectAccessible(page, 'rounds with the form filled');
      await screenshot(page, e2e, 'round-form-ja');
      await page.getByRole('button', { name: ja.rounds.form.submit }).click();
      await expect.poll(() => page.getByText(`照会「${ROUND}」を開始しました。`).count()).toBeGreaterThan(0);
      const opened = await apiGet(e2e, `/api/v1/rounds/${ROUND}`, roundDetailResponse);
      expect(opened).toMatchObject({ state: 'open', ministries: ['meti'] });
      expect(opened.measures.find((m) => m.code === code)?.state).toBe('missing');
      await signOut(page);

      // ── A METI lead reports completing a milestone ──
      await signIn(page, LEAD);
      await page.goto(`/measures/${code}/report`);
      const firstReport = await reportThroughTheForm(page, e2e, code, '第1期の採択を完了した。（e2e 照会）', milestone);
      const afterFirst = await apiGet(e2e, `/api/v1/rounds/${ROUND}`, roundDetailResponse);
      expect(afterFirst.measures.find((m) => m.code === code)).toMatchObject({ state: 'submitted', reportId: firstReport });
      await signOut(page);

      // ── The secretariat returns it with a comment ──
      await signIn(page, SECRETARIAT);
      await page.goto(`/review?round=${ROUND}`);
      await page.getByRole('heading', { level: 1, name: ja.review.title }).waitFor();
      const firstItem = page.locator(`article[data-report="${firstReport}"]`);
      await firstItem.waitFor();
      // Returning needs a comment: said beside the field, nothing sent.
      await firstItem.getByRole('button', { name: ja.review.return }).click();
      await expect.poll(() => firstItem.textContent()).toContain(ja.followUp.commentRequired);
      await firstItem.getByLabel(new RegExp(escapeRegExp(ja.review.comment))).fill(COMMENT);
      await expectAccessible(page, 'review queue');
      await screenshot(page, e2e, 'review-queue-ja');
      await firstItem.getByRole('button', { name: ja.review.return }).click();
      await expect.poll(() => page.getByTestId('review-notice').textContent()).toContain(`${code} の報告を差し戻しました。`);
      await expect.poll(() => page.locator(`article[data-report="${firstReport}"]`).count()).toBe(0);
      await signOut(page);

      // ── The lead sees 差し戻し first on My ministry, with the comment, and reports again ──
      await signIn(page, LEAD);
      await page.waitForURL('**/my');
      const returnedPanel = page.getByRole('region', { name: new RegExp(ja.followUpViews.returnedHeading) });
      await expect.poll(() => returnedPanel.textContent()).toContain(COMMENT);
      await expectAccessible(page, 'my ministry with a returned report');
      await screenshot(page, e2e, 'my-ministry-returned-ja');
      await returnedPanel.getByRole('link', { name: `${code} を改めて報告する` }).click();
      await expect.poll(() => page.locator('main').textContent()).toContain(COMMENT);
      const secondReport = await reportThroughTheForm(page, e2e, code, '採択結果の資料を添付して再報告する。（e2e 照会）');
      const afterSecond = await apiGet(e2e, `/api/v1/rounds/${ROUND}`, roundDetailResponse);
      expect(afterSecond.measures.find((m) => m.code === code)).toMatchObject({ state: 'submitted', reportId: secondReport });
      await signOut(page);

      // ── The secretariat accepts the new report and verifies the milestone ──
      await signIn(page, SECRETARIAT);
      await page.goto(`/review?round=${ROUND}`);
      const secondItem = page.locator(`article[data-report="${secondReport}"]`);
      await secondItem.waitFor();
      await secondItem.getByRole('button', { name: ja.review.accept }).click();
      await expect.poll(() => page.getByTestId('review-notice').textContent()).toContain(`${code} の報告を受理しました。`);
      const accepted = await apiGet(e2e, `/api/v1/rounds/${ROUND}`, roundDetailResponse);
      expect(accepted.measures.find((m) => m.code === code)?.state).toBe('accepted');

      const queue = await apiGet(
        e2e,
        '/api/v1/milestones?verification=pending&ministry=meti&pageSize=200',
        verificationQueueResponse,
      );
      const index = queue.items.findIndex((item) => item.milestone.id === milestone.id);
      expect(index, 'the reported milestone waits for verification').toBeGreaterThanOrEqual(0);
      const queuePage = Math.floor(index / VERIFICATION_PAGE_SIZE) + 1;
      await page.goto(`/verification?ministry=meti${queuePage > 1 ? `&page=${queuePage}` : ''}`);
      await page.getByRole('heading', { level: 1, name: ja.verification.title }).waitFor();
      const milestoneItem = page.locator(`article[data-milestone="${milestone.id}"]`);
      await milestoneItem.waitFor();
      await expectAccessible(page, 'verification queue');
      await screenshot(page, e2e, 'verification-queue-ja');
      await milestoneItem.getByRole('button', { name: ja.verification.verify }).click();
      await expect
        .poll(() => page.getByTestId('verification-notice').textContent())
        .toContain(`「${milestone.titleJa}」を確認済みにしました。`);

      // ── The verified figure moved: in the API and on the dashboard ──
      const after = await apiGet(e2e, '/api/v1/stats/summary?ministry=meti', summaryResponse);
      expect(after.milestonesDoneByBasis.verified).toBe(before.milestonesDoneByBasis.verified + 1);
      expect(after.progressByBasis.verified).toBeGreaterThan(before.progressByBasis.verified);
      const detail = await apiGet(e2e, `/api/v1/measures/${code}`, measureDetailResponse);
      expect(detail.milestoneList.find((m) => m.id === milestone.id)).toMatchObject({
        completion: 'verified',
        verifiedBy: SECRETARIAT,
      });
      await page.goto('/?ministry=meti');
      const done = page.getByText(`確認済み ${after.milestonesDoneByBasis.verified.toLocaleString('ja-JP')} 件`);
      await expect.poll(() => done.count()).toBeGreaterThan(0);
      await page.getByTestId('progress-verified').waitFor();
      await screenshot(page, e2e, 'dashboard-verified-ja');
    },
  );
});
