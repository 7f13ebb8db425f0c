import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaResponse } from '../../server/schemas/responses';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Meetings are reference data configured like deadlines (docs/product.md §4 "The meeting pack"):
// GET /meta lists them by date and names the last one held and the next one.

describe.each(TEST_DIALECTS)('meetings in GET /meta on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: new Date('2026-11-26T03:00:00.000Z') });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('lists none, and names no last or next meeting, before any is configured', async () => {
    const meta = metaResponse.parse((await t.get('/api/v1/meta')).body);
    expect(meta.meetings).toEqual([]);
    expect(meta.lastMeeting).toBeNull();
    expect(meta.nextMeeting).toBeNull();
  });

  it('lists meetings by date and names the last held (today counts as held) and the next', async () => {
    await t.database.db
      .insertInto('meetings')
      .values([
        { code: 'm-next', name_ja: '第3回', name_en: 'Third', date: '2026-12-20', sort_order: 3 },
        { code: 'm-first', name_ja: '第1回', name_en: 'First', date: '2026-09-01', sort_order: 1 },
        { code: 'm-today', name_ja: '第2回', name_en: 'Second', date: '2026-11-26', sort_order: 2 },
      ])
      .execute();
    // The taxonomy is cached per process for 30 s; a fresh app reads the new rows.
    const fresh = await import('../../server/app').then(({ createApp }) =>
      createApp({ db: t.database.db, dialect: t.database.dialect, now: () => new Date('2026-11-26T03:00:00.000Z') }),
    );
    const meta = metaResponse.parse(await (await fresh.request('/api/v1/meta')).json());
    expect(meta.meetings.map((m) => [m.code, m.date, m.nameJa, m.nameEn])).toEqual([
      ['m-first', '2026-09-01', '第1回', 'First'],
      ['m-today', '2026-11-26', '第2回', 'Second'],
      ['m-next', '2026-12-20', '第3回', 'Third'],
    ]);
    expect(meta.lastMeeting).toBe('m-today');
    expect(meta.nextMeeting).toBe('m-next');
  });
});
