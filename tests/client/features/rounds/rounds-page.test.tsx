// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RoundsPage } from '../../../../client/features/rounds/components/rounds-page';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import { roundDetail, roundSummary } from '../../../support/follow-up-fixtures';
import { apiError, json, mockApi, sessionUser } from '../../../support/mock-api';
import type { MockAnswer } from '../../../support/mock-api';
import { renderWithApp } from '../../../support/render-client';

// The rounds (照会) list and the form that opens one (docs/product.md §4, "The follow-up round").

const routes = [{ path: '/rounds', element: <RoundsPage /> }];
const rounds = [
  roundSummary(),
  roundSummary({
    code: '2026-h1',
    titleJa: '2026年度上期フォローアップ',
    titleEn: 'FY2026 H1 follow-up',
    state: 'closed',
    opensAt: '2026-04-30T15:00:00.000Z',
    dueAt: '2026-06-30T14:59:59.999Z',
    closedAt: '2026-07-05T01:00:00.000Z',
  }),
];

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
});

function start(role: 'secretariat' | 'executive' | null, create: () => MockAnswer = () => json(roundDetail(), 201)) {
  api = mockApi(
    [
      { method: 'GET', path: '/rounds', answer: () => json({ items: rounds }) },
      { method: 'POST', path: '/rounds', answer: create },
    ],
    { user: role ? sessionUser(role) : null },
  );
  return api;
}

async function fillValidRound(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(ja.rounds.form.code), '2027-h1');
  await user.type(screen.getByLabelText(ja.rounds.form.titleJa), '2027年度上期フォローアップ');
  await user.type(screen.getByLabelText(ja.rounds.form.titleEn), 'FY2027 H1 follow-up');
  fireEvent.change(screen.getByLabelText(ja.rounds.form.opensAt), { target: { value: '2027-05-01' } });
  fireEvent.change(screen.getByLabelText(ja.rounds.form.dueAt), { target: { value: '2027-06-30' } });
}

describe('the rounds page', () => {
  it('lists the rounds with their state, due date in Japan time and totals, in Japanese and in English', async () => {
    start(null);
    renderWithApp(routes, { path: '/rounds' });
    const row = (await screen.findByText('2026年度下期フォローアップ')).closest('tr');
    if (!row) throw new Error('no row');
    expect(row).toHaveTextContent('受付中');
    // Due at 23:59:59 JST on 15 Dec: the Japanese day, not the UTC one.
    expect(row).toHaveTextContent('2026年12月15日');
    expect(row).toHaveTextContent('2026年11月1日');
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(-4)).toEqual(['5', '3', '2', '1']);
    expect(screen.getByText('2026年度上期フォローアップ').closest('tr')).toHaveTextContent('締切済み');
    expect(within(row).getByRole('link', { name: '2026年度下期フォローアップ' })).toHaveAttribute('href', '/rounds/2026-h2');
    // Anyone may read the rounds; only the secretariat and administrators see the form.
    expect(screen.queryByRole('region', { name: ja.rounds.form.title })).not.toBeInTheDocument();
    cleanup();

    renderWithApp(routes, { path: '/rounds', language: 'en' });
    const enRow = (await screen.findByText('FY2026 H2 follow-up')).closest('tr');
    expect(enRow).toHaveTextContent('Open');
    expect(enRow).toHaveTextContent('15 Dec 2026');
    expect(screen.getByRole('heading', { level: 1, name: en.rounds.title })).toBeInTheDocument();
  });

  it('checks the form in the page language before sending anything', async () => {
    const mock = start('secretariat');
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/rounds' });
    const form = await screen.findByRole('region', { name: ja.rounds.form.title });
    await user.click(within(form).getByRole('button', { name: ja.rounds.form.submit }));
    const summary = await screen.findByTestId('error-summary');
    for (const message of [
      ja.rounds.form.errors.codeRequired,
      ja.rounds.form.errors.titleJaRequired,
      ja.rounds.form.errors.titleEnRequired,
      ja.rounds.form.errors.opensAtRequired,
      ja.rounds.form.errors.dueAtRequired,
    ]) {
      expect(summary).toHaveTextContent(message);
    }
    expect(screen.getByLabelText(ja.rounds.form.code)).toHaveAttribute('aria-invalid', 'true');

    await fillValidRound(user);
    await user.clear(screen.getByLabelText(ja.rounds.form.code));
    await user.type(screen.getByLabelText(ja.rounds.form.code), 'Bad Code');
    fireEvent.change(screen.getByLabelText(ja.rounds.form.dueAt), { target: { value: '2027-04-30' } });
    await user.click(within(form).getByRole('button', { name: ja.rounds.form.submit }));
    expect(screen.getByTestId('error-summary')).toHaveTextContent(ja.rounds.form.errors.codeFormat);
    expect(screen.getByTestId('error-summary')).toHaveTextContent(ja.rounds.form.errors.dueBeforeOpen);
    expect(mock.sent('POST', '/rounds')).toHaveLength(0);
  });

  it('opens a round with its scope and deadline, and lists it', async () => {
    const mock = start('secretariat');
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/rounds' });
    await screen.findByRole('region', { name: ja.rounds.form.title });
    await fillValidRound(user);
    await user.click(screen.getByRole('checkbox', { name: '経済産業省' }));
    await user.click(screen.getByRole('checkbox', { name: '量子' }));
    await user.selectOptions(screen.getByLabelText(ja.rounds.form.deadline), 'fy2030');
    const listed = mock.sent('GET', '/rounds').length;
    await user.click(screen.getByRole('button', { name: ja.rounds.form.submit }));

    expect(await screen.findByTestId('round-created')).toHaveTextContent('照会「2026-h2」を開始しました。');
    const [post] = mock.sent('POST', '/rounds');
    expect(post?.headers.get('content-type')).toBe('application/json');
    expect(post?.body).toEqual({
      code: '2027-h1',
      titleJa: '2027年度上期フォローアップ',
      titleEn: 'FY2027 H1 follow-up',
      opensAt: '2027-05-01',
      dueAt: '2027-06-30',
      ministries: ['meti'],
      fields: ['quantum'],
      deadline: 'fy2030',
    });
    await waitFor(() => expect(mock.sent('GET', '/rounds').length).toBeGreaterThan(listed));
    expect(screen.getByLabelText(ja.rounds.form.code)).toHaveValue('');
  });

  it('shows a taken code at the code field, and the server’s field issues beside their fields', async () => {
    let answer: MockAnswer = apiError(409, 'round_exists', 'A round with this code exists');
    start('secretariat', () => answer);
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/rounds' });
    await screen.findByRole('region', { name: ja.rounds.form.title });
    await fillValidRound(user);
    await user.click(screen.getByRole('button', { name: ja.rounds.form.submit }));
    const code = screen.getByLabelText(ja.rounds.form.code);
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
    expect(code).toHaveAccessibleDescription(expect.stringContaining(ja.rounds.form.errors.codeTaken));

    answer = {
      status: 400,
      body: {
        error: {
          code: 'invalid_parameter',
          message: 'Invalid',
          issues: [{ path: ['dueAt'], message: '期限は受付開始より後です' }],
        },
      },
    };
    await user.type(code, 'x');
    expect(code).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: ja.rounds.form.submit }));
    await waitFor(() => expect(screen.getByLabelText(ja.rounds.form.dueAt)).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByTestId('error-summary')).toHaveTextContent('期限は受付開始より後です');
  });
});
