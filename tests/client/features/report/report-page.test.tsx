// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Layout } from '../../../../client/app/layout';
import { SignInPage } from '../../../../client/features/auth/components/sign-in-page';
import { MeasureDetailPage } from '../../../../client/features/measure-detail/components/measure-detail-page';
import { ReportPage } from '../../../../client/features/report/components/report-page';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import { hashPassword } from '../../../../server/auth/password';
import { createUser } from '../../../../server/repositories/auth-repository';
import { measureDetailResponse } from '../../../../server/schemas/responses';
import type { MeasureDetailResponse } from '../../../../server/schemas/responses';
import { getOk } from '../../../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import type { CookieJar } from '../../../support/render-client';
import { currentEtag, send, signIn } from '../../../support/sessions';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';

// The report form (docs/product.md §5) over a real app and database (tests/support/fixture-measures.ts, clock
// pinned at 2026-11-26 12:00 JST): a METI lead signs in, is told about mistakes in Japanese before
// anything is sent, files a report that shows on the measure, and, when a colleague reported in
// between, is shown both versions instead of overwriting.

const PASSWORD = 'lead-password-2026';
const LEAD = 'lead.meti@example.go.jp';
const COLLEAGUE = 'colleague.meti@example.go.jp';
const CODE = 'METI-0001';

const routes = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <p>dashboard</p> },
      { path: 'login', element: <SignInPage /> },
      { path: 'my', element: <p>my ministry</p> },
      { path: 'measures/:code', element: <MeasureDetailPage /> },
      { path: 'measures/:code/report', element: <ReportPage /> },
    ],
  },
];

