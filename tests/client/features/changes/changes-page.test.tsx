// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangesPage } from '../../../../client/features/changes/components/changes-page';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import type { ChangeItem, ChangesResponse } from '../../../../server/schemas/meeting-pack';
import { CHANGE_KINDS, changesResponse } from '../../../../server/schemas/meeting-pack';
import { apiError, json, mockApi } from '../../../support/mock-api';
import type { MockAnswer } from '../../../support/mock-api';
import { renderWithApp } from '../../../support/render-client';

// 「前回会議からの変化」(docs/product.md §5): the ends echoed in words, the counts as tiles, the items
// grouped by field or lead ministry in words with links to their measures, the URL as the state,
// the download of exactly this view, and the empty and from_required states.

const routes = [
  { path: '/changes', element: <ChangesPage /> },
  { path: '/measures/:code', element: <p>measure page</p> },
];

const measure = (code: string, lead: string, field: string | null) => ({
  code,
  titleJa: `施策${code}`,
  titleEn: `Measure ${code}`,
  leadMinistry: lead,
  coMinistries: [],
  fields: field ? [field] : [],
  primaryField: field,
});

const base = { milestone: null, kpi: null, slipDays: null };
const items: ChangeItem[] = [
  {
    ...base,
    kind: 'status_changed',
    measure: measure('METI-0001', 'meti', 'quantum'),
    date: '2026-11-10T01:00:00.000Z',
    before: 'planning',
    after: 'in_progress',
  },
  {
    ...base,
    kind: 'health_worsened',
    measure: measure('MEXT-0002', 'mext', 'ai'),
    date: '2026-11-05T01:00:00.000Z',
    before: 'on_track',
    after: 'at_risk',
  },
  {
    ...base,
    kind: 'milestone_slipped',
    measure: measure('METI-0001', 'meti', 'quantum'),
    date: '2026-11-12T02:00:00.000Z',
    before: '2026-03-31',
    after: '2026-06-30',
    milestone: { id: 5, titleJa: '実証開始', titleEn: 'Pilot start' },
    slipDays: 91,
  },
];

function body(over: Partial<Omit<ChangesResponse, 'omitted'>> = {}): ChangesResponse {
  const counts = {
    status_changed: 1,
    health_improved: 0,
    health_worsened: 1,
    milestone_completed: 0,
    milestone_slipped: 1,
    newly_overdue: 0,
    newly_stale: 0,
    measure_added: 0,
    kpi_category_changed: 0,
  };
  const answer = {
    from: { instant: '2026-11-01T14:59:59.999Z', date: '2026-11-01', edition: null, meeting: 'meeting-3' },
    to: { instant: '2026-12-01T03:00:00.000Z', date: '2026-12-01', edition: null, meeting: null },
    basis: 'reported' as const,
    counts,
    items,
    page: { kinds: KINDS, limit: 100, offset: 0 },
    ...over,
  };
  // What the server leaves out of each kind: its count less the items answered.
  const omitted = { ...answer.counts };
  for (const item of answer.items) omitted[item.kind] -= 1;
  return changesResponse.parse({ ...answer, omitted });
}

const KINDS = [...CHANGE_KINDS];

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
});

function start(answer: () => MockAnswer = () => json(body())) {
  api = mockApi([{ method: 'GET', path: '/changes', answer }]);
  return api;
}

