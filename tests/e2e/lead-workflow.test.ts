import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../../client/lib/locales/en';
import { ja } from '../../client/lib/locales/ja';
import { measureDetailResponse, measureListResponse, summaryResponse } from '../../server/schemas/responses';
import type { MeasureListItem } from '../../server/schemas/responses';
import { apiGet, describeInBrowser, screenshot, seriousViolations, settle, test } from './support/browser-test';
import type { AvailableEnvironment } from './support/browser-test';

// The ministry lead's day (docs/product.md §5), in a real Chromium against the real server and the seeded
// sample data with its demo accounts: sign in, open My ministry, file a report that completes a
// milestone, see the dashboard's figure move, be refused another ministry's measure (the API says
// 403 too), and sign out. Then the same with a colleague reporting in between (the conflict dialog),
// and the administrator reading the audit trail.

const PASSWORD = 'demo-pass-2026';
const LEAD = 'lead.meti@demo.example.jp';
const ADMIN = 'admin@demo.example.jp';

/** The integer in a formatted count ("1,234"). */
function countIn(text: string | null): number {
  const digits = (text ?? '').replace(/[^\d]/g, '');
  if (!digits) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(digits);
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${what}:\n${violations.join('\n')}`).toEqual([]);
}

async function signInThroughTheForm(page: Page, email: string, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByRole('heading', { level: 1, name: ja.auth.title }).waitFor();
  await page.getByLabel(ja.auth.email).fill(email);
  await page.getByLabel(ja.auth.password).fill(PASSWORD);
  await page.getByRole('button', { name: ja.auth.submit }).click();
  await page.getByTestId('user-box').waitFor();
}

/** METI-led measures, most behind first, with at least one open milestone. */
async function metiMeasuresWithOpenMilestones(e2e: AvailableEnvironment): Promise<MeasureListItem[]> {
  const { items } = await apiGet(e2e, '/api/v1/measures?ministry=meti&sort=behind&pageSize=500', measureListResponse);
  return items.filter((m) => m.leadMinistry === 'meti' && m.status !== 'completed' && m.milestones.done < m.milestones.total);
}

/** The dashboard's "completed milestones" tile. */
async function dashboardDoneCount(page: Page): Promise<number> {
  const tile = page.locator('.kpi', { hasText: ja.dashboard.kpiDone }).locator('.kpi-value');
  await tile.waitFor();
  return countIn(await tile.textContent());
}

/** Signs in from Node (not the browser) and returns the session cookie, for a second "user". */
async function apiSession(e2e: AvailableEnvironment, email: string): Promise<string> {
  const res = await fetch(`${e2e.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  const cookie = /(mt_session=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

describeInBrowser('the ministry lead workflow (real browser, real server, demo accounts)', () => {
  // The whole walk, with five accessibility scans and screenshots on the way: more than the default 90 s on a busy machine.
  test(
    "a METI lead signs in, reports completing a milestone, sees the dashboard move, is refused MEXT's measure, and signs out",
    { timeout: 240_000 },
    async ({ page, e2e }) => {
      // ── Sign in (the form's own checks first, in Japanese) ──
      await page.goto('/login');
      await page.getByRole('heading', { level: 1, name: ja.auth.title }).waitFor();
      await screenshot(page, e2e, 'sign-in-ja');
      await page.getByRole('button', { name: ja.auth.submit }).click();
      await page.getByTestId('error-summary').waitFor();
      expect(await page.getByTestId('error-summary').textContent()).toContain(ja.auth.emailRequired);
      await expectAccessible(page, 'sign-in with errors');
      await screenshot(page, e2e, 'sign-in-errors-ja');

      await page.getByLabel(ja.auth.email).fill(LEAD);
      await page.getByLabel(ja.auth.password).fill(PASSWORD);
      await page.getByRole('button', { name: ja.auth.submit }).click();
      // A lead lands on My ministry; the header says who is signed in.
      await page.waitForURL('**/my');
      const box = page.getByTestId('user-box');
      await expect.poll(() => box.textContent()).toContain(ja.roles.ministry_lead);
      expect(await box.textContent()).toContain('経済産業省');

      // ── My ministry: the lead's measures with what is due, overdue or stale ──
      await page.getByRole('heading', { level: 1, name: new RegExp(ja.my.title) }).waitFor();
      const candidates = await metiMeasuresWithOpenMilestones(e2e);
      const target = candidates[0];
      if (!target) throw new Error('the sample data has no METI measure with an open milestone');
      const leadTable = page.getByTestId('my-lead-table');
      await leadTable.locator(`tr[data-code="${target.code}"]`).waitFor();
      const ledCount = countIn(await page.getByTestId('my-lead-count').textContent());
      const { items: metiItems } = await apiGet(e2e, '/api/v1/measures?ministry=meti&pageSize=500', measureListResponse);
      expect(ledCount).toBe(metiItems.filter((m) => m.leadMinistry === 'meti').length);
      await settle(page);
      await expectAccessible(page, 'my ministry');
      await screenshot(page, e2e, 'my-ministry-ja');
      // The same page in English, for a person to look at.
      await page.getByRole('button', { name: ja.language.label }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(en.my.title) }).waitFor();
      await screenshot(page, e2e, 'my-ministry-en');
      await page.getByRole('button', { name: en.language.label }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(ja.my.title) }).waitFor();

      // ── The dashboard's completed-milestone figure before ──
      await page.getByRole('link', { name: ja.nav.dashboard, exact: true }).click();
      const summaryBefore = await apiGet(e2e, '/api/v1/stats/summary', summaryResponse);
      await expect.poll(() => dashboardDoneCount(page)).toBe(summaryBefore.milestones.done);

      // ── File a report completing a milestone ──
      await page.getByRole('link', { name: ja.nav.myMinistry }).click();
      // From the lead table: while a sample round is open the round's own list links the same report page.
      await page
        .getByTestId('my-lead-table')
        .getByRole('link', { name: `${target.code} の進捗を報告する` })
        .click();
      await page.getByRole('heading', { level: 1, name: `進捗報告：${target.code}` }).waitFor();
      const detail = await apiGet(e2e, `/api/v1/measures/${target.code}`, measureDetailResponse);
      const milestone = detail.milestoneList.find((m) => m.completedDate === null);
      if (!milestone) throw new Error(`${target.code} has no open milestone`);

      // Sent empty: every problem beside its field, and in the summary, in Japanese.
      await page.getByRole('radio', { name: /要注意/ }).check();
      await page.getByRole('button', { name: ja.report.submit }).click();
      await page.getByTestId('error-summary').waitFor();
      expect(await page.getByTestId('error-summary').textContent()).toContain(ja.report.errors.noteRequired);
      expect(await page.getByLabel(/進捗コメント/).getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'report form with errors');
      await screenshot(page, e2e, 'report-errors-ja');

      await page.getByLabel(/進捗コメント/).fill('実証事業の採択を完了し、第1期の事業者が決定した。（e2e）');
      await page.getByLabel(/根拠資料のURL/).fill('https://www.meti.go.jp/press/e2e-example.html');
      await page.getByRole('checkbox', { name: new RegExp(escapeRegExp(milestone.titleJa)) }).check();
      await screenshot(page, e2e, 'report-ja');
      await page.getByRole('button', { name: ja.report.submit }).click();

      await page.waitForURL(`**/measures/${target.code}`);
      await expect
        .poll(() => page.getByTestId('flash-notice').textContent())
        .toContain(`${target.code} の進捗報告を保存しました。`);
      await expect
        // In the report history, whichever table comes first (a measure with KPIs shows theirs above it).
        .poll(() => page.locator('table').filter({ hasText: '第1期の事業者が決定した。（e2e）' }).count())
        .toBe(1);
      // The measure offers its lead the report and milestone actions.
      await page.getByRole('link', { name: ja.detail.report }).waitFor();
      await screenshot(page, e2e, 'detail-after-report-ja');

      // ── The dashboard's figure moved by one ──
      const summaryAfter = await apiGet(e2e, '/api/v1/stats/summary', summaryResponse);
      expect(summaryAfter.milestones.done).toBe(summaryBefore.milestones.done + 1);
      await page.getByRole('link', { name: ja.nav.dashboard, exact: true }).click();
      await expect.poll(() => dashboardDoneCount(page)).toBe(summaryBefore.milestones.done + 1);

      // ── Another ministry's measure: refused on the page, and by the API ──
      const { items: mextItems } = await apiGet(e2e, '/api/v1/measures?ministry=mext&pageSize=500', measureListResponse);
      const other = mextItems.find((m) => m.leadMinistry === 'mext');
      if (!other) throw new Error('the sample data has no MEXT-led measure');
      await page.goto(`/measures/${other.code}/report`);
      const refusal = page.getByTestId('refusal');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain(ja.report.forbiddenTitle);
      expect(await refusal.textContent()).toContain('文部科学省');
      expect(await page.getByRole('button', { name: ja.report.submit }).count()).toBe(0);
      // No report button on its detail page either.
      await page.goto(`/measures/${other.code}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settle(page);
      expect(await page.getByRole('link', { name: ja.detail.report }).count()).toBe(0);
      // The server refuses it whatever the page shows: same cookies, straight to the API.
      const etagRes = await page.request.get(`/api/v1/measures/${other.code}`);
      const etag = etagRes.headers().etag ?? '';
      expect(etag).toMatch(/^"v\d+"$/);
      const refused = await page.request.post(`/api/v1/measures/${other.code}/reports`, {
        headers: { 'If-Match': etag },
        data: { status: 'in_progress', health: 'on_track', note: 'should be refused' },
      });
      expect(refused.status()).toBe(403);

      // ── Sign out ──
      await page.getByRole('button', { name: ja.auth.signOut }).click();
      await page.getByRole('link', { name: ja.auth.signIn }).waitFor();
      await expect.poll(() => page.getByTestId('flash-notice').textContent()).toContain(ja.auth.signedOut);
      expect(await page.getByTestId('user-box').count()).toBe(0);
      const me = await page.request.get('/api/v1/auth/me');
      expect(await me.json()).toEqual({ user: null, mustChangePassword: false });
      // My ministry now asks to sign in first, and comes back afterwards.
      await page.goto('/my');
      await page.waitForURL(/\/login\?next=%2Fmy$/);
    },
  );

  test('a colleague reporting in between opens the conflict dialog with both versions', async ({ page, e2e, problems }) => {
    const target = (await metiMeasuresWithOpenMilestones(e2e))[1] ?? (await metiMeasuresWithOpenMilestones(e2e))[0];
    if (!target) throw new Error('no METI measure');
    // The 412 the stale submit provokes is the point of this test.
    problems.allow(new RegExp(`/api/v1/measures/${target.code}/reports$`));
    await signInThroughTheForm(page, LEAD, `/measures/${target.code}/report`);
    await page.getByRole('heading', { level: 1, name: `進捗報告：${target.code}` }).waitFor();

    // The administrator reports on the same measure meanwhile.
    const admin = await apiSession(e2e, ADMIN);
    const etag = (await fetch(`${e2e.baseUrl}/api/v1/measures/${target.code}`)).headers.get('etag') ?? '';
    const res = await fetch(`${e2e.baseUrl}/api/v1/measures/${target.code}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin, 'if-match': etag },
      body: JSON.stringify({ status: 'in_progress', health: 'off_track', note: '管理者による確認：予算の再配分が必要。（e2e）' }),
    });
    expect(res.status).toBe(201);

    await page.getByRole('radio', { name: /順調/ }).check();
    await page.getByLabel(/進捗コメント/).fill('担当者の報告：計画どおり進行。（e2e）');
    await page.getByRole('button', { name: ja.report.submit }).click();
    const dialog = page.getByRole('dialog', { name: ja.conflict.title });
    await dialog.waitFor();
    expect(await dialog.locator('tr[data-row="note"] td[data-version="mine"]').textContent()).toContain(
      '担当者の報告：計画どおり進行。',
    );
    expect(await dialog.locator('tr[data-row="note"] td[data-version="current"]').textContent()).toContain('管理者による確認');
    expect(await dialog.locator('tr[data-row="health"] td[data-version="current"]').textContent()).toContain('遅延');
    await expectAccessible(page, 'conflict dialog');
    await screenshot(page, e2e, 'conflict-ja');

    // Focus stays in the dialog.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    }

    await dialog.getByRole('button', { name: ja.conflict.reapplyReport }).click();
    await page.getByTestId('reapplied-notice').waitFor();
    await page.getByRole('button', { name: ja.report.submit }).click();
    await page.waitForURL(`**/measures/${target.code}`);
    const after = await apiGet(e2e, `/api/v1/measures/${target.code}`, measureDetailResponse);
    expect(after.reports.slice(0, 2).map((r) => r.note)).toEqual([
      '担当者の報告：計画どおり進行。（e2e）',
      '管理者による確認：予算の再配分が必要。（e2e）',
    ]);
  });

  test('the lead reschedules a milestone and the baseline stays', async ({ page, e2e }) => {
    const target = (await metiMeasuresWithOpenMilestones(e2e)).at(-1);
    if (!target) throw new Error('no METI measure');
    const before = await apiGet(e2e, `/api/v1/measures/${target.code}`, measureDetailResponse);
    const milestone = before.milestoneList.find((m) => m.completedDate === null);
    if (!milestone) throw new Error('no open milestone');
    await signInThroughTheForm(page, LEAD, `/measures/${target.code}/milestones`);
    await page.getByRole('heading', { level: 1, name: `マイルストーン：${target.code}` }).waitFor();
    await page.getByRole('button', { name: `「${milestone.titleJa}」の期日を変更` }).click();
    const next = new Date(Date.parse(`${milestone.dueDate}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(ja.milestones.newDue).fill(next);
    await expect.poll(() => page.getByTestId('baseline-vs-new').textContent()).toContain('当初期日');
    await screenshot(page, e2e, 'milestones-ja');
    await page.getByRole('button', { name: ja.milestones.save }).click();
    await expect.poll(() => page.getByTestId('milestone-notice').textContent()).toContain(milestone.titleJa);
    const after = await apiGet(e2e, `/api/v1/measures/${target.code}`, measureDetailResponse);
    const moved = after.milestoneList.find((m) => m.id === milestone.id);
    expect(moved?.dueDate).toBe(next);
    expect(moved?.baselineDueDate).toBe(milestone.baselineDueDate);
    await expectAccessible(page, 'milestone editor');
  });

  test('the administrator reads the audit trail of those changes', async ({ page, e2e }) => {
    await signInThroughTheForm(page, ADMIN, '/admin/audit');
    await page.getByRole('heading', { level: 1, name: ja.audit.title }).waitFor();
    await expect.poll(async () => countIn(await page.getByTestId('audit-total').textContent())).toBeGreaterThan(0);
    // Narrowed to the lead's actions: the newest first, with what changed.
    await page.getByLabel(ja.audit.actor).fill(LEAD);
    await page.getByRole('button', { name: ja.audit.apply }).click();
    await page.waitForURL(/actor=lead\.meti/);
    await expect.poll(async () => (await page.locator('tbody tr[data-audit-id]').first().textContent()) ?? '').toContain(LEAD);
    const rows = await page.locator('table.audit-table > tbody > tr').allTextContents();
    expect(rows.join('\n')).toContain(ja.audit.actions.measure_report);
    await settle(page);
    await expectAccessible(page, 'audit trail');
    await screenshot(page, e2e, 'audit-ja');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
