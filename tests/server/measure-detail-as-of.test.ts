import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureDetailResponse, errorResponse } from '../../server/schemas/responses';
import { fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Time travel on one measure: the detail page as of a past date shows only what was known then
// (see the as-of tables in tests/support/fixture-measures.ts).

describe.each(TEST_DIALECTS)('GET /measures/:code?asOf on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures() });
  });
  afterAll(async () => {
    await t.drop();
  });

  it('rebuilds the state and hides later reports and completions', async () => {
    const now = measureDetailResponse.parse((await t.get('/api/v1/measures/MEXT-0008')).body);
    const then = measureDetailResponse.parse((await t.get('/api/v1/measures/MEXT-0008?asOf=2026-07-15')).body);
    expect(then.status).toBe('in_progress');
    expect(then.health).toBe('stale');
    expect(then.lastReportedAt?.startsWith('2026-05-01')).toBe(true);
    expect(then.reports.every((r) => r.reportedAt <= '2026-07-15T14:59:59.999Z')).toBe(true);
    expect(then.reports.length).toBeLessThan(now.reports.length);
    expect(then.progress).toBeCloseTo(0.2, 10);
    expect(now.progress).toBeCloseTo(0.4, 10);
    expect(then.milestoneList.every((m) => m.completedDate === null || m.completedDate <= '2026-07-15')).toBe(true);
  });

  it('answers 404 for a measure that did not exist yet on the as-of date', async () => {
    const res = await t.get('/api/v1/measures/DIGITAL-0012?asOf=2026-07-15');
    expect(res.status).toBe(404);
    expect(errorResponse.parse(res.body).error.code).toBe('not_found');
    expect((await t.get('/api/v1/measures/DIGITAL-0012')).status).toBe(200);
  });

  it('rejects an unknown parameter, a bad date and a date before 2020 with 400 naming it', async () => {
    for (const [query, parameter] of [
      ['?asof=2026-01-01', 'asof'],
      ['?asOf=2026-02-30', 'asOf'],
      ['?asOf=0100-01-01', 'asOf'],
    ] as const) {
      const res = await t.get(`/api/v1/measures/METI-0001${query}`);
      expect(res.status, query).toBe(400);
      expect(errorResponse.parse(res.body).error.issues?.[0]?.path[0]).toBe(parameter);
    }
    const stats = await t.get('/api/v1/stats/burnup?asOf=1999-12-31');
    expect(stats.status).toBe(400);
  });
});
