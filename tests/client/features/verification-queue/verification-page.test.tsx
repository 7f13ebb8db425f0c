// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { VerificationPage } from '../../../../client/features/verification-queue/components/verification-page';
import { en } from '../../../../client/lib/locales/en';
import { ja } from '../../../../client/lib/locales/ja';
import { verificationItem } from '../../../support/follow-up-fixtures';
import { apiError, json, mockApi, sessionUser } from '../../../support/mock-api';
import type { MockAnswer } from '../../../support/mock-api';
import { renderWithApp } from '../../../support/render-client';

// Milestones reported complete, verified against their evidence or rejected with a comment
// (docs/product.md §4): the write carries the measure's ETag, refusals are said in words.

const routes = [{ path: '/verification', element: <VerificationPage /> }];
const item = verificationItem();
const MEASURE = '/measures/MEXT-0002';
const VERIFY = `${MEASURE}/milestones/77/verification`;

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
});

function start(decide: () => MockAnswer = () => json({ code: 'MEXT-0002', version: 5 }, 200, { ETag: '"v5"' })) {
  let decided = false;
  api = mockApi(
    [
      {
        method: 'GET',
        path: '/milestones',
        answer: () => json({ items: decided ? [] : [item], total: decided ? 0 : 1, page: 1, pageSize: 20 }),
      },
      // Only the ETag is read: the verification must name the version it was decided on.
      { method: 'GET', path: MEASURE, answer: () => json({ code: 'MEXT-0002', version: 4 }, 200, { ETag: '"v4"' }) },
      {
        method: 'POST',
        path: VERIFY,
        answer: () => {
          const answer = decide();
          if ((answer.status ?? 200) === 200) decided = true;
          return answer;
        },
      },
    ],
    { user: sessionUser('secretariat') },
  );
  return api;
}

async function open(language: 'ja' | 'en' = 'ja') {
  renderWithApp(routes, { path: '/verification?ministry=mext', language });
  return screen.findByRole('article', { name: language === 'ja' ? '試作機の完成' : 'Prototype completed' });
}

describe('the verification queue', () => {
  it('lists pending milestones with their measure, completed date and evidence, in both languages', async () => {
    const mock = start();
    const article = await open();
    expect(Object.fromEntries(mock.sent('GET', '/milestones')[0]?.query ?? [])).toMatchObject({
      verification: 'pending',
      ministry: 'mext',
    });
    expect(article).toHaveTextContent('MEXT-0002 量子コンピュータの研究開発');
    expect(article).toHaveTextContent('2026年11月28日');
    const link = within(article).getByRole('link', { name: ja.followUp.evidenceLink });
    expect(link).toHaveAttribute('href', 'https://www.mext.go.jp/evidence/77.pdf');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    cleanup();
    const english = await open('en');
    expect(english).toHaveTextContent('28 Nov 2026');
    expect(within(english).getByRole('button', { name: en.verification.verify })).toBeInTheDocument();
  });

  it('verifies with If-Match = the measure’s ETag, and the milestone leaves the queue', async () => {
    const mock = start();
    const user = userEvent.setup();
    const article = await open();
    await user.click(within(article).getByRole('button', { name: ja.verification.verify }));
    expect(await screen.findByTestId('verification-notice')).toHaveTextContent('「試作機の完成」を確認済みにしました。');
    const [post] = mock.sent('POST', VERIFY);
    expect(post?.headers.get('if-match')).toBe('"v4"');
    expect(post?.body).toEqual({ decision: 'verify' });
    expect(mock.sent('GET', MEASURE).length).toBeGreaterThan(0);
    expect(await screen.findByText(ja.verification.empty)).toBeInTheDocument();
  });

  it('needs a comment to reject, and sends it', async () => {
    const mock = start();
    const user = userEvent.setup();
    const article = await open();
    await user.click(within(article).getByRole('button', { name: ja.verification.reject }));
    const comment = within(article).getByLabelText(ja.verification.comment);
    expect(comment).toHaveAttribute('aria-invalid', 'true');
    expect(comment).toHaveAccessibleDescription(expect.stringContaining(ja.followUp.commentRequired));
    expect(mock.sent('POST', VERIFY)).toHaveLength(0);
    await user.type(comment, '根拠資料が別の事業のものです');
    await user.click(within(article).getByRole('button', { name: ja.verification.reject }));
    expect(await screen.findByTestId('verification-notice')).toHaveTextContent('「試作機の完成」を却下しました。');
    expect(mock.sent('POST', VERIFY)[0]?.body).toEqual({ decision: 'reject', comment: '根拠資料が別の事業のものです' });
  });

  it('says in words why a verification was refused', async () => {
    let answer = apiError(409, 'evidence_required', 'An evidence URL is required');
    start(() => answer);
    const user = userEvent.setup();
    const article = await open();
    await user.click(within(article).getByRole('button', { name: ja.verification.verify }));
    expect(await within(article).findByTestId('verification-refusal')).toHaveTextContent(
      ja.verification.errors.evidence_required,
    );
    answer = apiError(409, 'already_verified', 'Already verified');
    await user.click(within(article).getByRole('button', { name: ja.verification.verify }));
    await waitFor(() =>
      expect(within(article).getByTestId('verification-refusal')).toHaveTextContent(ja.verification.errors.already_verified),
    );
    answer = apiError(412, 'precondition_failed', 'The measure changed');
    await user.click(within(article).getByRole('button', { name: ja.verification.verify }));
    await waitFor(() =>
      expect(within(article).getByTestId('verification-refusal')).toHaveTextContent(ja.verification.errors.changed),
    );
  });
});