describe('the changes page', () => {
  it('shows the period, the counts and the items grouped by field, in words, linking to the measures (ja)', async () => {
    start();
    renderWithApp(routes, { path: '/changes' });
    expect(await screen.findByTestId('changes-period')).toHaveTextContent('2026年11月1日（新技術立国推進会議（第3回））');
    expect(screen.getByRole('heading', { level: 1, name: ja.changes.title })).toBeInTheDocument();
    expect(screen.getByTestId('changes-count-status_changed')).toHaveTextContent('1');
    expect(screen.getByTestId('changes-count-newly_stale')).toHaveTextContent('0');
    // Groups in taxonomy order (ai before quantum), each with its items.
    const groups = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(groups.filter((g) => g?.includes('件'))).toEqual(['AI・半導体：1 件', '量子：2 件']);
    const quantum = screen.getByTestId('changes-group-quantum');
    expect(quantum).toHaveTextContent('計画中 → 実施中');
    expect(quantum).toHaveTextContent('実証開始：2026年3月31日 → 2026年6月30日（+91日）');
    expect(screen.getByTestId('changes-group-ai')).toHaveTextContent('順調 → 要注意');
    // The request carries no asOf and no ends by default: the server picks the last meeting.
    expect(api?.sent('GET', '/changes')[0]?.query.toString()).toBe('');
    await userEvent.click(within(quantum).getAllByRole('link', { name: /METI-0001/ })[0] as HTMLElement);
    expect(await screen.findByText('measure page')).toBeInTheDocument();
  });

  it('groups by lead ministry, keeps the ends in the URL and downloads exactly this view (en)', async () => {
    start();
    const { router } = renderWithApp(routes, { path: '/changes?from=2026-10-01&ministry=meti', language: 'en' });
    expect(await screen.findByTestId('changes-period')).toHaveTextContent('From 1 Nov 2026');
    expect(api?.sent('GET', '/changes')[0]?.query.get('from')).toBe('2026-10-01');
    expect(api?.sent('GET', '/changes')[0]?.query.get('ministry')).toBe('meti');
    await userEvent.click(screen.getByLabelText(en.changes.groupMinistry));
    await waitFor(() => expect(router.state.location.search).toContain('group=ministry'));
    expect(screen.getByTestId('changes-group-meti')).toHaveTextContent('Planning → In progress');
    expect(screen.getByTestId('changes-group-meti')).toHaveTextContent('Pilot start: 31 Mar 2026 → 30 Jun 2026 (+91 days)');
    fireEvent.change(screen.getByLabelText(en.changes.toLabel), { target: { value: '2026-11-20' } });
    await waitFor(() => expect(router.state.location.search).toContain('to=2026-11-20'));
    await waitFor(() => expect(api?.sent('GET', '/changes').some((r) => r.query.get('to') === '2026-11-20')).toBe(true));
    await userEvent.click(await screen.findByRole('button', { name: /Download/ }));
    const csv = screen.getByRole('link', { name: /CSV/ });
    const href = new URL(csv.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe('/api/v1/exports/changes.csv');
    expect(Object.fromEntries(href.searchParams)).toEqual({ ministry: 'meti', from: '2026-10-01', to: '2026-11-20', lang: 'en' });
  });

  it('starts from a meeting chosen in the picker, or from an edition named in the URL', async () => {
    start();
    const { router } = renderWithApp(routes, { path: '/changes' });
    const picker = await screen.findByLabelText(ja.changes.fromLabel);
    await screen.findByRole('option', { name: /第3回/ });
    await userEvent.selectOptions(picker, '2026-11-01');
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-11-01'));
    expect(screen.getByLabelText(ja.changes.fromDate)).toHaveValue('2026-11-01');
    cleanup();
    renderWithApp(routes, { path: '/changes?from=meeting-3-final' });
    expect(await screen.findByLabelText(ja.changes.fromLabel)).toHaveValue('meeting-3-final');
    await waitFor(() => expect(api?.sent('GET', '/changes').some((r) => r.query.get('from') === 'meeting-3-final')).toBe(true));
  });

  it('says how many items are listed of how many, and pages through one kind (ja, en)', async () => {
    // 250 status changes counted, the first of them answered (as if the rest were past the window).
    const many = () => body({ counts: { ...body().counts, status_changed: 250 } });
    start(() => json(many()));
    const { router } = renderWithApp(routes, { path: '/changes' });
    expect(await screen.findByTestId('changes-window')).toHaveTextContent(
      '252 件のうち 3 件を表示しています（種別ごとに先頭 100 件）。',
    );
    expect(screen.queryByRole('navigation', { name: /のページ/ })).not.toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText(ja.changes.kindLabel), 'status_changed');
    await waitFor(() => expect(router.state.location.search).toBe('?kind=status_changed'));
    await waitFor(() =>
      expect(api?.sent('GET', '/changes').some((r) => r.query.toString() === 'kind=status_changed')).toBe(true),
    );
    expect(await screen.findByTestId('changes-window')).toHaveTextContent('ステータスの変化：250 件のうち 1～3 件目');
    const pages = screen.getByRole('navigation', { name: 'ステータスの変化のページ' });
    expect(pages).toHaveTextContent('1 / 3');
    await userEvent.click(within(pages).getByRole('button', { name: ja.explorer.next }));
    await waitFor(() => expect(router.state.location.search).toBe('?kind=status_changed&offset=100'));
    await waitFor(() =>
      expect(api?.sent('GET', '/changes').some((r) => r.query.toString() === 'kind=status_changed&offset=100')).toBe(true),
    );
    // Another start returns to the first page of the kind.
    fireEvent.change(screen.getByLabelText(ja.changes.fromDate), { target: { value: '2026-10-01' } });
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-10-01&kind=status_changed'));
    cleanup();
    renderWithApp(routes, { path: '/changes', language: 'en' });
    expect(await screen.findByTestId('changes-window')).toHaveTextContent(
      'Showing 3 of 252 changes (the first 100 of each kind).',
    );
  });

  it('says when nothing changed, and asks for a start when no meeting has been held', async () => {
    start(() =>
      json(body({ items: [], counts: { ...body().counts, status_changed: 0, health_worsened: 0, milestone_slipped: 0 } })),
    );
    renderWithApp(routes, { path: '/changes' });
    expect(await screen.findByText(ja.changes.empty)).toBeInTheDocument();
    cleanup();
    api?.restore();
    start(() => apiError(400, 'from_required', 'from: no meeting has been held yet'));
    renderWithApp(routes, { path: '/changes', language: 'en' });
    expect(await screen.findByText(en.changes.fromRequired)).toBeInTheDocument();
  });
});
