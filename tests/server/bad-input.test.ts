import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthResponse, measureListResponse, summaryResponse } from '../../server/schemas/responses';
import type { ErrorResponse } from '../../server/schemas/responses';
import { getError, getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// docs/product.md §4 and §7: bad input gets a 400 naming the parameter, never a 500 and never a silently
// empty (or silently unfiltered) 200; nothing in an error body leaks SQL, stack traces or paths.

/** [what, query string as sent (already encoded), the parameter the 400 must name] */
const BAD_QUERIES: [string, string, string][] = [
  ['unknown field', 'field=nope', 'field'],
  ['one unknown field among known ones', 'field=quantum,nope', 'field'],
  ['unknown ministry', 'ministry=xyz', 'ministry'],
  ['unknown pillar', 'pillar=nope', 'pillar'],
  ['unknown instrument', 'instrument=nope', 'instrument'],
  ['unknown status', 'status=done', 'status'],
  ['stale is a health, not a status', 'status=stale', 'status'],
  ['unknown health', 'health=green', 'health'],
  ['unknown deadline', 'deadline=summer-2099', 'deadline'],
  ['impossible date', 'asOf=2026-02-30', 'asOf'],
  ['slashed date', 'asOf=2026/01/01', 'asOf'],
  ['word for a date', 'asOf=yesterday', 'asOf'],
  ['unpadded date', 'asOf=2026-1-5', 'asOf'],
  ['date with a time', 'asOf=2026-07-15T00:00:00Z', 'asOf'],
  ['empty date', 'asOf=', 'asOf'],
  ['future date (tomorrow in Japan)', 'asOf=2026-11-27', 'asOf'],
  ['repeated asOf', 'asOf=2026-01-01&asOf=2026-02-01', 'asOf'],
  ['page 0', 'page=0', 'page'],
  ['negative page', 'page=-1', 'page'],
  ['page not a number', 'page=abc', 'page'],
  ['fractional page', 'page=1.5', 'page'],
  ['repeated page', 'page=1&page=2', 'page'],
  ['huge pageSize', 'pageSize=100000', 'pageSize'],
  ['pageSize 0', 'pageSize=0', 'pageSize'],
  ['unknown sort', 'sort=bogus', 'sort'],
  ['unknown parameter', 'fild=quantum', 'fild'],
  ['repeated q', 'q=a&q=b', 'q'],
  ['SQL in a code', `field=${encodeURIComponent("quantum';DROP TABLE measures;--")}`, 'field'],
  ['10 kB of q', `q=${'x'.repeat(10_000)}`, 'q'],
  ['NUL in q', 'q=a%00b', 'q'],
];

/** Parameters only the measure list takes; on /stats they are unknown parameters, still named. */
const STATS_SAMPLE = [
  'field=nope',
  'status=done',
  'deadline=summer-2099',
  'asOf=2026-02-30',
  'asOf=2026-11-27',
  'fild=quantum',
  'page=1',
];

const ENDPOINTS = ['/api/v1/measures', '/api/v1/stats/summary'];
const SAMPLED_ENDPOINTS = ['/api/v1/stats/by-field', '/api/v1/stats/by-ministry', '/api/v1/stats/burnup'];

/**
 * Whether an error body leaks internals. A bare "at " cannot be the test: validation messages say
 * "must be at most 500"; a stack frame looks like "at fn (file:line)" or "at /path/file.js:1:2".
 */
function leaks(body: ErrorResponse): string[] {
  const text = JSON.stringify(body);
  const found: string[] = [];
  if (/SELECT|\bFROM\s+\w+\s+WHERE\b/.test(text)) found.push('SQL');
  if (/\bat \S+ \(|\bat (file:)?\/|\\n\s+at /.test(text)) found.push('stack trace');
  if (text.includes('/work/') || text.includes('node_modules') || /\.ts:\d+/.test(text)) found.push('file path');
  return found;
}

describe.each(TEST_DIALECTS)('bad input on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function expect400(path: string, parameter: string): Promise<void> {
    const body = await getError(t, path, 400);
    expect(body.error.code).not.toBe('');
    expect(body.error.message).not.toBe('');
    expect(body.error.issues, path).toBeDefined();
    expect(
      body.error.issues?.map((i) => i.path[0]),
      path,
    ).toContain(parameter);
    expect(leaks(body), path).toEqual([]);
  }

  describe.each(ENDPOINTS)('%s', (endpoint) => {
    it.each(BAD_QUERIES)('%s (%s) → 400 naming %s', async (_what, query, parameter) => {
      // `deadline` belongs to /stats; on the list it is an unknown parameter, which is still a 400 naming it.
      await expect400(`${endpoint}?${query}`, parameter);
    });
  });

  describe.each(SAMPLED_ENDPOINTS)('%s', (endpoint) => {
    it.each(STATS_SAMPLE)('%s → 400 naming the parameter', async (query) => {
      await expect400(`${endpoint}?${query}`, query.split('=')[0] ?? '');
    });
  });

  it('reports every offending parameter at once', async () => {
    const body = await getError(t, '/api/v1/measures?page=abc&pageSize=0&status=done', 400);
    expect(body.error.issues?.map((i) => i.path[0]).sort()).toEqual(['page', 'pageSize', 'status']);
  });

  describe('SQL-looking and wildcard text is taken literally', () => {
    it("q=' OR 1=1 -- is a 200 that finds nothing (not everything, not an error)", async () => {
      const q = encodeURIComponent("' OR 1=1 --");
      const l = await getOk(t, `/api/v1/measures?q=${q}`, measureListResponse);
      expect(l.total).toBe(0);
      expect(l.items).toEqual([]);
      const s = await getOk(t, `/api/v1/stats/summary?q=${q}`, summaryResponse);
      expect(s.total).toBe(0);
    });

    it('% and _ in q match only themselves: no fixture title contains them', async () => {
      for (const q of ['%25', '_', '%25%25', '_%25_', '%5C%25', '%5C']) {
        const l = await getOk(t, `/api/v1/measures?q=${q}`, measureListResponse);
        expect(l.total, `q=${q}`).toBe(0);
      }
      // An unencoded % is not valid percent-encoding; it must still not match everything.
      const raw = await t.get('/api/v1/measures?q=%');
      expect(raw.status).not.toBe(500);
      if (raw.status === 200) expect(measureListResponse.parse(raw.body).total).toBe(0);
    });

    it('the measures table still answers after the injection attempts', async () => {
      await t.get(`/api/v1/measures?field=${encodeURIComponent("quantum';DROP TABLE measures;--")}`);
      await t.get(`/api/v1/measures?q=${encodeURIComponent("'; DROP TABLE measures; --")}`);
      await t.get(`/api/v1/measures/${encodeURIComponent("METI-0001'; DROP TABLE measures; --")}`);
      expect((await getOk(t, '/api/v1/measures', measureListResponse)).total).toBe(12);
      expect((await getOk(t, '/api/v1/health', healthResponse)).database).toBe(dialect);
    });
  });

  describe('paths', () => {
    it.each(['/api/v1/nope', '/api/v1/measures/METI-0001/nope', '/api/v2/measures', '/api/v1/stats/nope'])(
      'unknown API path %s → 404 JSON',
      async (path) => {
        const body = await getError(t, path, 404);
        expect(body.error.code).toBe('not_found');
        expect(leaks(body)).toEqual([]);
      },
    );

    it.each([
      'not-a-code',
      'METI-0001x',
      'METI',
      'M-1',
      'METI-1234567',
      encodeURIComponent("METI-0001' OR '1'='1"),
      encodeURIComponent('量子-0001'),
    ])('malformed measure code %s → 400 naming code', async (code) => {
      await expect400(`/api/v1/measures/${code}`, 'code');
    });

    it('a well-formed unknown code is a 404, not a 400', async () => {
      const body = await getError(t, '/api/v1/measures/METI-9999', 404);
      expect(leaks(body)).toEqual([]);
    });
  });
});
