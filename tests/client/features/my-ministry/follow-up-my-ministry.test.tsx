// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  ReportQueueResponse,
  RoundDetailResponse,
  RoundListResponse,
  RoundSummary,
} from '../../../../server/schemas/follow-up';
import { MyMinistryPage } from '../../../../client/features/my-ministry/components/my-ministry-page';
import { FIXTURE_NOW, fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import type { CookieJar } from '../../../support/render-client';
import { TEST_PASSWORD, createTestUser } from '../../../support/sessions';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';
import { interceptFollowUp } from '../../support/follow-up-fetch';
import type { RecordedRequest } from '../../support/follow-up-fetch';

// A METI lead's page in the follow-up round (docs/product.md §4): the reports the secretariat returned
// come first, headed 差し戻し with the comment and a link to report again; then the open round's due
// date and the METI measures it still misses. The measures and the session come from the real app;
// the rounds and the review queue are answered in the contract's shape (server/schemas/follow-up.ts).

const LEAD = 'lead.meti@example.go.jp';
const routes = [
  { path: '/my', element: <MyMinistryPage /> },
  { path: '/measures/:code/report', element: <p>report form</p> },
];

const counts = { inScope: 3, submitted: 1, accepted: 0, returned: 0, missing: 2, late: 0 };
const summary = (code: string, state: RoundSummary['state'], titleJa: string, titleEn: string): RoundSummary => ({
  code,
  titleJa,
  titleEn,
  opensAt: '2026-11-01T00:00:00+09:00',
  dueAt: '2026-12-10T23:59:59+09:00',
  closedAt: state === 'closed' ? '2026-06-30T00:00:00+09:00' : null,
  state,
  ministries: [],
  fields: [],
  deadline: null,
  totals: counts,
});
const rounds: RoundListResponse = {
  items: [
    summary('2026-autumn', 'open', '2026年秋のフォローアップ', 'Autumn 2026 follow-up'),
    summary('2026-spring', 'closed', '春', 'Spring'),
  ],
};
const row = (code: string, leadMinistry: string, state: 'missing' | 'submitted') => ({
  code,
  titleJa: `${code} の施策`,
  titleEn: `Measure ${code}`,
  leadMinistry,
  state,
  late: false,
  reportId: state === 'missing' ? null : 5,
  reportedAt: state === 'missing' ? null : '2026-11-05T01:00:00Z',
  comment: null,
});
const round: RoundDetailResponse = {
  ...summary('2026-autumn', 'open', '2026年秋のフォローアップ', 'Autumn 2026 follow-up'),
  byMinistry: [{ code: 'meti', nameJa: '経済産業省', nameEn: 'METI', ...counts }],
  measures: [row('METI-0001', 'meti', 'missing'), row('METI-0099', 'meti', 'submitted'), row('MEXT-0002', 'mext', 'missing')],
};
const report = {
  id: 41,
  reportedAt: '2026-11-03T01:00:00Z',
  reporter: LEAD,
  status: 'in_progress',
  health: 'on_track',
  note: '順調',
  evidenceUrl: null,
  milestonesCompleted: [],
  roundCode: '2026-autumn',
  late: false,
  review: {
    state: 'returned' as const,
    comment: '実績値の出典を追記してください',
    reviewer: 'secretariat@demo.example.jp',
    reviewedAt: '2026-11-04T02:00:00Z',
  },
};
const returned: ReportQueueResponse = {
  items: [
    {
      measure: { code: 'METI-0001', titleJa: '半導体の施策', titleEn: 'A semiconductor measure', leadMinistry: 'meti' },
      report,
      previous: null,
    },
  ],
  total: 1,
  page: 1,
  pageSize: 100,
};

describe('my ministry in the follow-up round', () => {
  let t: TestApp;
  let restore: (() => void) & { jar: CookieJar };
  let restoreFollowUp: () => void;
  let requests: RecordedRequest[];
  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: fixtureMeasures(), now: FIXTURE_NOW });
    await createTestUser(t.database.db, { email: LEAD, role: 'ministry_lead', ministry: 'meti' });
    restore = routeFetchTo(t.app);
    const intercepted = interceptFollowUp({
      answer: (path) => {
        if (path === '/api/v1/rounds') return { body: rounds };
        if (path === '/api/v1/rounds/2026-autumn') return { body: round };
        if (path === '/api/v1/reports') return { body: returned };
        return undefined;
      },
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
  afterEach(cleanup);
  afterAll(async () => {
    restoreFollowUp();
    restore();
    await t.drop();
  });

  it('puts the returned reports first with the comment and a link to report again, then what the open round still misses (Japanese)', async () => {
    renderWithApp(routes, { path: '/my' });
    const returnedPanel = await screen.findByRole('region', { name: '差し戻し' });
    expect(returnedPanel).toHaveTextContent('実績値の出典を追記してください');
    expect(within(returnedPanel).getByRole('link', { name: 'METI-0001 を改めて報告する' })).toHaveAttribute(
      'href',
      '/measures/METI-0001/report',
    );
    const roundPanel = await screen.findByRole('region', { name: '照会：2026年秋のフォローアップ' });
    expect(roundPanel).toHaveTextContent('回答期限：2026年12月10日');
    // Only METI's measures count: METI-0001 missing, METI-0099 answered; MEXT-0002 is another ministry's.
    expect(within(roundPanel).getByTestId('my-round-missing')).toHaveTextContent('未回答 1 件（対象 2 件中）');
    const missing = within(roundPanel).getByRole('list', { name: '未回答の施策' });
    expect(
      within(missing)
        .getAllByRole('link')
        .map((a) => [a.getAttribute('href'), a.getAttribute('aria-label') ?? a.textContent]),
    ).toEqual([
      ['/measures/METI-0001', expect.stringContaining('METI-0001')],
      ['/measures/METI-0001/report', 'METI-0001 の進捗を報告する'],
    ]);
    // Returned first: the panel comes before the round and before the measures' table.
    expect(returnedPanel.compareDocumentPosition(roundPanel) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const queue = requests.find((r) => r.url.pathname === '/api/v1/reports');
    expect(queue?.url.searchParams.get('review')).toBe('returned');
    expect(queue?.url.searchParams.get('latest')).toBe('true');
    expect(queue?.url.searchParams.get('ministry')).toBe('meti');
    expect(requests.some((r) => r.url.pathname === '/api/v1/rounds/2026-autumn')).toBe(true);
  });

  it('has no accessibility violations axe can find without a layout', async () => {
    const { container } = renderWithApp(routes, { path: `/my` });
    await screen.findByRole('region', { name: '差し戻し' });
    await screen.findByRole('region', { name: '照会：2026年秋のフォローアップ' });
    await screen.findByTestId('my-lead-table');
    // jsdom lays nothing out, so contrast is left to the browser scan (tests/e2e/accessibility.test.ts).
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('says the same in English', async () => {
    renderWithApp(routes, { path: '/my', language: 'en' });
    const returnedPanel = await screen.findByRole('region', { name: 'Returned' });
    expect(within(returnedPanel).getByRole('link', { name: 'Report again on METI-0001' })).toBeInTheDocument();
    const roundPanel = await screen.findByRole('region', { name: 'Round: Autumn 2026 follow-up' });
    expect(within(roundPanel).getByTestId('my-round-missing')).toHaveTextContent('1 of 2 measures not yet answered');
  });
});
