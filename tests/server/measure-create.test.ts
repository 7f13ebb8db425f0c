import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListResponse } from '../../server/schemas/writes';
import { errorResponse, measureDetailResponse, measureListResponse, summaryResponse } from '../../server/schemas/responses';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { send, signedInUsers } from '../support/sessions';
import type { SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Registering a measure (issue 13 item 1, docs/decisions/023): who may, what is checked, the code the
// server gives (the next of the lead ministry, distinct under concurrent registrations), and the new
// measure in the figures from its creation on — not before.

const ADMIN = 'admin@example.go.jp';
const SECRETARIAT = 'secretariat@example.go.jp';
const METI_LEAD = 'meti-lead@example.go.jp';
const EXECUTIVE = 'executive@example.go.jp';
const ANALYST = 'analyst@example.go.jp';

const valid = {
  titleJa: '量子センサの社会実装',
  titleEn: 'Deploying quantum sensors',
  summaryJa: '実証から実装へ。',
  fields: ['quantum', 'ai-semiconductors'],
  instruments: ['rnd'],
  leadMinistry: 'meti',
  pillar: 'startup-finance',
  coMinistries: ['mext'],
  startDate: '2026-12-01',
  targetDate: '2028-03-31',
  budgetYen: 1_200_000_000,
  budgetFiscalYear: 2026,
  milestones: [
    { titleJa: '実証開始', titleEn: 'Pilot starts', dueDate: '2027-03-31', weight: 1 },
    { titleJa: '社会実装', titleEn: 'Deployed', dueDate: '2028-03-31', weight: 3 },
  ],
};

function errorCode(result: SendResult): string {
  return errorResponse.parse(result.body).error.code;
}

describe.each(TEST_DIALECTS)('registering measures on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;
  const register = (email: string | null, body: unknown) =>
    send(t.app, 'POST', '/api/v1/measures', { cookie: email ? cookies.get(email) : null, body });
  const total = async (asOf?: string) =>
    (await getOk(t, `/api/v1/stats/summary${asOf ? `?asOf=${asOf}` : ''}`, summaryResponse)).total;
  const measureCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('measures')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    // METI-0033 exists (a copy of METI-0001): the next METI code is METI-0034.
    const measures = fixtureMeasures();
    const meti = measures.find((m) => m.code === 'METI-0001');
    if (!meti) throw new Error('fixture without METI-0001');
    t = await createTestApp(dialect, { measures: [...measures, { ...meti, code: 'METI-0033' }], now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, [
      { email: ADMIN, role: 'admin' },
      { email: SECRETARIAT, role: 'secretariat' },
      { email: METI_LEAD, role: 'ministry_lead', ministry: 'meti' },
      { email: EXECUTIVE, role: 'executive' },
      { email: ANALYST, role: 'analyst' },
    ]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('refuses who may not, before reading the body: 401 without a session, 403 for read-only roles and another ministry', async () => {
    const before = await measureCount();
    expect((await register(null, valid)).status).toBe(401);
    for (const email of [EXECUTIVE, ANALYST]) {
      // A body that is not even valid: the role is refused first.
      const refused = await register(email, { nonsense: true });
      expect(refused.status).toBe(403);
      expect(errorCode(refused)).toBe('forbidden');
    }
    const otherMinistry = await register(METI_LEAD, { ...valid, leadMinistry: 'env', coMinistries: [] });
    expect(otherMinistry.status).toBe(403);
    expect(await measureCount()).toBe(before);
  });

  it("gives a lead's measure the next code of the ministry, with Location, ETag, its links and milestones", async () => {
    const totalBefore = await total();
    const pastBefore = await total('2026-11-25');
    const created = await register(METI_LEAD, valid);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const measure = measureDetailResponse.parse(created.body);
    expect(measure.code).toBe('METI-0034');
    expect(created.headers.get('location')).toBe('/api/v1/measures/METI-0034');
    expect(created.headers.get('etag')).toBe('"v1"');
    expect(measure).toMatchObject({
      titleJa: valid.titleJa,
      titleEn: valid.titleEn,
      leadMinistry: 'meti',
      coMinistries: ['mext'],
      fields: ['quantum', 'ai-semiconductors'],
      primaryField: 'quantum',
      pillar: 'startup-finance',
      instruments: ['rnd'],
      status: 'not_started',
      version: 1,
      budgetYen: 1_200_000_000,
      targetDate: '2028-03-31',
    });
    expect(measure.milestoneList.map((m) => [m.titleEn, m.dueDate, m.weight])).toEqual([
      ['Pilot starts', '2027-03-31', 1],
      ['Deployed', '2028-03-31', 3],
    ]);
    // Readable, listed, searchable, counted today — and not as of any day before its creation.
    expect((await getOk(t, '/api/v1/measures/METI-0034', measureDetailResponse)).code).toBe('METI-0034');
    const found = await getOk(t, `/api/v1/measures?q=${encodeURIComponent('量子センサ')}`, measureListResponse);
    expect(found.items.map((i) => i.code)).toEqual(['METI-0034']);
    expect(await total()).toBe(totalBefore + 1);
    expect(await total('2026-11-25')).toBe(pastBefore);
    const yesterday = await getOk(t, '/api/v1/measures?asOf=2026-11-25&q=METI-0034', measureListResponse);
    expect(yesterday.total).toBe(0);

    const again = await register(METI_LEAD, { ...valid, titleJa: '二件目', titleEn: 'Second' });
    expect(measureDetailResponse.parse(again.body).code).toBe('METI-0035');

    const audit = await send(t.app, 'GET', '/api/v1/audit?entity=METI-0034', {
      cookie: cookies.get(ADMIN),
    });
    const entries = auditListResponse.parse(audit.body).items.filter((e) => e.action === 'measure.create');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entityCode: 'METI-0034',
      actor: { email: METI_LEAD, role: 'ministry_lead' },
      before: null,
    });
  });

  it('lets the secretariat and administrators register for any ministry; the first of a ministry is -0001 past its highest', async () => {
    const bySecretariat = await register(SECRETARIAT, { ...valid, leadMinistry: 'env', coMinistries: [] });
    expect(bySecretariat.status, JSON.stringify(bySecretariat.body)).toBe(201);
    expect(measureDetailResponse.parse(bySecretariat.body).code).toBe('ENV-0012');
    const byAdmin = await register(ADMIN, { ...valid, leadMinistry: 'mic', coMinistries: [], milestones: [] });
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(201);
    expect(measureDetailResponse.parse(byAdmin.body).code).toBe('MIC-0001');
  });

  it('gives concurrent registrations distinct, consecutive codes', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        register(ADMIN, { ...valid, leadMinistry: 'mext', coMinistries: [], titleEn: `Concurrent ${i}` }),
      ),
    );
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const codes = results.map((r) => measureDetailResponse.parse(r.body).code).sort();
    expect(new Set(codes).size).toBe(10);
    const numbers = codes.map((c) => Number(c.slice('MEXT-'.length)));
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => numbers[0]! + i));
  });

  it('refuses a bad body with 400 naming each problem, and writes nothing', async () => {
    const before = await measureCount();
    const cases: [unknown, string][] = [
      [{ ...valid, titleJa: undefined }, 'titleJa'],
      [{ ...valid, fields: [] }, 'fields'],
      [{ ...valid, instruments: undefined }, 'instruments'],
      [{ ...valid, code: 'METI-9999' }, 'code'],
      [{ ...valid, version: 7 }, 'version'],
      [{ ...valid, fields: ['quantum', 'no-such-field'] }, 'fields'],
      [{ ...valid, leadMinistry: 'nope' }, 'leadMinistry'],
      [{ ...valid, pillar: 'nope' }, 'pillar'],
      [{ ...valid, coMinistries: ['meti'] }, 'coMinistries'],
      [{ ...valid, startDate: '2027-01-01', targetDate: '2026-12-31' }, 'targetDate'],
      [{ ...valid, milestones: [{ titleJa: 'x', titleEn: 'x', dueDate: '2027-02-30', weight: 1 }] }, 'milestones'],
      [{ ...valid, milestones: [{ titleJa: 'x', titleEn: 'x', dueDate: '2027-01-01', weight: 0 }] }, 'milestones'],
      [{ ...valid, milestones: Array.from({ length: 51 }, () => valid.milestones[0]) }, 'milestones'],
    ];
    for (const [body, field] of cases) {
      const refused = await register(METI_LEAD, body);
      expect(refused.status, `${field}: ${JSON.stringify(refused.body)}`).toBe(400);
      const issues = errorResponse.parse(refused.body).error.issues ?? [];
      expect(
        issues.some((i) => i.path[0] === field || i.message.includes(field)),
        `${field}: ${JSON.stringify(issues)}`,
      ).toBe(true);
    }
    expect(await measureCount()).toBe(before);
  });
});
