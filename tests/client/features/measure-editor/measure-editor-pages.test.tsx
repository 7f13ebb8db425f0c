// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EditMeasurePage } from '../../../../client/features/measure-editor/components/edit-measure-page';
import { NewMeasurePage } from '../../../../client/features/measure-editor/components/new-measure-page';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import { measureDetailResponse } from '../../../../server/schemas/responses';
import { getOk } from '../../../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import type { CookieJar } from '../../../support/render-client';
import { TEST_PASSWORD, createTestUser, currentEtag, send, signIn } from '../../../support/sessions';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';

// 施策の新規登録 and the edit page (issue 13 items 1–2, docs/decisions/023), against the real app: the
// form checks in Japanese and English before sending, a lead registers for their own ministry only, the
// server gives the code, and an edit sends only what changed, with If-Match and the conflict dialog.

const LEAD = 'lead.meti@example.go.jp';
const ADMIN = 'admin@example.go.jp';
const E = ja.measureEditor;

describe('registering and editing a measure in the browser', () => {
  let t: TestApp;
  let restore: (() => void) & { jar: CookieJar };
  let adminCookie: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: fixtureMeasures(), now: FIXTURE_NOW });
    await createTestUser(t.database.db, { email: LEAD, role: 'ministry_lead', ministry: 'meti', displayName: '経産 花子' });
    await createTestUser(t.database.db, { email: ADMIN, role: 'admin', displayName: '管理者' });
    adminCookie = await signIn(t.app, ADMIN);
    restore = routeFetchTo(t.app);
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: LEAD, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
  });
  afterEach(cleanup);
  afterAll(async () => {
    restore();
    await t.drop();
  });

  const routes = [
    { path: '/measures/new', element: <NewMeasurePage /> },
    { path: '/measures/:code/edit', element: <EditMeasurePage /> },
    { path: '/measures/:code', element: <p data-testid="detail">detail</p> },
  ];

  it('checks the form in Japanese before sending, then registers the measure with the next METI code', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/measures/new' });
    await user.click(await screen.findByRole('button', { name: E.register }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent(E.errors.titleRequired);
    expect(summary).toHaveTextContent(E.errors.choose);
    expect(summary).toHaveTextContent(E.errors.atLeastOne);
    expect(screen.getByLabelText(E.titleJa)).toHaveAttribute('aria-invalid', 'true');
    // The lead ministry is the lead's own, and cannot be changed.
    expect(screen.getByLabelText(E.leadMinistry)).toBeDisabled();
    expect(screen.getByLabelText(E.leadMinistry)).toHaveValue('meti');

    await user.type(screen.getByLabelText(E.titleJa), '量子センサの社会実装');
    await user.type(screen.getByLabelText(E.titleEn), 'Deploying quantum sensors');
    await user.selectOptions(screen.getByLabelText(E.pillar), 'startup-finance');
    await user.selectOptions(screen.getByLabelText(E.primaryField), 'quantum');
    await user.click(within(screen.getByRole('group', { name: E.instruments })).getByLabelText('研究開発'));
    fireEvent.change(screen.getByLabelText(/^開始日/), { target: { value: '2027-01-01' } });
    fireEvent.change(screen.getByLabelText(/^目標日/), { target: { value: '2026-12-01' } });
    await user.click(screen.getByRole('button', { name: E.addMilestone }));
    const row = screen.getByTestId('new-milestone');
    await user.type(within(row).getByLabelText(E.titleJa), '実証開始');
    await user.type(within(row).getByLabelText(E.titleEn), 'Pilot starts');
    fireEvent.change(within(row).getByLabelText(ja.milestones.dueDate), { target: { value: '2027-03-31' } });
    await user.click(screen.getByRole('button', { name: E.register }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent(E.errors.targetBeforeStart);
    expect(
      await t.database.db.selectFrom('measures').select('code').where('code', '=', 'METI-0002').executeTakeFirst(),
    ).toBeUndefined();

    fireEvent.change(screen.getByLabelText(/^目標日/), { target: { value: '2028-03-31' } });
    await user.click(screen.getByRole('button', { name: E.register }));
    expect(await screen.findByTestId('detail')).toBeInTheDocument();
    const created = await getOk(t, '/api/v1/measures/METI-0002', measureDetailResponse);
    expect(created).toMatchObject({
      titleJa: '量子センサの社会実装',
      leadMinistry: 'meti',
      pillar: 'startup-finance',
      fields: ['quantum'],
      instruments: ['rnd'],
      startDate: '2027-01-01',
      targetDate: '2028-03-31',
      version: 1,
    });
    expect(created.milestoneList.map((m) => [m.titleJa, m.dueDate, m.weight])).toEqual([['実証開始', '2027-03-31', 1]]);
  });

  it('speaks English when the page is in English', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/measures/new', language: 'en' });
    await user.click(await screen.findByRole('button', { name: en.measureEditor.register }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent(en.measureEditor.errors.titleRequired);
    expect(screen.getByLabelText(en.measureEditor.titleEn)).toHaveAttribute('aria-invalid', 'true');
  });

  it('edits only what changed, with If-Match, and shows both versions when someone changed the measure meanwhile', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/measures/METI-0001/edit' });
    const title = await screen.findByLabelText(E.titleEn);
    const before = await getOk(t, '/api/v1/measures/METI-0001', measureDetailResponse);
    expect(title).toHaveValue(before.titleEn);

    // Nothing changed: nothing is sent.
    await user.click(screen.getByRole('button', { name: E.save }));
    expect(await screen.findByText(E.unchanged)).toBeInTheDocument();

    // The administrator changes the budget after the page was loaded.
    const meanwhile = await send(t.app, 'PATCH', '/api/v1/measures/METI-0001', {
      cookie: adminCookie,
      ifMatch: await currentEtag(t.app, 'METI-0001'),
      body: { budgetYen: 777 },
    });
    expect(meanwhile.status).toBe(200);

    await user.clear(title);
    await user.type(title, 'Quantum computing, renamed');
    await user.click(screen.getByRole('button', { name: E.save }));
    const dialog = await screen.findByRole('dialog', { name: ja.conflict.title });
    expect(dialog).toHaveTextContent('Quantum computing, renamed');
    expect(dialog).toHaveTextContent(before.titleEn);
    await user.click(within(dialog).getByRole('button', { name: E.reapply }));
    expect(await screen.findByTestId('detail')).toBeInTheDocument();

    const after = await getOk(t, '/api/v1/measures/METI-0001', measureDetailResponse);
    // Both changes are there: the title from the form, the budget from the administrator.
    expect(after).toMatchObject({ titleEn: 'Quantum computing, renamed', budgetYen: 777, titleJa: before.titleJa });
    expect(after.version).toBe(before.version + 2);
  });

  it('says plainly that a lead may not edit another ministry’s measure', async () => {
    renderWithApp(routes, { path: '/measures/MEXT-0002/edit' });
    expect(await screen.findByTestId('refusal')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: E.save })).not.toBeInTheDocument());
  });
});
