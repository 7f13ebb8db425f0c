// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MeasureDetailPage } from '../../../../client/features/measure-detail/components/measure-detail-page';
import { fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import { expectEveryFormat, openDownloadMenu } from '../../support/download-links';

// The measure page exports its report history through the reports export narrowed to this measure
// (`measure=<code>`), not through a text search for its code: in this fixture ENV-0011's summary
// mentions METI-0001, and METI-0001's export must still hold its own reports only.

describe('the measure page download menu', () => {
  beforeAll(async () => {
    const measures = fixtureMeasures().map((m) =>
      m.code === 'ENV-0011' ? { ...m, summaryJa: `${m.summaryJa} METI-0001 と連携する。` } : m,
    );
    const app = await createTestApp('sqlite', { measures });
    const restore = routeFetchTo(app.app);
    return async () => {
      restore();
      await app.drop();
    };
  });
  afterEach(cleanup);

  const routes = [{ path: '/measures/:code', element: <MeasureDetailPage /> }];

  for (const [language, name] of [
    ['ja', 'ダウンロード （進捗報告の履歴）'],
    ['en', 'Download (Report history)'],
  ] as const) {
    it(`links the report history to the reports export of this measure alone (${language})`, async () => {
      const user = userEvent.setup();
      renderWithApp(routes, { path: '/measures/MEXT-0002', language });
      await screen.findByRole('button', { name });
      const links = await openDownloadMenu(user, name);
      expectEveryFormat(links, 'reports', { measure: 'MEXT-0002', lang: language });
    });
  }

  it('heads the report history by when each report was made, and marks the primary field in the page language', async () => {
    renderWithApp(routes, { path: '/measures/MEXT-0002', language: 'en' });
    const history = await screen.findByRole('table', { name: 'Report history' });
    expect(within(history).getAllByRole('columnheader')[0]).toHaveTextContent('Reported at');
    // English text takes ASCII brackets: 「（primary）」 left a wide gap before the list's comma.
    const primary = await screen.findByText(/primary/);
    expect(primary.textContent).toBe(' (primary)');
  });

  it('on a past as-of date, exports the reports up to that day', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/measures/MEXT-0002?asOf=2026-07-15' });
    await screen.findByRole('button', { name: 'ダウンロード （進捗報告の履歴）' });
    const links = await openDownloadMenu(user, 'ダウンロード （進捗報告の履歴）');
    expect(links.csv.params).toEqual({ measure: 'MEXT-0002', asOf: '2026-07-15', to: '2026-07-15', lang: 'ja' });
  });

  it('names the measure by its code even where another measure mentions that code', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/measures/METI-0001' });
    await screen.findByRole('button', { name: 'ダウンロード （進捗報告の履歴）' });
    const links = await openDownloadMenu(user, 'ダウンロード （進捗報告の履歴）');
    expect(links.json.params).toEqual({ measure: 'METI-0001', lang: 'ja' });
  });
});