describe('the report form', () => {
  let t: TestApp;
  let restore: (() => void) & { jar: CookieJar };
  let colleagueCookie: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: fixtureMeasures(), now: FIXTURE_NOW });
    const passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
    await createUser(
      t.database.db,
      { email: LEAD, displayName: '経産 花子', role: 'ministry_lead', ministry: 'meti', passwordHash },
      FIXTURE_NOW,
    );
    await createUser(
      t.database.db,
      { email: COLLEAGUE, displayName: '経産 同僚', role: 'ministry_lead', ministry: 'meti', passwordHash },
      FIXTURE_NOW,
    );
    colleagueCookie = await signIn(t.app, COLLEAGUE, PASSWORD);
    restore = routeFetchTo(t.app);
  });
  afterEach(cleanup);
  afterAll(async () => {
    restore();
    await t.drop();
  });

  async function detail(): Promise<MeasureDetailResponse> {
    return getOk(t, `/api/v1/measures/${CODE}`, measureDetailResponse);
  }

  /** Signs the lead in through the API (the jar keeps the cookie for the page's requests). */
  async function signInAsLead(): Promise<void> {
    if (restore.jar.header()) return;
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: LEAD, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
  }

  async function openForm() {
    await signInAsLead();
    const rendered = renderWithApp(routes, { path: `/measures/${CODE}/report` });
    await screen.findByRole('heading', { level: 1, name: `進捗報告：${CODE}` });
    return rendered;
  }

  it('signs in through the form, in Japanese, and goes on to ?next=', async () => {
    restore.jar.clear();
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: `/login?next=${encodeURIComponent(`/measures/${CODE}/report`)}` });
    await screen.findByRole('heading', { level: 1, name: ja.auth.title });

    // Nothing entered: both fields say so, in Japanese, before any request.
    await user.click(screen.getByRole('button', { name: ja.auth.submit }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent(ja.auth.emailRequired);
    expect(summary).toHaveTextContent(ja.auth.passwordRequired);
    expect(screen.getByLabelText(ja.auth.email)).toHaveAttribute('aria-invalid', 'true');

    // A wrong password: the server's refusal, in Japanese.
    await user.type(screen.getByLabelText(ja.auth.email), LEAD);
    await user.type(screen.getByLabelText(ja.auth.password), 'not-the-password');
    await user.click(screen.getByRole('button', { name: ja.auth.submit }));
    expect(await screen.findByTestId('login-error')).toHaveTextContent(ja.auth.invalidCredentials);

    await user.clear(screen.getByLabelText(ja.auth.password));
    await user.type(screen.getByLabelText(ja.auth.password), PASSWORD);
    await user.click(screen.getByRole('button', { name: ja.auth.submit }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/measures/${CODE}/report`));
    await screen.findByRole('heading', { level: 1, name: `進捗報告：${CODE}` });
    // The header names who is signed in, with role and ministry, and offers to sign out.
    const box = screen.getByTestId('user-box');
    expect(box).toHaveTextContent('経産 花子');
    expect(box).toHaveTextContent(ja.roles.ministry_lead);
    expect(box).toHaveTextContent('経済産業省');
    expect(within(box).getByRole('button', { name: ja.auth.signOut })).toBeInTheDocument();
    expect(restore.jar.header()).toMatch(/^mt_session=/);
  });

  it('shows what is wrong beside each field, in Japanese, before sending anything', async () => {
    const before = await detail();
    const user = userEvent.setup();
    await openForm();

    // A bad link is flagged as soon as the field is left.
    const url = screen.getByLabelText(/根拠資料のURL/);
    await user.type(url, 'ftp://example.jp/report.pdf');
    await user.tab();
    expect(await screen.findByText(ja.report.errors.urlInvalid)).toBeInTheDocument();
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url.getAttribute('aria-describedby')).toContain('report-evidenceUrl-error');

    // "Completed" while milestones are open, a completion date in the future, and no note.
    await user.selectOptions(screen.getByLabelText(ja.report.status), 'completed');
    const open = before.milestoneList.filter((m) => m.completedDate === null);
    const first = open[0];
    if (!first) throw new Error('the fixture measure has no open milestone');
    await user.click(screen.getByRole('checkbox', { name: new RegExp(first.titleJa) }));
    const date = screen.getByLabelText(new RegExp(`「${first.titleJa}」の完了日`));
    expect(date).toHaveValue('2026-11-26'); // today in Japan, by the server's clock
    fireEvent.change(date, { target: { value: '2026-12-01' } });

    await user.click(screen.getByRole('button', { name: ja.report.submit }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent('入力内容に4件の問題があります');
    expect(summary).toHaveTextContent(ja.report.errors.noteRequired);
    expect(summary).toHaveTextContent('完了日に未来の日付は指定できません（今日は2026-11-26）。');
    expect(summary).toHaveTextContent(`未完了のマイルストーンが${open.length - 1}件あるため「完了」にはできません。`);
    expect(summary).toHaveTextContent(ja.report.errors.urlInvalid);
    const note = screen.getByLabelText(/進捗コメント/);
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(
      document.getElementById(
        note
          .getAttribute('aria-describedby')
          ?.split(' ')
          .find((id) => id.endsWith('-error')) ?? '',
      ),
    ).toHaveTextContent(ja.report.errors.noteRequired);

    // Fixing a field clears its message.
    await user.type(note, '進捗あり');
    expect(screen.queryAllByText(ja.report.errors.noteRequired)).toHaveLength(0);

    // Nothing reached the server.
    expect((await detail()).version).toBe(before.version);
  });

  it('says the same in English when the page is in English', async () => {
    await signInAsLead();
    const user = userEvent.setup();
    renderWithApp(routes, { path: `/measures/${CODE}/report`, language: 'en' });
    await screen.findByRole('heading', { level: 1, name: `Progress report: ${CODE}` });
    await user.type(screen.getByLabelText(/Evidence link/), 'javascript:alert(1)');
    await user.click(screen.getByRole('button', { name: en.report.submit }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('There are 2 problems with what you entered');
    expect(summary).toHaveTextContent(en.report.errors.noteRequired);
    expect(summary).toHaveTextContent(en.report.errors.urlInvalid);
    expect(screen.getByLabelText(/Progress note/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('files a report that completes a milestone, and the measure shows it', async () => {
    const before = await detail();
    const milestone = before.milestoneList.find((m) => m.completedDate === null);
    if (!milestone) throw new Error('no open milestone');
    const user = userEvent.setup();
    const { router } = await openForm();

    await user.click(screen.getByRole('radio', { name: /要注意/ }));
    await user.type(screen.getByLabelText(/進捗コメント/), '試作機の評価が完了し、量産設計に着手した。');
    await user.type(screen.getByLabelText(/根拠資料のURL/), 'https://www.meti.go.jp/press/2026/11/example.html');
    await user.click(screen.getByRole('checkbox', { name: new RegExp(milestone.titleJa) }));
    await user.click(screen.getByRole('button', { name: ja.report.submit }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/measures/${CODE}`));
    expect(await screen.findByTestId('flash-notice')).toHaveTextContent(`${CODE} の進捗報告を保存しました。`);
    // The detail page shows the new report at the top of its history, and the milestone done.
    const history = await screen.findByRole('table', { name: ja.detail.reports });
    const firstRow = within(history).getAllByRole('row')[1];
    if (!firstRow) throw new Error('no report row');
    await waitFor(() => expect(firstRow).toHaveTextContent('試作機の評価が完了し、量産設計に着手した。'));
    expect(firstRow).toHaveTextContent('経産 花子');
    expect(firstRow).toHaveTextContent('要注意');

    const after = await detail();
    expect(after.version).toBe(before.version + 1);
    expect(after.reportedHealth).toBe('at_risk');
    expect(after.milestoneList.find((m) => m.id === milestone.id)?.completedDate).toBe('2026-11-26');
    expect(after.progress).toBeGreaterThan(before.progress);
    expect(after.reports[0]?.evidenceUrl).toBe('https://www.meti.go.jp/press/2026/11/example.html');
  });

  it('shows both versions when a colleague reported in between, and re-applies the report on request', async () => {
    const user = userEvent.setup();
    const { router } = await openForm();
    const loaded = await detail();

    // A second user reports on the same measure after the form was loaded.
    const colleague = await send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
      cookie: colleagueCookie,
      ifMatch: await currentEtag(t.app, CODE),
      body: { status: 'suspended', health: 'off_track', note: '予算執行を一時停止（同僚の報告）' },
    });
    expect(colleague.status).toBe(201);

    await user.type(screen.getByLabelText(/進捗コメント/), '私の報告：順調に進んでいる');
    await user.click(screen.getByRole('radio', { name: /順調/ }));
    await user.click(screen.getByRole('button', { name: ja.report.submit }));

    const dialog = await screen.findByRole('dialog', { name: ja.conflict.title });
    expect(within(dialog).getByRole('columnheader', { name: ja.conflict.mine })).toBeInTheDocument();
    expect(within(dialog).getByRole('columnheader', { name: ja.conflict.current })).toBeInTheDocument();
    const cell = (row: string, version: 'mine' | 'current') =>
      dialog.querySelector(`tr[data-row="${row}"] td[data-version="${version}"]`);
    expect(cell('note', 'mine')).toHaveTextContent('私の報告：順調に進んでいる');
    expect(cell('note', 'current')).toHaveTextContent('予算執行を一時停止（同僚の報告）');
    expect(cell('status', 'mine')).toHaveTextContent('実施中');
    expect(cell('status', 'current')).toHaveTextContent('休止');
    expect(cell('health', 'mine')).toHaveTextContent('順調');
    expect(cell('health', 'current')).toHaveTextContent('遅延');
    expect(cell('lastReport', 'current')).toHaveTextContent('経産 同僚');
    expect(cell('version', 'mine')).toHaveTextContent(`${loaded.version}版`);
    expect(cell('version', 'current')).toHaveTextContent(`${loaded.version + 1}版`);
    // Nothing was overwritten: the colleague's report is still the latest.
    expect((await detail()).reports[0]?.note).toBe('予算執行を一時停止（同僚の報告）');

    // Re-apply: the form now stands on the current version, with the lead's entries kept …
    await user.click(within(dialog).getByRole('button', { name: ja.conflict.reapplyReport }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByTestId('reapplied-notice')).toHaveTextContent(`最新の版（${loaded.version + 1}版）`);
    expect(screen.getByLabelText(/進捗コメント/)).toHaveValue('私の報告：順調に進んでいる');
    expect(screen.getByTestId('current-state')).toHaveTextContent('経産 同僚');
    // … and is sent when the lead confirms.
    await user.click(screen.getByRole('button', { name: ja.report.submit }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/measures/${CODE}`));
    const after = await detail();
    expect(after.version).toBe(loaded.version + 2);
    expect(after.reports.slice(0, 2).map((r) => r.note)).toEqual([
      '私の報告：順調に進んでいる',
      '予算執行を一時停止（同僚の報告）',
    ]);
  });

  it('lists the milestones a colleague completed meanwhile in the page language (English: comma-separated)', async () => {
    const user = userEvent.setup();
    // Earlier tests completed most of the measure's milestones: give it two more, open ones.
    for (const n of [1, 2]) {
      const added = await send(t.app, 'POST', `/api/v1/measures/${CODE}/milestones`, {
        cookie: colleagueCookie,
        ifMatch: await currentEtag(t.app, CODE),
        body: { titleJa: `追加の節目${n}`, titleEn: `Added milestone ${n}`, dueDate: '2027-03-31' },
      });
      expect(added.status).toBe(201);
    }
    await openForm();
    await user.click(screen.getByRole('button', { name: /^English/ }));
    await screen.findByRole('heading', { level: 1, name: new RegExp(CODE) });
    const loaded = await detail();
    const open = loaded.milestoneList.filter((m) => m.completedDate === null).slice(0, 2);
    expect(open).toHaveLength(2);
    for (const m of open) await user.click(screen.getByRole('checkbox', { name: new RegExp(m.titleEn) }));
    await user.click(screen.getByRole('radio', { name: /On track/ }));
    await user.type(screen.getByLabelText(/Progress note/), 'My report: both milestones are done');

    // The colleague reports the same two milestones completed first.
    const colleague = await send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
      cookie: colleagueCookie,
      ifMatch: await currentEtag(t.app, CODE),
      body: {
        status: 'in_progress',
        health: 'on_track',
        note: '同僚が2件の完了を報告',
        milestonesCompleted: open.map((m) => ({ milestoneId: m.id, completedDate: '2026-11-25' })),
      },
    });
    expect(colleague.status).toBe(201);

    await user.click(screen.getByRole('button', { name: en.report.submit }));
    const dialog = await screen.findByRole('dialog', { name: en.conflict.title });
    await user.click(within(dialog).getByRole('button', { name: en.conflict.reapplyReport }));
    const notice = await screen.findByTestId('reapplied-notice');
    expect(notice).toHaveTextContent(`${open[0]?.titleEn}, ${open[1]?.titleEn}`);
    expect(notice.textContent).not.toContain('、');

    await user.click(screen.getByRole('button', { name: /^日本語/ }));
    await screen.findByRole('heading', { level: 1, name: `進捗報告：${CODE}` });
    window.localStorage.clear();
  });

  it("refuses another ministry's measure with a clear message", async () => {
    await signInAsLead();
    renderWithApp(routes, { path: '/measures/MEXT-0002/report' });
    const refusal = await screen.findByTestId('refusal');
    expect(refusal).toHaveTextContent(ja.report.forbiddenTitle);
    expect(refusal).toHaveTextContent('文部科学省');
    expect(screen.queryByRole('button', { name: ja.report.submit })).not.toBeInTheDocument();
  });
});
