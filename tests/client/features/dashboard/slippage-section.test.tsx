// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlippageSection } from '../../../../client/features/dashboard/components/slippage-section';
import { emptyFilters } from '../../../../client/lib/filters';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';
import { historyFixture } from '../history-fixture';

// The dashboard's slippage panel (docs/decisions/012-due-date-history.md) over the real app: the
// share slipped per field as links to the explorer, the numbers in the table view, the toggle.

const routes = [
  { path: '/', element: <SlippageSection filters={emptyFilters()} /> },
  { path: '/measures', element: <p>explorer</p> },
];

describe('the slippage section', () => {
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

  it('shows the share slipped per field, linked to its measures, with the numbers in a table (Japanese)', async () => {
    renderWithApp(routes);
    const panel = await screen.findByTestId('slippage');
    // METI-0001 (quantum, ai-semiconductors) has two slipped milestones of its four: #1 by 30 days
    // (03-31 → 04-30), #2 by 31 (09-30 → 10-31); quantum also holds MEXT-0008's four: 2 of 8.
    const quantum = await within(panel).findByRole('link', { name: /^量子\s*25\.0%\s*（遅延 2 \/ 8）$/ });
    expect(quantum.getAttribute('href')).toBe('/measures?field=quantum');
    await userEvent.click(within(panel).getByRole('button', { name: /表/ }));
    const table = within(panel).getByRole('table');
    const row = within(table).getByRole('row', { name: /^量子/ });
    expect(row).toHaveTextContent('25.0%');
    expect(row).toHaveTextContent('61日');
    expect(row).toHaveTextContent('30.5日');
    // label-content-name-mismatch: each bar's name starts with what it shows (the browser tests run it too).
    const results = await axe.run(panel, {
      rules: { 'color-contrast': { enabled: false }, 'label-content-name-mismatch': { enabled: true } },
    });
    expect(results.violations).toEqual([]);
  });

  it('switches to ministries, in English', async () => {
    renderWithApp(routes, { language: 'en' });
    const panel = await screen.findByTestId('slippage');
    await userEvent.click(within(panel).getByRole('radio', { name: 'By ministry' }));
    const meti = await within(panel).findByRole('link', {
      name: /^Ministry of Economy, Trade and Industry\s*[\d.]+%\s*\(slipped 2 of \d+\)$/,
    });
    expect(meti.getAttribute('href')).toBe('/measures?ministry=meti');
  });
});
