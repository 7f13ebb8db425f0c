// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MeasureDetailPage } from '../../../../client/features/measure-detail/components/measure-detail-page';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';
import { historyFixture } from '../history-fixture';

// Each milestone's reschedules on the measure page (docs/decisions/012-due-date-history.md), from
// the real app: today every revision, as of a past date only those recorded by then.

const routes = [{ path: '/measures/:code', element: <MeasureDetailPage /> }];

async function revisionsOfFirstMilestone(): Promise<HTMLElement> {
  const lists = await screen.findAllByTestId('milestone-revisions');
  const first = lists[0];
  if (!first) throw new Error('no revisions shown');
  return first;
}

describe('the milestone revisions on the measure page', () => {
  let t: TestApp;
  let restore: () => void;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: historyFixture() });
    restore = routeFetchTo(t.app);
  });
  afterEach(cleanup);
  afterAll(async () => {
    restore();
    await t.drop();
  });

  it('lists each move with its days, day recorded, who and why (Japanese)', async () => {
    renderWithApp(routes, { path: '/measures/METI-0001' });
    const revisions = await revisionsOfFirstMilestone();
    expect(within(revisions).getByText('変更履歴（2件）')).toBeInTheDocument();
    const items = within(revisions).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('91日後ろ倒し');
    expect(items[0]).toHaveTextContent('記録日');
    expect(items[0]).toHaveTextContent('lead@meti.example.go.jp');
    expect(items[0]).toHaveTextContent('理由：関係省庁との調整');
    expect(items[1]).toHaveTextContent('61日前倒し');
    expect(items[1]).not.toHaveTextContent('理由');
  });

  it('says the same in English, and as of a past date only the revisions recorded by then', async () => {
    renderWithApp(routes, { path: '/measures/METI-0001?asOf=2026-04-01', language: 'en' });
    const revisions = await revisionsOfFirstMilestone();
    expect(within(revisions).getByText('Change history (1)')).toBeInTheDocument();
    const items = within(revisions).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('91 days later');
    expect(items[0]).toHaveTextContent('reason: 関係省庁との調整');
  });
});
