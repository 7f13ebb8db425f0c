// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisPage } from '../../../../client/features/analysis/components/analysis-page';
import { metaResponse } from '../../../../server/schemas/responses';
import { getOk } from '../../../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';

// The analysis page (docs/product.md §5 「分析」) over a real API and database
// (tests/support/fixture-measures.ts): no fixture measure is in the content field, so its whole
// field × instrument row is gaps.

const routes = [
  { path: '/analysis', element: <AnalysisPage /> },
  { path: '/measures', element: <p>explorer</p> },
];

describe('the analysis page', () => {
  let t: TestApp;
  let restore: () => void;
  let instruments = 0;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: fixtureMeasures(), now: FIXTURE_NOW });
    restore = routeFetchTo(t.app);
    instruments = (await getOk(t, '/api/v1/meta', metaResponse)).instruments.length;
  });
  afterEach(() => cleanup());
  afterAll(async () => {
    restore();
    await t.drop();
  });

  it('shows the three matrices in Japanese, gaps named 空白 and counted, cells linking to their measures', async () => {
    renderWithApp(routes, { path: '/analysis' });
    expect(await screen.findByRole('heading', { level: 1, name: '分析' })).toBeInTheDocument();
    for (const name of ['戦略分野 × 支援手段', '戦略分野 × 施策の柱', '省庁間連携']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeInTheDocument();
    }
    const coverage = screen.getByTestId('matrix-field-instrument');
    await waitFor(() => expect(within(coverage).getByTestId('gaps-content')).toHaveTextContent(String(instruments)));
    const contentRow = within(coverage).getByRole('rowheader', { name: 'コンテンツ' }).closest('tr');
    if (!contentRow) throw new Error('no content row');
    expect(within(contentRow).getAllByText('空白')).toHaveLength(instruments);
    expect(contentRow.querySelectorAll('td.analysis-gap')).toHaveLength(instruments);
    // A non-empty cell: its count, its label and its link with the row's and column's filter.
    const cell = within(coverage).getAllByRole('link', { name: /^AI・半導体 × .+：\d+件/ })[0];
    if (!cell) throw new Error('no AI cell');
    expect(cell.getAttribute('href')).toMatch(/^\/measures\?field=ai-semiconductors&instrument=[a-z-]+$/);

    const co = screen.getByTestId('matrix-co-ownership');
    const pair = await within(co).findAllByRole('link', { name: /^経済産業省 × 文部科学省：/ });
    expect(pair[0]?.getAttribute('href')).toBe('/measures?ministry=meti&partner=mext');
    const diagonal = within(co).getAllByRole('link', { name: /^経済産業省 × 経済産業省：/ });
    expect(diagonal[0]?.getAttribute('href')).toBe('/measures?ministry=meti');
    // The numbers as a table, under each matrix.
    expect(within(coverage).getByRole('button', { name: '数値を表で表示' })).toBeInTheDocument();
    // …headed with the axes' names.
    for (const name of ['戦略分野', '支援手段']) {
      expect(within(coverage).getAllByRole('columnheader', { name, hidden: true }).length).toBeGreaterThan(0);
    }
    expect(within(co).getAllByRole('columnheader', { name: '共管府省庁', hidden: true }).length).toBeGreaterThan(0);
  });

  it('reads in English, with the gap word for screen readers and the filters kept in the links', async () => {
    renderWithApp(routes, { path: '/analysis?status=in_progress', language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Analysis' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Co-ownership between ministries' })).toBeInTheDocument();
    const coverage = screen.getByTestId('matrix-field-instrument');
    const contentRow = (await within(coverage).findByRole('rowheader', { name: 'Content' })).closest('tr');
    if (!contentRow) throw new Error('no content row');
    await waitFor(() => expect(within(contentRow).getAllByText('gap')).toHaveLength(instruments));
    const links = within(screen.getByTestId('matrix-field-pillar')).getAllByRole('link', { name: / measures \(\d+ behind\)$/ });
    expect(links.length).toBeGreaterThan(0);
    expect(links[0]?.getAttribute('href')).toMatch(/^\/measures\?field=[a-z-]+&status=in_progress&pillar=[a-z-]+$/);
  });
});
