// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Layout } from '../../../../client/app/layout';
import { ChangePasswordPage } from '../../../../client/features/account/components/change-password-page';
import { SignInPage } from '../../../../client/features/auth/components/sign-in-page';
import { UsersPage } from '../../../../client/features/users/components/users-page';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import { TEST_PASSWORD, createTestUser } from '../../../support/sessions';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import type { CookieJar } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';

// The admin's user management page and the password page (decision 025), rendered as the app renders
// them, against a real app over a migrated database: creating a user shows the one-time password once,
// managing one asks before disabling, and a user holding a one-time password is kept on the password
// page until they have chosen their own.

const ADMIN = 'admin@example.go.jp';
const ANALYST = 'analyst@example.go.jp';
const NEW_PASSWORD = 'my own passphrase 2026';

const routes = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <h1>home</h1> },
      { path: 'login', element: <SignInPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'account/password', element: <ChangePasswordPage /> },
    ],
  },
];

describe('users in the browser', () => {
  let t: TestApp;
  let restore: (() => void) & { jar: CookieJar };

  beforeAll(async () => {
    t = await createTestApp('sqlite', {
      auth: { requireLogin: false, session: { idleMinutes: 120, absoluteHours: 12 }, passwordHashing: { N: 1024, r: 8, p: 1 } },
    });
    await createTestUser(t.database.db, { email: ADMIN, role: 'admin', displayName: '管理 太郎' });
    await createTestUser(t.database.db, { email: ANALYST, role: 'analyst' });
    restore = routeFetchTo(t.app);
  });
  afterEach(() => {
    cleanup();
    restore.jar.clear();
  });
  afterAll(async () => {
    restore();
    await t.drop();
  });

  async function signInAs(email: string, password = TEST_PASSWORD): Promise<void> {
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(res.status).toBe(200);
  }

  it('refuses anyone but an administrator', async () => {
    await signInAs(ANALYST);
    renderWithApp(routes, { path: '/admin/users' });
    expect(await screen.findByRole('alert')).toHaveTextContent(ja.users.forbidden);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists users, checks the create form as one types, and shows the one-time password once', async () => {
    await signInAs(ADMIN);
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/admin/users' });
    const table = await screen.findByRole('table', { name: ja.users.caption });
    const adminRow = within(table).getByTestId(`user-row-${ADMIN}`);
    expect(adminRow).toHaveTextContent('管理 太郎');
    expect(adminRow).toHaveTextContent(ja.roles.admin);
    expect(adminRow).toHaveTextContent(ja.users.active);
    // The analyst signed in in the test before (the app's clock, shown in Japan time).
    expect(within(table).getByTestId(`user-row-${ANALYST}`)).toHaveTextContent('2026年11月26日 12:00');
    // The nav offers the page to an administrator.
    expect(screen.getByRole('link', { name: ja.users.nav })).toHaveAttribute('href', '/admin/users');

    // Nothing entered: every field says so before any request; a lead needs a ministry.
    await user.click(screen.getByRole('button', { name: ja.users.create.submit }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent(ja.users.create.emailRequired);
    expect(summary).toHaveTextContent(ja.users.create.nameRequired);
    expect(summary).toHaveTextContent(ja.users.create.ministryRequired);
    await user.type(screen.getByLabelText(ja.users.create.email), 'not an email');
    await user.tab();
    expect(screen.getByLabelText(ja.users.create.email)).toHaveAccessibleDescription(/メールアドレスの形式/);

    // A taken email is the server's to say, beside the field.
    await user.clear(screen.getByLabelText(ja.users.create.email));
    await user.type(screen.getByLabelText(ja.users.create.email), ANALYST);
    await user.type(screen.getByLabelText(ja.users.create.name), '重複');
    await user.selectOptions(screen.getByLabelText(ja.users.create.role), 'analyst');
    expect(screen.queryByLabelText(ja.users.create.ministry)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: ja.users.create.submit }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent(ja.users.create.emailTaken);

    await user.clear(screen.getByLabelText(ja.users.create.email));
    await user.type(screen.getByLabelText(ja.users.create.email), 'new.lead@example.go.jp');
    await user.clear(screen.getByLabelText(ja.users.create.name));
    await user.type(screen.getByLabelText(ja.users.create.name), '新任 担当');
    await user.selectOptions(screen.getByLabelText(ja.users.create.role), 'ministry_lead');
    await user.selectOptions(screen.getByLabelText(ja.users.create.ministry), 'meti');
    await user.click(screen.getByRole('button', { name: ja.users.create.submit }));

    const notice = await screen.findByTestId('otp-notice');
    expect(notice).toHaveTextContent(ja.users.otp.warning);
    const password = within(notice).getByTestId('otp-value').textContent ?? '';
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(within(notice).getByRole('button', { name: ja.users.otp.copy })).toBeInTheDocument();
    const row = await screen.findByTestId('user-row-new.lead@example.go.jp');
    expect(row).toHaveTextContent('経済産業省');
    expect(row).toHaveTextContent(ja.users.mustChange);
    // Closed, it is gone for good.
    await user.click(within(notice).getByRole('button', { name: ja.users.otp.done }));
    expect(screen.queryByTestId('otp-notice')).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(password);
  });

  it('changes a role, and disables and re-enables a user after asking', async () => {
    await signInAs(ADMIN);
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/admin/users' });
    await user.click(await screen.findByRole('button', { name: `${ANALYST} を管理` }));
    const panel = await screen.findByTestId('manage-user');
    await user.selectOptions(within(panel).getByLabelText(ja.users.edit.role), 'executive');
    await user.click(within(panel).getByRole('button', { name: ja.users.edit.save }));
    await waitFor(() => expect(screen.getByTestId(`user-row-${ANALYST}`)).toHaveTextContent(ja.roles.executive));

    await user.click(within(screen.getByTestId('manage-user')).getByRole('button', { name: ja.users.edit.disable }));
    const dialog = await screen.findByRole('dialog', { name: `${ANALYST} を無効にしますか？` });
    await user.click(within(dialog).getByRole('button', { name: ja.users.edit.disable }));
    await waitFor(() => expect(screen.getByTestId(`user-row-${ANALYST}`)).toHaveTextContent(ja.users.disabled));
    expect(screen.getByTestId('users-notice')).toHaveTextContent(`${ANALYST} を無効にしました。`);

    await user.click(within(screen.getByTestId('manage-user')).getByRole('button', { name: ja.users.edit.enable }));
    const again = await screen.findByRole('dialog', { name: `${ANALYST} を有効に戻しますか？` });
    await user.click(within(again).getByRole('button', { name: ja.users.edit.enable }));
    await waitFor(() => expect(screen.getByTestId(`user-row-${ANALYST}`)).toHaveTextContent(ja.users.active));

    // Signed out everywhere, after asking (disabling ended the analyst's session already: none left).
    await user.click(within(screen.getByTestId('manage-user')).getByRole('button', { name: ja.users.edit.signOut }));
    const signOut = await screen.findByRole('dialog', { name: `${ANALYST} をすべての端末からログアウトしますか？` });
    await user.click(within(signOut).getByRole('button', { name: ja.users.edit.signOut }));
    await waitFor(() =>
      expect(screen.getByTestId('users-notice')).toHaveTextContent(`${ANALYST} のセッション 0 件を終了しました。`),
    );
    await waitFor(() => expect(screen.getByTestId(`user-row-${ANALYST}`).querySelector('td.num')).toHaveTextContent('0'));

    // Their own account: neither disabled nor demoted from here.
    await user.click(screen.getByRole('button', { name: `${ADMIN} を管理` }));
    const own = await screen.findByTestId('manage-user');
    expect(own).toHaveTextContent(ja.users.edit.self);
    expect(within(own).getByRole('button', { name: ja.users.edit.disable })).toBeDisabled();
    expect(within(own).getByLabelText(ja.users.edit.role)).toBeDisabled();
  });

  it('keeps a user with a one-time password on the password page, checks the new one as typed, then lets them in', async () => {
    await signInAs(ADMIN);
    const created = await fetch('/api/v1/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'otp.user@example.go.jp', displayName: 'OTP User', role: 'executive' }),
    });
    const { oneTimePassword } = (await created.json()) as { oneTimePassword: string };
    restore.jar.clear();

    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: '/login?next=%2Fadmin%2Fusers', language: 'en' });
    await user.type(await screen.findByLabelText(en.auth.email), 'otp.user@example.go.jp');
    await user.type(screen.getByLabelText(en.auth.password), oneTimePassword);
    await user.click(screen.getByRole('button', { name: en.auth.submit }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/password'));
    expect(await screen.findByTestId('must-change-password')).toHaveTextContent(en.account.mustChange);
    // Elsewhere in the app: back to the password page.
    await router.navigate('/');
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/password'));

    await user.type(screen.getByLabelText(en.account.current), 'not the one-time password');
    await user.type(screen.getByLabelText(en.account.next), 'short');
    await user.tab();
    expect(screen.getByLabelText(en.account.next)).toHaveAccessibleDescription(/at least 12 characters \(it has 5\)/);
    await user.clear(screen.getByLabelText(en.account.next));
    await user.type(screen.getByLabelText(en.account.next), NEW_PASSWORD);
    await user.type(screen.getByLabelText(en.account.confirm), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: en.account.submit }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent(en.account.wrongCurrent);

    await user.clear(screen.getByLabelText(en.account.current));
    await user.type(screen.getByLabelText(en.account.current), oneTimePassword);
    await user.click(screen.getByRole('button', { name: en.account.submit }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(await screen.findByTestId('flash-notice')).toHaveTextContent(en.account.changed);
    expect(await screen.findByRole('heading', { name: 'home' })).toBeInTheDocument();
  });
});
