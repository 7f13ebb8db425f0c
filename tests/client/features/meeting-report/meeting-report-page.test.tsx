// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeetingReportPage } from '../../../../client/features/meeting-report/components/meeting-report-page';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import { CHANGE_KINDS } from '../../../../server/schemas/meeting-pack';
import type { ChangesResponse, EditionDto } from '../../../../server/schemas/meeting-pack';
import type {
  BreakdownResponse,
  BreakdownRow,
  BurnupResponse,
  MeasureListItem,
  MeasureListResponse,
  SummaryResponse,
} from '../../../../server/schemas/responses';
import { json, mockApi } from '../../../support/mock-api';
import type { MockRoute } from '../../../support/mock-api';
import { renderWithApp } from '../../../support/render-client';

// The A4 report (docs/product.md §5 "A4 report", decision 015) over a mocked API: the editions' and
// changes' endpoints are built by other parts of the meeting pack, so every answer here is shaped by
// the contract (server/schemas/meeting-pack.ts, responses.ts), and the requests the page sends are checked.

const deadline = { code: 'fy2030', nameJa: '2030年度末', nameEn: 'End of FY2030', date: '2031-03-31', daysLeft: 1581 };
const forecast = {
  projectedProgress: 0.75,
  projectedCompletionDate: '2031-06-30',
  ratePerDay: 0.001,
  windowDays: 90,
  method: 'Linear: the recent rate.',
  methodJa: '線形予測：直近の速度。',
};
const zeroStatus = { not_started: 0, planning: 0, in_progress: 0, completed: 0, suspended: 0 };
const zeroHealth = { on_track: 0, at_risk: 0, off_track: 0, stale: 0 };

function summary(over: Partial<SummaryResponse> = {}): SummaryResponse {
  return {
    asOf: '2026-12-01',
    total: 1234,
    byStatus: { ...zeroStatus, in_progress: 1000, planning: 234 },
    byHealth: { ...zeroHealth, on_track: 1200, at_risk: 34 },
    stale: 17,
    milestones: { total: 4000, done: 1936, overdue: 88 },
    deadline,
    progress: 0.484,
    overallProgress: 0.4,
    forecast,
    basis: 'reported',
    progressByBasis: { reported: 0.484, verified: 0.301 },
    milestonesDoneByBasis: { reported: 1936, verified: 1200 },
    ...over,
  };
}

function row(code: string, nameJa: string, nameEn: string, inProgress: number, planning: number, progress: number): BreakdownRow {
  return {
    code,
    nameJa,
    nameEn,
    total: inProgress + planning,
    byStatus: { ...zeroStatus, in_progress: inProgress, planning },
    byHealth: { ...zeroHealth, on_track: inProgress + planning },
    progress,
    overallProgress: progress,
    milestones: { total: 10, done: 5, overdue: 0 },
  };
}

const byField: BreakdownResponse = {
  asOf: '2026-12-01',
  basis: 'reported',
  deadline,
  items: [row('ai', 'AI・半導体', 'AI & Semiconductors', 7, 2, 0.523), row('quantum', '量子', 'Quantum', 0, 0, 0)],
};
const byMinistry: BreakdownResponse = {
  asOf: '2026-12-01',
  basis: 'reported',
  deadline,
  items: [row('meti', '経済産業省', 'METI', 5, 1, 0.61), row('mext', '文部科学省', 'MEXT', 2, 1, 0.25)],
};
const burnup: BurnupResponse = {
  asOf: '2026-12-01',
  basis: 'reported',
  deadline,
  interval: 'week',
  stepDays: 7,
  totalWeight: 40,
  forecast,
  points: [
    { date: '2026-11-24', planned: 0.5, completed: 0.45, ideal: 0.4 },
    { date: '2026-12-01', planned: 0.55, completed: 0.484, ideal: 0.41, forecast: 0.484 },
    { date: '2031-03-31', planned: 1, completed: null, ideal: 1, forecast: 0.75 },
  ],
};

function measure(code: string, titleJa: string, health: MeasureListItem['health'], overdue: number): MeasureListItem {
  return {
    code,
    titleJa,
    titleEn: `${code} in English`,
    leadMinistry: 'meti',
    coMinistries: [],
    fields: ['ai'],
    primaryField: 'ai',
    pillar: 'rnd-seeds',
    instruments: [],
    status: 'in_progress',
    health,
    reportedHealth: health === 'stale' ? 'on_track' : health,
    stale: health === 'stale',
    progress: 0.125,
    milestones: { total: 8, done: 1, overdue },
    review: null,
    targetDate: null,
    lastReportedAt: null,
    reportDueAt: '2026-12-31T14:59:59.999Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    withdrawnOn: null,
  };
}

