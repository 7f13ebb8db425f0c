// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { EditionDto } from '../../../../server/schemas/meeting-pack';
import { DashboardPage } from '../../../../client/features/dashboard/components/dashboard-page';
import { EditionBanner } from '../../../../client/features/dashboard/components/edition-banner';
import { FreezeEditionDialog } from '../../../../client/features/dashboard/components/freeze-edition-dialog';
import { emptyFilters } from '../../../../client/lib/filters';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import { apiError, json, mockApi, sessionUser } from '../../../support/mock-api';
import { renderWithApp } from '../../../support/render-client';

// The dashboard's edition mode (docs/product.md §2 "Meetings and editions"): the banner naming the
// meeting, as-of date, filters and basis with the way back to the live figures; an unknown edition;
// and the freeze dialog (defaults, an error beside its field, success opening the edition).

const EDITION: EditionDto = {
  code: 'meeting-4-2026-12-01',
  meeting: {
    code: 'meeting-4',
    nameJa: '新技術立国推進会議（第4回）',
    nameEn: 'New Technology Nation Council (meeting 4)',
    date: '2026-12-21',
  },
  asOf: '2026-11-30',
  asOfInstant: '2026-11-30T14:59:59.999Z',
  deadline: 'fy2030',
  basis: 'verified',
  filters: { field: ['ai'], ministry: ['meti'] },
  createdAt: '2026-12-01T01:00:00.000Z',
  createdBy: 'secretariat@demo.example.jp',
  views: ['summary', 'by-field', 'by-ministry', 'heatmap', 'burnup', 'kpi', 'measures'],
};

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
});

describe('the edition banner', () => {
  it.each([
    ['ja', ja, '新技術立国推進会議（第4回）（2026年12月21日）の会議資料', /AI・半導体/, '確認済み'],
    ['en', en, 'Edition for New Technology Nation Council (meeting 4)', /AI & Semiconductors/, 'Verified'],
  ] as const)(
    'names the meeting, the as-of date, the filters and the basis in %s',
    async (language, strings, title, field, basis) => {
      api = mockApi([]);
      renderWithApp(<EditionBanner edition={EDITION} latest="/?field=ai" />, { language });
      const banner = await screen.findByRole('region', { name: strings.editions.bannerLabel });
      expect(within(banner).getByRole('heading')).toHaveTextContent(title);
      await waitFor(() => expect(banner).toHaveTextContent(field));
      expect(banner).toHaveTextContent(basis);
      expect(banner).toHaveTextContent('secretariat@demo.example.jp');
      expect(within(banner).getByRole('link', { name: strings.editions.latest })).toHaveAttribute('href', '/?field=ai');
    },
  );
});

describe('the dashboard with ?edition=', () => {
  it('shows a clear error with the way back for an unknown edition, and no live controls', async () => {
    api = mockApi([{ method: 'GET', path: /^\/editions\/nope/, answer: () => apiError(404, 'edition_not_found', 'No edition') }]);
    renderWithApp(<DashboardPage />, { path: '/?edition=nope&field=ai' });
    const problem = await screen.findByTestId('edition-problem');
    expect(problem).toHaveTextContent('会議資料「nope」は見つかりませんでした。');
    expect(within(problem).getByRole('link', { name: ja.editions.backToLatest })).toHaveAttribute('href', '/?field=ai');
    expect(screen.queryByRole('region', { name: ja.filters.title })).not.toBeInTheDocument();
    expect(api.requests.some((r) => r.path.startsWith('/stats/'))).toBe(false);
  });

  it('reads the frozen views, shows the banner and hides the filters and the deadline', async () => {
    api = mockApi([
      { method: 'GET', path: '/editions/meeting-4-2026-12-01', answer: () => json(EDITION) },
      { method: 'GET', path: /^\/editions\/meeting-4-2026-12-01\//, answer: () => apiError(500, 'internal_error', 'x') },
    ]);
    renderWithApp(<DashboardPage />, { path: '/?edition=meeting-4-2026-12-01' });
    expect(await screen.findByTestId('edition-banner')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: ja.filters.title })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(ja.dashboard.deadline)).not.toBeInTheDocument();
    await waitFor(() => expect(api?.sent('GET', '/editions/meeting-4-2026-12-01/summary')).toHaveLength(1));
    expect(api.requests.some((r) => r.path.startsWith('/stats/') || r.path === '/measures')).toBe(false);
  });
});

describe('the freeze dialog', () => {
  const filters = { ...emptyFilters(), field: ['ai'], asOf: '', deadline: '' };

  it.each([
    ['ja', ja],
    ['en', en],
  ] as const)(
    'defaults to the next meeting and <meeting>-<asOf>, shows a taken code beside its field (%s)',
    async (language, strings) => {
      api = mockApi([{ method: 'POST', path: '/editions', answer: () => apiError(409, 'edition_exists', 'taken') }], {
        user: sessionUser('secretariat'),
      });
      const user = userEvent.setup();
      renderWithApp(<FreezeEditionDialog filters={filters} asOf="2026-12-01" onClose={() => undefined} />, { language });
      const meeting = await screen.findByLabelText(strings.editions.meeting);
      await waitFor(() => expect(meeting).toHaveValue('meeting-4'));
      const code = screen.getByLabelText(strings.editions.code);
      expect(code).toHaveValue('meeting-4-2026-12-01');
      await user.click(screen.getByRole('button', { name: strings.editions.submit }));
      await waitFor(() => expect(code).toHaveAccessibleDescription(new RegExp(strings.editions.codeTaken)));
      expect(code).toHaveAttribute('aria-invalid', 'true');
      expect(api.sent('POST', '/editions')[0]?.body).toEqual({
        code: 'meeting-4-2026-12-01',
        meeting: 'meeting-4',
        filters: { field: ['ai'] },
      });
    },
  );

  it('freezes for the chosen meeting and opens the edition', async () => {
    api = mockApi(
      [{ method: 'POST', path: '/editions', answer: () => json({ ...EDITION, code: 'meeting-3-2026-12-01' }, 201) }],
      { user: sessionUser('secretariat') },
    );
    const user = userEvent.setup();
    const { router } = renderWithApp(
      [{ path: '/', element: <FreezeEditionDialog filters={filters} asOf="2026-12-01" onClose={() => undefined} /> }],
      { path: '/' },
    );
    const meeting = await screen.findByLabelText(ja.editions.meeting);
    await waitFor(() => expect(meeting).toHaveValue('meeting-4'));
    await user.selectOptions(meeting, 'meeting-3');
    expect(screen.getByLabelText(ja.editions.code)).toHaveValue('meeting-3-2026-12-01');
    await user.click(screen.getByRole('button', { name: ja.editions.submit }));
    await waitFor(() => expect(router.state.location.search).toBe('?edition=meeting-3-2026-12-01'));
    expect(api.sent('POST', '/editions')[0]?.body).toMatchObject({ meeting: 'meeting-3', code: 'meeting-3-2026-12-01' });
  });
});
