// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ReviewPage } from '../../../../client/features/review-queue/components/review-page';
import { ja } from '../../../../client/lib/locales/ja';
import { queuedReport, reportQueueItem, roundSummary } from '../../../support/follow-up-fixtures';
import { apiError, json, mockApi, sessionUser } from '../../../support/mock-api';
import type { MockAnswer, RecordedRequest } from '../../../support/mock-api';
import { renderWithApp } from '../../../support/render-client';

// The review queue (差し戻し, docs/product.md §4): each report beside the previous one, accept or
// return with a required comment, If-Match on the report, 412 and 409 said in words.

const routes = [{ path: '/review', element: <ReviewPage /> }];
const item = reportQueueItem();
const second = reportQueueItem({
  measure: { code: 'MEXT-0002', titleJa: '量子コンピュータの研究開発', titleEn: 'Quantum computer R&D', leadMinistry: 'mext' },
  report: queuedReport({ id: 42, late: true, evidenceUrl: null }),
  previous: null,
});

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
});

function start(decide: (request: RecordedRequest) => MockAnswer, role: 'secretariat' | 'ministry_lead' = 'secretariat') {
  let decided = false;
  api = mockApi(
    [
      {
        method: 'GET',
        path: '/reports',
        // After a decision the first report has left the queue.
        answer: () => {
          const items = decided ? [second] : [item, second];
          return json({ items, total: items.length, page: 1, pageSize: 20 });
        },
      },
      { method: 'GET', path: '/rounds', answer: () => json({ items: [roundSummary()] }) },
      {
        method: 'POST',
        path: /^\/reports\/\d+\/review$/,
        answer: (request) => {
          const answer = decide(request);
          if ((answer.status ?? 200) === 200) decided = true;
          return answer;
        },
      },
    ],
    { user: sessionUser(role) },
  );
  return api;
}

const accepted = (request: RecordedRequest): MockAnswer =>
  json(
    reportQueueItem({
      report: queuedReport({
        review: {
          state: 'accepted',
          comment: null,
          reviewer: 'secretariat@demo.example.jp',
          reviewedAt: '2026-12-01T03:00:00.000Z',
        },
      }),
    }),
    200,
    { ETag: `"report-${request.path.split('/')[2]}-accepted"` },
  );

const card = (reportId: number) => {
  const article = document.querySelector(`article[data-report="${reportId}"]`);
  if (!(article instanceof HTMLElement)) throw new Error(`no report ${reportId}`);
  return article;
};

