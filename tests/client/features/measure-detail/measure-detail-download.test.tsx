// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { measureDetailKeys } from '../../../../client/features/measure-detail/api/measure-detail-queries';
import { MeasureDetailPage } from '../../../../client/features/measure-detail/components/measure-detail-page';
import { fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import { expectEveryFormat, openDownloadMenu } from '../../support/download-links';

// The measure page exports its report history through the reports export, whose filters have no
// code: it searches for the code, and offers the download only where that search finds this measure
// alone. In this fixture ENV-0011's summary mentions METI-0001, so METI-0001 has no menu.

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
      expectEveryFormat(links, 'reports', { q: 'MEXT-0002', lang: language });
    });
  }

  it('on a past as-of date, exports the reports up to that day', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/measures/MEXT-0002?asOf=2026-07-15' });
    await screen.findByRole('button', { name: 'ダウンロード （進捗報告の履歴）' });
    const links = await openDownloadMenu(user, 'ダウンロード （進捗報告の履歴）');
    expect(links.csv.params).toEqual({ q: 'MEXT-0002', asOf: '2026-07-15', to: '2026-07-15', lang: 'ja' });
  });

  it('offers no download where the search for the code finds another measure too', async () => {
    const { queryClient } = renderWithApp(routes, { path: '/measures/METI-0001' });
    await screen.findByRole('heading', { level: 2, name: '進捗報告の履歴' });
    // The check has been answered: two measures match the code.
    await waitFor(() =>
      expect(queryClient.getQueryData(measureDetailKeys.onlyThis('METI-0001', ''))).toMatchObject({ total: 2 }),
    );
    expect(screen.queryByRole('button', { name: /ダウンロード/ })).toBeNull();
  });
});
