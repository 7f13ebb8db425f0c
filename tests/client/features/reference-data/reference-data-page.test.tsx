// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Layout } from '../../../../client/app/layout';
import { ReferenceDataPage } from '../../../../client/features/reference-data/components/reference-data-page';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import { TEST_PASSWORD, createTestUser } from '../../../support/sessions';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import type { CookieJar } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';

// 「期限・会議の管理」 (decision 026), rendered as the app renders it, against a real app over a migrated
// database: the lists, the add form's checks as one types and the server's 409 beside the code, a
// rename, a retirement after the confirmation (and the last deadline in force refused), in both languages.

const ADMIN = 'admin@example.go.jp';
const EXECUTIVE = 'exec@example.go.jp';

const routes = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <h1>home</h1> },
      { path: 'admin/deadlines', element: <ReferenceDataPage /> },
    ],
  },
];

const fill = (template: string, code: string) => template.replace('{{code}}', code);

describe('deadlines and meetings in the browser', () => {
  let t: TestApp;
  let restore: (() => void) & { jar: CookieJar };

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await createTestUser(t.database.db, { email: ADMIN, role: 'admin' });
    await createTestUser(t.database.db, { email: EXECUTIVE, role: 'executive' });
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

  async function signInAs(email: string): Promise<void> {
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
  }

  it('refuses anyone but an administrator, and offers them no link', async () => {
    await signInAs(EXECUTIVE);
    renderWithApp(routes, { path: '/admin/deadlines' });
    expect(await screen.findByRole('alert')).toHaveTextContent(ja.referenceData.forbidden);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: ja.referenceData.nav })).not.toBeInTheDocument();
  });

  it('lists the deadlines, checks the add form as one types, and adds one', async () => {
    await signInAs(ADMIN);
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/admin/deadlines' });
    const table = await screen.findByRole('table', { name: ja.referenceData.deadlines.caption });
    expect(within(table).getByTestId('deadlines-row-summer-2027')).toHaveTextContent('成長戦略改訂（2027年夏）');
    expect(within(table).getByTestId('deadlines-row-summer-2027')).toHaveTextContent(ja.referenceData.isDefault);
    expect(await screen.findByText(ja.referenceData.meetings.empty)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: ja.referenceData.nav })).toHaveAttribute('href', '/admin/deadlines');

    const form = screen.getByTestId('deadlines-add-form');
    await user.click(within(form).getByRole('button', { name: ja.referenceData.form.submitAdd }));
    const summary = await within(form).findByTestId('error-summary');
    expect(summary).toHaveTextContent(ja.referenceData.form.codeRequired);
    expect(summary).toHaveTextContent(ja.referenceData.form.nameRequired);
    expect(summary).toHaveTextContent(ja.referenceData.form.dateRequired);
    await user.type(within(form).getByLabelText(ja.referenceData.form.code), 'Summer_2028');
    await user.tab();
    expect(within(form).getByLabelText(ja.referenceData.form.code)).toHaveAccessibleDescription(
      new RegExp(ja.referenceData.form.codeInvalid.slice(0, 10)),
    );

    // A taken code is the server's to say, beside the field.
    await user.clear(within(form).getByLabelText(ja.referenceData.form.code));
    await user.type(within(form).getByLabelText(ja.referenceData.form.code), 'summer-2026');
    await user.type(within(form).getByLabelText(ja.referenceData.form.nameJa), '成長戦略改訂（2028年夏）');
    await user.type(within(form).getByLabelText(ja.referenceData.form.nameEn), 'Growth strategy revision (summer 2028)');
    fireEvent.change(within(form).getByLabelText(ja.referenceData.form.date), { target: { value: '2028-06-30' } });
    await user.click(within(form).getByRole('button', { name: ja.referenceData.form.submitAdd }));
    expect(await within(form).findByTestId('error-summary')).toHaveTextContent(ja.referenceData.form.codeTaken);

    await user.clear(within(form).getByLabelText(ja.referenceData.form.code));
    await user.type(within(form).getByLabelText(ja.referenceData.form.code), 'summer-2028');
    await user.click(within(form).getByRole('button', { name: ja.referenceData.form.submitAdd }));
    const row = await screen.findByTestId('deadlines-row-summer-2028');
    expect(row).toHaveTextContent('2028年6月30日');
    expect(row).toHaveTextContent(ja.referenceData.inForce);
    expect(screen.getByTestId('reference-notice')).toHaveTextContent(fill(ja.referenceData.added, 'summer-2028'));
    expect(within(form).getByLabelText(ja.referenceData.form.code)).toHaveValue('');
  });

  it('renames a deadline, says when nothing changed, and retires and restores one after asking', async () => {
    await signInAs(ADMIN);
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/admin/deadlines' });
    await screen.findByTestId('deadlines-row-summer-2028');
    await user.click(screen.getByRole('button', { name: fill(ja.referenceData.editLabel, 'summer-2028') }));
    const edit = await screen.findByTestId('deadlines-edit-form');
    await user.click(within(edit).getByRole('button', { name: ja.referenceData.form.save }));
    expect(await within(edit).findByText(ja.referenceData.form.unchanged)).toBeInTheDocument();
    const nameEn = within(edit).getByLabelText(ja.referenceData.form.nameEn);
    await user.clear(nameEn);
    await user.type(nameEn, 'Summer 2028');
    await user.click(within(edit).getByRole('button', { name: ja.referenceData.form.save }));
    await waitFor(() => expect(screen.getByTestId('deadlines-row-summer-2028')).toHaveTextContent('Summer 2028'));
    expect(screen.queryByTestId('deadlines-edit-form')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: fill(ja.referenceData.retireLabel, 'summer-2027') }));
    const dialog = await screen.findByRole('dialog', { name: fill(ja.referenceData.confirmRetireTitle, 'summer-2027') });
    expect(dialog).toHaveTextContent(ja.referenceData.deadlines.retireBody);
    await user.click(within(dialog).getByRole('button', { name: ja.referenceData.retire }));
    await waitFor(() => expect(screen.getByTestId('deadlines-row-summer-2027')).toHaveTextContent(ja.referenceData.retired));
    // The default moved to the next deadline in force.
    await waitFor(() => expect(screen.getByTestId('deadlines-row-summer-2028')).toHaveTextContent(ja.referenceData.isDefault));
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_code', '=', 'summer-2027').execute();
    expect(audit.map((a) => a.action)).toEqual(['deadline.update']);

    await user.click(screen.getByRole('button', { name: fill(ja.referenceData.restoreLabel, 'summer-2027') }));
    const again = await screen.findByRole('dialog', { name: fill(ja.referenceData.confirmRestoreTitle, 'summer-2027') });
    await user.click(within(again).getByRole('button', { name: ja.referenceData.restore }));
    await waitFor(() => expect(screen.getByTestId('deadlines-row-summer-2027')).toHaveTextContent(ja.referenceData.inForce));
  });

  it('in English: the last deadline in force cannot be retired, said plainly', async () => {
    await signInAs(ADMIN);
    const user = userEvent.setup();
    for (const code of ['roadmap-2026', 'summer-2026', 'summer-2027']) {
      await fetch(`/api/v1/deadlines/${code}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ retired: true }),
      });
    }
    renderWithApp(routes, { path: '/admin/deadlines', language: 'en' });
    await screen.findByRole('table', { name: en.referenceData.deadlines.caption });
    await user.click(screen.getByRole('button', { name: fill(en.referenceData.retireLabel, 'summer-2028') }));
    const dialog = await screen.findByRole('dialog', { name: fill(en.referenceData.confirmRetireTitle, 'summer-2028') });
    await user.click(within(dialog).getByRole('button', { name: en.referenceData.retire }));
    expect(await screen.findByTestId('deadlines-problem')).toHaveTextContent(en.referenceData.lastDeadline);
    expect(screen.getByTestId('deadlines-row-summer-2028')).toHaveTextContent(en.referenceData.inForce);
  });
});