describe('the review queue', () => {
  it('asks for the submitted reports, each measure’s latest, with the filters in the URL', async () => {
    const mock = start(accepted);
    const user = userEvent.setup();
    const { router } = renderWithApp(routes, { path: '/review?round=2026-h2' });
    await screen.findByRole('heading', { level: 2, name: /METI-0001/ });
    const [first] = mock.sent('GET', '/reports');
    expect(Object.fromEntries(first?.query ?? [])).toMatchObject({ review: 'submitted', latest: 'true', round: '2026-h2' });
    expect(screen.getByLabelText(ja.review.round)).toHaveValue('2026-h2');

    await user.selectOptions(screen.getByLabelText(ja.followUp.ministry), 'mext');
    await user.click(screen.getByRole('button', { name: ja.audit.apply }));
    expect(router.state.location.search).toBe('?round=2026-h2&ministry=mext');
    await waitFor(() => expect(mock.sent('GET', '/reports').at(-1)?.query.get('ministry')).toBe('mext'));
  });

  it('shows each report beside the previous one, its evidence opening in a new tab', async () => {
    start(accepted);
    renderWithApp(routes, { path: '/review' });
    await screen.findByRole('heading', { level: 2, name: /METI-0001/ });
    const table = within(card(41)).getByRole('table', { name: 'METI-0001 の今回の報告と前回の報告' });
    const row = (key: string) => table.querySelector(`tr[data-row="${key}"]`);
    expect(row('health')?.querySelector('[data-report="previous"]')).toHaveTextContent('順調');
    expect(row('health')?.querySelector('[data-report="this"]')).toHaveTextContent('要注意');
    expect(row('note')?.querySelector('[data-report="this"]')).toHaveTextContent('試作ラインの稼働が1か月遅れています。');
    expect(row('milestones')?.querySelector('[data-report="this"]')).toHaveTextContent('1件（2026年11月15日）');
    const evidence = within(row('evidence') as HTMLElement).getByRole('link', { name: ja.followUp.evidenceLink });
    expect(evidence).toHaveAttribute('href', 'https://www.meti.go.jp/evidence/41.pdf');
    expect(evidence).toHaveAttribute('target', '_blank');
    expect(evidence.getAttribute('rel')).toContain('noopener');
    expect(row('evidence')?.querySelector('[data-report="previous"]')).toHaveTextContent(ja.followUp.noEvidence);
    // A first report has nothing beside it; a late one says so.
    expect(card(42).querySelector('tr[data-row="status"] [data-report="previous"]')).toHaveTextContent(ja.review.noPrevious);
    expect(card(42)).toHaveTextContent(ja.review.lateMark);
  });

  it('needs a comment to return a report, and sends the decision with If-Match on the report', async () => {
    const mock = start(accepted);
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/review' });
    await screen.findByRole('heading', { level: 2, name: /METI-0001/ });
    await user.click(within(card(41)).getByRole('button', { name: ja.review.return }));
    const comment = within(card(41)).getByLabelText(ja.review.comment);
    expect(comment).toHaveAttribute('aria-invalid', 'true');
    expect(comment).toHaveAccessibleDescription(expect.stringContaining(ja.followUp.commentRequired));
    expect(comment).toHaveFocus();
    expect(mock.sent('POST', '/reports/41/review')).toHaveLength(0);

    await user.type(comment, '  根拠資料を添付してください  ');
    await user.click(within(card(41)).getByRole('button', { name: ja.review.return }));
    expect(await screen.findByTestId('review-notice')).toHaveTextContent('METI-0001 の報告を差し戻しました。');
    const [post] = mock.sent('POST', '/reports/41/review');
    expect(post?.body).toEqual({ decision: 'return', comment: '根拠資料を添付してください' });
    expect(post?.headers.get('if-match')).toBe('"report-41-submitted"');
    expect(post?.headers.get('content-type')).toBe('application/json');
    // The decided report leaves the queue.
    await waitFor(() => expect(document.querySelector('article[data-report="41"]')).toBeNull());
    expect(card(42)).toBeInTheDocument();
  });

  it('accepts without a comment', async () => {
    const mock = start(accepted);
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/review' });
    await screen.findByRole('heading', { level: 2, name: /METI-0001/ });
    await user.click(within(card(41)).getByRole('button', { name: ja.review.accept }));
    expect(await screen.findByTestId('review-notice')).toHaveTextContent('METI-0001 の報告を受理しました。');
    expect(mock.sent('POST', '/reports/41/review')[0]?.body).toEqual({ decision: 'accept', comment: '' });
  });

  it('says another reviewer decided first (412), with the state now', async () => {
    const current = reportQueueItem({
      report: queuedReport({
        review: {
          state: 'returned',
          comment: '数値の出典を明記してください',
          reviewer: 'admin@demo.example.jp',
          reviewedAt: '2026-12-01T02:30:00.000Z',
        },
      }),
    });
    start(() => apiError(412, 'precondition_failed', 'The report was reviewed meanwhile', { current }));
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/review' });
    await screen.findByRole('heading', { level: 2, name: /METI-0001/ });
    await user.click(within(card(41)).getByRole('button', { name: ja.review.accept }));
    const refusal = await within(card(41)).findByTestId('review-refusal');
    expect(refusal).toHaveTextContent(
      '別の確認者が先に判断しました。現在の状態：差し戻し（admin@demo.example.jp、2026年12月1日 11:30）',
    );
    expect(refusal).toHaveTextContent('数値の出典を明記してください');
    expect(within(refusal).getByRole('button', { name: ja.followUp.refresh })).toBeInTheDocument();
  });

  it('says a newer report exists (409 report_superseded)', async () => {
    start(() => apiError(409, 'report_superseded', 'A newer report exists'));
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/review', language: 'en' });
    await screen.findByRole('heading', { level: 2, name: /METI-0001/ });
    expect(screen.getByRole('heading', { level: 1, name: 'Review reports' })).toBeInTheDocument();
    await user.click(within(card(41)).getByRole('button', { name: 'Accept' }));
    expect(await within(card(41)).findByTestId('review-refusal')).toHaveTextContent(
      'A newer report exists on this measure. Refresh the list to review the newer one.',
    );
  });

  it('is refused to a role without the right', async () => {
    const mock = start(accepted, 'ministry_lead');
    renderWithApp(routes, { path: '/review' });
    expect(await screen.findByRole('alert')).toHaveTextContent(ja.followUp.forbidden);
    expect(mock.sent('GET', '/reports')).toHaveLength(0);
  });
});
