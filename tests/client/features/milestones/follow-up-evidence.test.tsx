// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MilestonesPage } from '../../../../client/features/milestones/components/milestones-page';
import { FIXTURE_NOW, fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { TEST_PASSWORD, createTestUser } from '../../../support/sessions';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';
import { interceptFollowUp } from '../../support/follow-up-fetch';
import type { RecordedRequest } from '../../support/follow-up-fetch';

// The milestone editor's evidence links (docs/product.md §4: the secretariat verifies a completion
// against its evidence): an optional http(s) link on a new milestone, and a link set or removed on an
// existing one, each checked before sending and sent as `evidenceUrl`. The measure comes from the real
// app with its milestones' follow-up fields added; the writes are answered here, since this branch's
// server does not take evidenceUrl yet.

const LEAD = 'lead.meti@example.go.jp';
const CODE = 'METI-0001';
const routes = [{ path: '/measures/:code/milestones', element: <MilestonesPage /> }];

describe('evidence links in the milestone editor', () => {
  let t: TestApp;
  let restore: () => void;
  let restoreFollowUp: () => void;
  let requests: RecordedRequest[];
  let detail: Record<string, unknown>;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: fixtureMeasures(), now: FIXTURE_NOW });
    await createTestUser(t.database.db, { email: LEAD, role: 'ministry_lead', ministry: 'meti' });
    detail = await (await t.app.request(`/api/v1/measures/${CODE}`)).json();
    restore = routeFetchTo(t.app);
    const withEvidence = (body: Record<string, unknown>) => ({
      milestoneList: (Array.isArray(body.milestoneList) ? body.milestoneList : []).map(
        (m: Record<string, unknown>, i: number) => ({
          ...m,
          evidenceUrl: i === 0 ? 'https://example.jp/first.pdf' : null,
          completion: typeof m.completedDate === 'string' ? 'reported' : 'open',
          verifiedAt: null,
          verifiedBy: null,
          verificationHistory: [],
        }),
      ),
    });
    const intercepted = interceptFollowUp({
      answer: (path, _url, init) =>
        init?.method === 'POST' || init?.method === 'PATCH'
          ? path.startsWith(`/api/v1/measures/${CODE}/milestones`)
            ? {
                status: init.method === 'POST' ? 201 : 200,
                body: { ...detail, ...withEvidence(detail) },
                headers: { ETag: '"v99"' },
              }
            : undefined
          : undefined,
      augment: (path, body) => (path === `/api/v1/measures/${CODE}` ? withEvidence(body) : undefined),
    });
    requests = intercepted.requests;
    restoreFollowUp = intercepted.restore;
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: LEAD, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
  });
  afterEach(() => {
    cleanup();
    requests.length = 0;
  });
  afterAll(async () => {
    restoreFollowUp();
    restore();
    await t.drop();
  });

  const writes = () =>
    requests.filter((r) => r.method === 'POST' || r.method === 'PATCH').filter((r) => r.url.pathname.includes('/milestones'));

  it('checks a new milestone’s evidence link and sends it (Japanese)', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: `/measures/${CODE}/milestones` });
    await screen.findByRole('heading', { level: 1, name: `マイルストーン：${CODE}` });
    const table = screen.getByRole('table', { name: 'マイルストーン一覧' });
    expect(within(table).getAllByTestId('ms-evidence')[0]).toHaveTextContent('https://example.jp/first.pdf');
    const form = screen.getByRole('region', { name: 'マイルストーンを追加' });
    await user.type(within(form).getByLabelText('名称（日本語）'), '実証完了');
    await user.type(within(form).getByLabelText('名称（英語）'), 'Trial done');
    await user.type(within(form).getByLabelText('期日'), '2027-03-31');
    const url = within(form).getByLabelText(/根拠URL/);
    await user.type(url, 'ftp://example.jp/x');
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(writes()).toHaveLength(0);
    await user.clear(url);
    await user.type(url, 'https://example.jp/trial.pdf');
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]?.body).toMatchObject({ titleJa: '実証完了', evidenceUrl: 'https://example.jp/trial.pdf' });
  });

  it('sets and removes an existing milestone’s evidence link with PATCH (English)', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: `/measures/${CODE}/milestones`, language: 'en' });
    const table = await screen.findByRole('table');
    const buttons = within(table).getAllByRole('button', { name: /Set the evidence link of/ });
    await user.click(buttons[1] ?? buttons[0] ?? table);
    const region = screen.getByRole('region', { name: /Evidence link of/ });
    const input = within(region).getByLabelText('Evidence link');
    await user.type(input, 'not a link');
    await user.click(within(region).getByRole('button', { name: 'Save the change' }));
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(writes()).toHaveLength(0);
    await user.clear(input);
    await user.type(input, 'https://example.jp/second.pdf');
    await user.click(within(region).getByRole('button', { name: 'Save the change' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]?.method).toBe('PATCH');
    expect(writes()[0]?.body).toEqual({ evidenceUrl: 'https://example.jp/second.pdf' });
    // The first milestone's link, emptied, is removed (null).
    await user.click(
      within(screen.getByRole('table')).getAllByRole('button', { name: /Set the evidence link of/ })[0] ?? document.body,
    );
    const again = screen.getByRole('region', { name: /Evidence link of/ });
    await user.clear(within(again).getByLabelText('Evidence link'));
    await user.click(within(again).getByRole('button', { name: 'Save the change' }));
    await waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes()[1]?.body).toEqual({ evidenceUrl: null });
  });
});
