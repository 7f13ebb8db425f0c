// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MilestonesPage } from '../../../../client/features/milestones/components/milestones-page';
import { ja } from '../../../../client/lib/locales/ja';
import { hashPassword } from '../../../../server/auth/password';
import { createUser } from '../../../../server/repositories/auth-repository';
import { measureDetailResponse } from '../../../../server/schemas/responses';
import { getOk } from '../../../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import type { CookieJar } from '../../../support/render-client';
import { currentEtag, send, signIn } from '../../../support/sessions';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';

// The milestone editor (docs/product.md §5): a reschedule keeps the baseline, a new milestone is checked in
// Japanese before it is sent, and a change made meanwhile by someone else opens the conflict dialog.

const PASSWORD = 'lead-password-2026';
const LEAD = 'lead.meti@example.go.jp';
const ADMIN = 'admin@example.go.jp';
const CODE = 'METI-0001';

describe('the milestone editor', () => {
  let t: TestApp;
  let restore: (() => void) & { jar: CookieJar };
  let adminCookie: string;

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
      { email: ADMIN, displayName: '管理者', role: 'admin', ministry: null, passwordHash },
      FIXTURE_NOW,
    );
    adminCookie = await signIn(t.app, ADMIN, PASSWORD);
    restore = routeFetchTo(t.app);
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: LEAD, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
  });
  afterEach(cleanup);
  afterAll(async () => {
    restore();
    await t.drop();
  });

  const routes = [{ path: '/measures/:code/milestones', element: <MilestonesPage /> }];

  async function open() {
    renderWithApp(routes, { path: `/measures/${CODE}/milestones` });
    await screen.findByRole('heading', { level: 1, name: `マイルストーン：${CODE}` });
  }

  it('reschedules a milestone, showing the baseline beside the new date, and keeps the baseline', async () => {
    const before = await getOk(t, `/api/v1/measures/${CODE}`, measureDetailResponse);
    const milestone = before.milestoneList.find((m) => m.completedDate === null);
    if (!milestone) throw new Error('no open milestone');
    const user = userEvent.setup();
    await open();
    await user.click(screen.getByRole('button', { name: `「${milestone.titleJa}」の期日を変更` }));
    fireEvent.change(screen.getByLabelText(ja.milestones.newDue), { target: { value: '2027-04-30' } });
    expect(screen.getByTestId('baseline-vs-new')).toHaveTextContent(
      '当初期日 2027年3月31日 → 新しい期日 2027年4月30日（当初から30日）',
    );
    // The reason goes with the revision the reschedule appends (docs/decisions/012-due-date-history.md).
    await user.type(screen.getByLabelText(/変更理由/), '関係機関との調整');
    await user.click(screen.getByRole('button', { name: ja.milestones.save }));
    expect(await screen.findByTestId('milestone-notice')).toHaveTextContent('2027年4月30日 に変更しました');
    const row = document.querySelector(`tr[data-milestone="${milestone.id}"]`);
    expect(row).toHaveTextContent('当初から30日遅れ');
    const after = await getOk(t, `/api/v1/measures/${CODE}`, measureDetailResponse);
    const moved = after.milestoneList.find((m) => m.id === milestone.id);
    expect(moved).toMatchObject({ dueDate: '2027-04-30', baselineDueDate: milestone.baselineDueDate, slipDays: 30 });
    expect(moved?.revisions.map((r) => [r.previousDueDate, r.dueDate, r.reason])).toEqual([
      [milestone.dueDate, '2027-04-30', '関係機関との調整'],
    ]);
  });

  it('checks a new milestone in Japanese, and shows both versions when someone changed the measure meanwhile', async () => {
    const user = userEvent.setup();
    await open();
    const form = screen.getByRole('region', { name: ja.milestones.add });
    await user.click(within(form).getByRole('button', { name: ja.milestones.addSubmit }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent(ja.milestones.errors.titleRequired);
    expect(summary).toHaveTextContent(ja.milestones.errors.dueRequired);
    expect(within(form).getByLabelText(ja.milestones.titleJa)).toHaveAttribute('aria-invalid', 'true');

    // The administrator adds a milestone after the page was loaded.
    const added = await send(t.app, 'POST', `/api/v1/measures/${CODE}/milestones`, {
      cookie: adminCookie,
      ifMatch: await currentEtag(t.app, CODE),
      body: { titleJa: '管理者が追加した節目', titleEn: 'Added by the administrator', dueDate: '2027-01-31' },
    });
    expect(added.status).toBe(201);

    await user.type(within(form).getByLabelText(ja.milestones.titleJa), '量産試作の完了');
    await user.type(within(form).getByLabelText(ja.milestones.titleEn), 'Pilot production completed');
    fireEvent.change(within(form).getByLabelText(ja.milestones.dueDate), { target: { value: '2027-02-28' } });
    await user.click(within(form).getByRole('button', { name: ja.milestones.addSubmit }));

    const dialog = await screen.findByRole('dialog', { name: ja.conflict.title });
    expect(dialog.querySelector('tr[data-row="new"] td[data-version="mine"]')).toHaveTextContent('量産試作の完了');
    expect(dialog.querySelector('tr[data-row="list"] td[data-version="current"]')).toHaveTextContent('管理者が追加した節目');
    expect(dialog.querySelector('tr[data-row="list"] td[data-version="mine"]')).not.toHaveTextContent('管理者が追加した節目');

    // Re-apply, then confirm by adding again: both milestones are there, nothing was overwritten.
    await user.click(within(dialog).getByRole('button', { name: ja.conflict.reapplyMilestone }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(form).getByLabelText(ja.milestones.titleJa)).toHaveValue('量産試作の完了');
    await user.click(within(form).getByRole('button', { name: ja.milestones.addSubmit }));
    expect(await screen.findByTestId('milestone-notice')).toHaveTextContent('マイルストーン「量産試作の完了」を追加しました。');
    const titles = (await getOk(t, `/api/v1/measures/${CODE}`, measureDetailResponse)).milestoneList.map((m) => m.titleJa);
    expect(titles).toContain('管理者が追加した節目');
    expect(titles).toContain('量産試作の完了');
  });
});