const behind: MeasureListResponse = {
  items: [measure('METI-0001', '半導体の遅れている施策', 'off_track', 3), measure('METI-0002', '順調な施策', 'on_track', 0)],
  total: 2,
  page: 1,
  pageSize: 10,
  asOf: '2026-12-01',
  basis: 'reported',
};

function changes(to: { edition: string | null; date: string }): ChangesResponse {
  // 60 status changes counted, one of them in the answer (the report asks for 50 of each kind).
  const counts: ChangesResponse['counts'] = {
    status_changed: 60,
    health_improved: 0,
    health_worsened: 0,
    milestone_completed: 0,
    milestone_slipped: 1,
    newly_overdue: 0,
    newly_stale: 0,
    measure_added: 0,
    kpi_category_changed: 0,
  };
  const m = {
    code: 'METI-0001',
    titleJa: '半導体の遅れている施策',
    titleEn: 'A late semiconductor measure',
    leadMinistry: 'meti',
    coMinistries: [],
    fields: ['ai'],
    primaryField: 'ai',
  };
  return {
    from: { instant: '2026-11-01T14:59:59.999Z', date: '2026-11-01', edition: null, meeting: 'meeting-3' },
    to: { instant: '2026-12-01T14:59:59.999Z', date: to.date, edition: to.edition, meeting: null },
    basis: 'reported',
    counts,
    page: {
      kinds: [...CHANGE_KINDS],
      limit: 50,
      offset: 0,
    },
    omitted: { ...counts, status_changed: 59, milestone_slipped: 0 },
    items: [
      {
        kind: 'status_changed',
        measure: m,
        date: '2026-11-20T01:00:00.000Z',
        before: 'planning',
        after: 'in_progress',
        milestone: null,
        kpi: null,
        slipDays: null,
      },
      {
        kind: 'milestone_slipped',
        measure: m,
        date: '2026-11-21T01:00:00.000Z',
        before: '2026-12-31',
        after: '2027-03-31',
        milestone: { id: 5, titleJa: '試作の完了', titleEn: 'Prototype done' },
        kpi: null,
        slipDays: 90,
      },
    ],
  };
}

const edition: EditionDto = {
  code: 'meeting-3-pack',
  meeting: {
    code: 'meeting-3',
    nameJa: '新技術立国推進会議（第3回）',
    nameEn: 'New Technology Nation Council (meeting 3)',
    date: '2026-11-01',
  },
  asOf: '2026-11-01',
  asOfInstant: '2026-11-01T14:59:59.999Z',
  deadline: 'fy2030',
  basis: 'verified',
  filters: { ministry: ['meti'], basis: ['verified'], deadline: ['fy2030'] },
  createdAt: '2026-11-01T03:00:00.000Z',
  createdBy: 'secretariat@demo.example.jp',
  views: ['summary', 'by-field', 'by-ministry', 'heatmap', 'burnup', 'kpi', 'measures'],
};

function liveRoutes(): MockRoute[] {
  return [
    { method: 'GET', path: '/stats/summary', answer: () => json(summary()) },
    { method: 'GET', path: '/stats/by-field', answer: () => json(byField) },
    { method: 'GET', path: '/stats/by-ministry', answer: () => json(byMinistry) },
    { method: 'GET', path: '/stats/burnup', answer: () => json(burnup) },
    { method: 'GET', path: '/measures', answer: () => json(behind) },
    { method: 'GET', path: '/changes', answer: (r) => json(changes({ edition: null, date: r.query.get('to') ?? '2026-12-01' })) },
  ];
}

function editionRoutes(): MockRoute[] {
  const base = '/editions/meeting-3-pack';
  return [
    { method: 'GET', path: base, answer: () => json(edition) },
    {
      method: 'GET',
      path: `${base}/summary`,
      answer: () => json(summary({ asOf: '2026-11-01', total: 321, basis: 'verified' })),
    },
    { method: 'GET', path: `${base}/by-field`, answer: () => json(byField) },
    { method: 'GET', path: `${base}/by-ministry`, answer: () => json(byMinistry) },
    { method: 'GET', path: `${base}/burnup`, answer: () => json(burnup) },
    { method: 'GET', path: `${base}/measures`, answer: () => json(behind) },
    { method: 'GET', path: '/changes', answer: () => json(changes({ edition: 'meeting-3-pack', date: '2026-11-01' })) },
  ];
}

const routes = [
  { path: '/report', element: <MeetingReportPage /> },
  { path: '/', element: <p>dashboard</p> },
];

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
  vi.unstubAllGlobals();
});

async function ready(): Promise<HTMLElement> {
  const report = await screen.findByTestId('meeting-report');
  await waitFor(() => expect(report).toHaveAttribute('data-ready', 'true'));
  return report;
}

describe('the A4 report', () => {
  it('prints the live figures under the dashboard’s parameters, in Japanese', async () => {
    api = mockApi(liveRoutes());
    renderWithApp(routes, { path: '/report?field=ai&deadline=fy2030' });
    await ready();
    expect(screen.getByRole('heading', { level: 1, name: ja.meetingReport.title })).toBeInTheDocument();
    // The title page: the next meeting (meta.nextMeeting), the as-of date, the filters, basis and deadline.
    expect(screen.getByTestId('report-meeting')).toHaveTextContent('新技術立国推進会議（第4回）（2026年12月21日）');
    expect(screen.getByTestId('report-as-of')).toHaveTextContent('2026年12月1日');
    expect(screen.getByTestId('report-filters')).toHaveTextContent('戦略分野：AI・半導体');
    expect(screen.getByTestId('report-basis')).toHaveTextContent('報告ベース');
    expect(screen.getByTestId('report-deadline')).toHaveTextContent('2030年度末（2031年3月31日、期限まで あと1581日）');
    expect(screen.getByRole('note')).toHaveTextContent(ja.app.sampleNote);
    // The headline figures, formatted as the dashboard formats them.
    expect(screen.getByTestId('report-kpi-total')).toHaveTextContent('1,234');
    expect(screen.getByTestId('report-kpi-progress')).toHaveTextContent('48.4%');
    expect(screen.getByText('報告ベース 48.4% / 確認済み 30.1%')).toBeInTheDocument();
    // The forecast in the dashboard's words.
    expect(screen.getByTestId('report-forecast')).toHaveTextContent(
      '直近90日間のペースが続くと、期限（2031年3月31日）時点の進捗は 75.0% の見込みです（現在 48.4%）。',
    );
    expect(within(screen.getByTestId('report-burnup')).getByRole('img')).toBeInTheDocument();
    expect(within(screen.getByTestId('report-burnup-table')).getAllByRole('row')).toHaveLength(4);
    // By field: only the filtered field's row (quantum has no measure under the filter anyway), linked to the explorer.
    const fieldTable = screen.getByTestId('report-by-field-table');
    const aiRow = within(fieldTable).getByRole('link', { name: 'AI・半導体' }).closest('tr');
    if (!aiRow) throw new Error('no row');
    expect(aiRow).toHaveTextContent('52.3%');
    expect(within(aiRow).getByRole('link', { name: 'AI・半導体' })).toHaveAttribute('href', '/measures?field=ai');
    expect(within(fieldTable).queryByText('量子')).toBeNull();
    expect(within(screen.getByTestId('report-by-ministry-table')).getByRole('link', { name: '経済産業省' })).toBeInTheDocument();
    // Most behind: only those actually behind.
    const behindTable = screen.getByTestId('report-behind-table');
    expect(within(behindTable).getByRole('link', { name: '半導体の遅れている施策' })).toHaveAttribute(
      'href',
      '/measures/METI-0001',
    );
    expect(within(behindTable).queryByText('順調な施策')).toBeNull();
    // What changed: the counts of every kind and the items with before and after in words.
    const changesSection = screen.getByTestId('report-changes');
    expect(within(changesSection).getByTestId('report-changes-period')).toHaveTextContent(
      '2026年11月1日（新技術立国推進会議（第3回）） から 2026年12月1日 まで',
    );
    expect(within(screen.getByTestId('report-changes-counts')).getAllByRole('row')).toHaveLength(10);
    expect(within(changesSection).getByText('ステータスの変更：60 件')).toBeInTheDocument();
    expect(within(changesSection).getByText('ほか 59 件は「前回会議からの変化」画面で確認できます。')).toBeInTheDocument();
    expect(within(changesSection).getByText('計画中')).toBeInTheDocument();
    expect(within(changesSection).getByText('2027年3月31日')).toBeInTheDocument();
    expect(within(changesSection).getByText('試作の完了 · 90日')).toBeInTheDocument();

    // The requests: the stats with the filters and deadline, the list without the deadline, the changes
    // with the filters and neither asOf nor from (the server's default: the last meeting).
    const [sent] = api.sent('GET', '/stats/summary');
    expect(sent?.query.get('field')).toBe('ai');
    expect(sent?.query.get('deadline')).toBe('fy2030');
    const [list] = api.sent('GET', '/measures');
    expect(Object.fromEntries(list?.query ?? [])).toEqual({ field: 'ai', sort: 'behind', pageSize: '10' });
    const [changed] = api.sent('GET', '/changes');
    expect(Object.fromEntries(changed?.query ?? [])).toEqual({ field: 'ai', limit: '50' });
  });

  it('passes the as-of date to the changes as `to`, and prints and goes back with the same parameters', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    api = mockApi(liveRoutes());
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: '/report?asOf=2026-11-15&basis=verified' });
    await ready();
    const [changed] = api.sent('GET', '/changes');
    expect(Object.fromEntries(changed?.query ?? [])).toEqual({ basis: 'verified', to: '2026-11-15', limit: '50' });
    expect(api.sent('GET', '/stats/summary')[0]?.query.get('asOf')).toBe('2026-11-15');
    expect(screen.getByTestId('report-filters')).toHaveTextContent(ja.meetingReport.allMeasures);
    expect(screen.getByTestId('report-basis')).toHaveTextContent('確認済み');
    await user.click(screen.getByRole('button', { name: ja.meetingReport.print }));
    expect(print).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('link', { name: ja.meetingReport.back }));
    expect(router.state.location.search).toBe('?asOf=2026-11-15&basis=verified');
  });

  it('prints an edition: its meeting, its figures and the changes up to it', async () => {
    api = mockApi(editionRoutes());
    renderWithApp(routes, { path: '/report?edition=meeting-3-pack' });
    await ready();
    expect(screen.getByTestId('report-meeting')).toHaveTextContent('新技術立国推進会議（第3回）（2026年11月1日）');
    expect(screen.getByTestId('report-as-of')).toHaveTextContent('2026年11月1日');
    expect(screen.getByTestId('report-filters')).toHaveTextContent('府省庁：経済産業省');
    expect(screen.getByTestId('report-basis')).toHaveTextContent('確認済み');
    expect(screen.getByTestId('report-edition')).toHaveTextContent('meeting-3-pack');
    expect(screen.getByText(/凍結した版「meeting-3-pack」/)).toBeInTheDocument();
    expect(screen.getByTestId('report-kpi-total')).toHaveTextContent('321');
    // The edition's stored views, not the live statistics.
    expect(api.sent('GET', '/stats/summary')).toHaveLength(0);
    expect(api.sent('GET', '/editions/meeting-3-pack/summary')).toHaveLength(1);
    expect(Object.fromEntries(api.sent('GET', '/editions/meeting-3-pack/measures')[0]?.query ?? [])).toEqual({ pageSize: '10' });
    // The changes up to the edition, over its own filters (the deadline is not a filter of changes).
    const [changed] = api.sent('GET', '/changes');
    expect(Object.fromEntries(changed?.query ?? [])).toEqual({
      ministry: 'meti',
      basis: 'verified',
      to: 'meeting-3-pack',
      limit: '50',
    });
    // Links narrow the explorer as of the edition's date.
    expect(within(screen.getByTestId('report-by-field-table')).getByRole('link', { name: 'AI・半導体' })).toHaveAttribute(
      'href',
      '/measures?field=ai&ministry=meti&asOf=2026-11-01&basis=verified',
    );
  });

  it('prints in English', async () => {
    api = mockApi(liveRoutes());
    renderWithApp(routes, { path: '/report', language: 'en' });
    await ready();
    expect(screen.getByRole('heading', { level: 1, name: en.meetingReport.title })).toBeInTheDocument();
    expect(screen.getByTestId('report-meeting')).toHaveTextContent('New Technology Nation Council (meeting 4) (21 Dec 2026)');
    expect(screen.getByTestId('report-filters')).toHaveTextContent(en.meetingReport.allMeasures);
    expect(screen.getByTestId('report-kpi-total')).toHaveTextContent('1,234');
    for (const name of [
      en.meetingReport.kpis,
      en.meetingReport.burnup,
      en.dashboard.byField,
      en.dashboard.byMinistry,
      en.meetingReport.changes,
    ]) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeInTheDocument();
    }
    expect(screen.getByText('Status changed: 60')).toBeInTheDocument();
    expect(screen.getByText('Prototype done · 90 days')).toBeInTheDocument();
    expect(within(screen.getByTestId('report-changes')).getByText('Planning')).toBeInTheDocument();
  });
});
