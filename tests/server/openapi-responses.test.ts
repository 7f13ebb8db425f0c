import { createRequire } from 'node:module';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiDocument } from '../../server/openapi/openapi-document';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestUser, send, signIn, signedInUsers } from '../support/sessions';
import type { SendOptions, SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';
import { readResponse } from '../support/read-response';

// Real responses of every documented route, on a seeded app, against the schemas the document states
// (not the zod schemas it was made from: that would prove nothing about the document). The JSON
// schemas are checked with Ajv's JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1), the very
// Ajv the OpenAPI validator uses, resolved from that package rather than added as a dependency.

interface JsonSchemaValidator {
  (data: unknown): boolean;
  errors?: unknown;
}
interface Ajv {
  compile(schema: unknown): JsonSchemaValidator;
}
const ajvConstructor = z.custom<new (options: object) => Ajv>((v) => typeof v === 'function');
const fromValidator = createRequire(createRequire(import.meta.url).resolve('@seriousme/openapi-schema-validator'));
// A CommonJS module whose export is the class itself.
const Ajv2020 = ajvConstructor.parse(fromValidator('ajv/dist/2020.js'));

const operationSchema = z.object({
  responses: z.record(
    z.string(),
    z.object({
      content: z.record(z.string(), z.object({ schema: z.unknown().optional() })).optional(),
      headers: z.record(z.string(), z.object({ required: z.boolean().optional() })).optional(),
    }),
  ),
});
const resolvedPaths = z.record(z.string(), z.record(z.string(), z.unknown()));

const ADMIN = 'admin@example.go.jp';
const METI_LEAD = 'meti-lead@example.go.jp';
const MEXT_LEAD = 'mext-lead@example.go.jp';
const LOCKED = 'locked@example.go.jp';
const SECRETARIAT = 'sec@example.go.jp';
const UNKNOWN_IMPORT = '00000000-0000-4000-8000-000000000000';
const AUTH = {
  requireLogin: false,
  session: { idleMinutes: 120, absoluteHours: 12 },
  // Two failures lock an account, without waits: the 429 is reached at once.
  throttle: {
    windowMinutes: 15,
    slowAfterAccountFailures: 100,
    slowAfterIpFailures: 100,
    lockAfterAccountFailures: 2,
    lockAfterIpFailures: 100,
    delayStepMs: 0,
    maxDelayMs: 0,
  },
  passwordHashing: { N: 1024, r: 8, p: 1 },
};

describe.each(TEST_DIALECTS)('real responses against the API document on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;
  let paths: z.infer<typeof resolvedPaths>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const exercised = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW, auth: AUTH });
    // A meeting for the editions, before the first request loads the (cached) taxonomy.
    await t.database.db
      .insertInto('meetings')
      .values({ code: 'doc-editions-meeting', name_ja: '会議', name_en: 'Meeting', date: '2026-12-20', sort_order: 1 })
      .execute();
    cookies = await signedInUsers(t.database.db, t.app, [
      { email: ADMIN, role: 'admin' },
      { email: METI_LEAD, role: 'ministry_lead', ministry: 'meti' },
      { email: MEXT_LEAD, role: 'ministry_lead', ministry: 'mext' },
      { email: SECRETARIAT, role: 'secretariat' },
    ]);
    await createTestUser(t.database.db, { email: LOCKED, role: 'analyst' });
    // $refs inlined by the OpenAPI validator, so that each response schema stands alone.
    const document: unknown = JSON.parse(JSON.stringify(openApiDocument()));
    paths = resolvedPaths.parse(
      z
        .object({ paths: z.unknown() })
        .parse(new Validator().resolveRefs({ specification: z.record(z.string(), z.unknown()).parse(document) })).paths,
    );
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** Sends the request and checks its status, headers and body against operation `METHOD /template`. */
  async function check(
    operation: string,
    path: string,
    status: number,
    options: SendOptions & { method?: string; form?: FormData } = {},
  ): Promise<SendResult> {
    const [method = '', template = ''] = operation.split(' ');
    const result = options.form
      ? await sendForm(`/api/v1${path}`, options.form, options.cookie ?? undefined)
      : await send(t.app, options.method ?? method, `/api/v1${path}`, options);
    expect(result.status, `${operation} ${path} → ${JSON.stringify(result.body)}`).toBe(status);
    const documented = operationSchema.parse(paths[template]?.[method.toLowerCase()]);
    const response = documented.responses[String(status)];
    if (!response) throw new Error(`${operation}: status ${status} is not documented`);
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (header.required) expect(result.headers.get(name), `${operation} ${status}: header ${name}`).not.toBeNull();
    }
    const type = (result.headers.get('content-type') ?? '').split(';')[0] ?? '';
    if (status === 204) {
      expect(response.content).toBeUndefined();
    } else {
      const media = response.content?.[type];
      if (!media) throw new Error(`${operation} ${status}: ${type} is not a documented content type`);
      const validate = ajv.compile(media.schema ?? {});
      expect(validate(result.body), `${operation} ${status}: ${JSON.stringify(validate.errors, null, 2)}`).toBe(true);
    }
    exercised.add(operation);
    return result;
  }

  const as = (email: string) => ({ cookie: cookies.get(email) });

  /** A multipart upload (the survey form), answered like `send` answers. */
  async function sendForm(path: string, form: FormData, cookie: string | undefined): Promise<SendResult> {
    const res = await t.app.request(path, { method: 'POST', headers: cookie ? { cookie } : {}, body: form });
    return readResponse(res);
  }

  async function etag(code: string): Promise<string> {
    const res = await check('GET /measures/{code}', `/measures/${code}`, 200);
    return res.headers.get('etag') ?? '';
  }

  it('system, auth and reads', async () => {
    await check('GET /health', '/health', 200);
    await check('GET /meta', '/meta', 200);
    await check('GET /openapi.json', '/openapi.json', 200);
    await check('GET /metrics', '/metrics', 200, as(ADMIN));
    await check('GET /metrics', '/metrics', 401);
    await check('GET /metrics', '/metrics', 403, as(METI_LEAD));
    await check('GET /auth/me', '/auth/me', 200);
    await check('GET /auth/me', '/auth/me', 200, as(ADMIN));
    await check('POST /auth/login', '/auth/login', 400, { body: { email: 'not an email', password: 'x' } });
    await check('POST /auth/login', '/auth/login', 415, {
      body: 'email=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await check('POST /auth/login', '/auth/login', 401, { body: { email: LOCKED, password: 'wrong' } });
    await check('POST /auth/login', '/auth/login', 401, { body: { email: LOCKED, password: 'wrong' } });
    const locked = await check('POST /auth/login', '/auth/login', 429, { body: { email: LOCKED, password: 'wrong' } });
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    await check('POST /auth/login', '/auth/login', 403, {
      body: { email: ADMIN, password: 'x' },
      headers: { origin: 'https://elsewhere.example' },
    });
    await check('POST /auth/logout', '/auth/logout', 204, { cookie: await signIn(t.app, METI_LEAD) });

    const password = 'correct horse battery staple';
    const changer = 'doc-password@example.go.jp';
    await createTestUser(t.database.db, { email: changer, role: 'executive' });
    const own = { cookie: await signIn(t.app, changer) };
    await check('POST /auth/password', '/auth/password', 401, {
      body: { currentPassword: password, newPassword: 'x'.repeat(12) },
    });
    await check('POST /auth/password', '/auth/password', 400, {
      ...own,
      body: { currentPassword: password, newPassword: 'short' },
    });
    await check('POST /auth/password', '/auth/password', 204, {
      ...own,
      body: { currentPassword: password, newPassword: 'a new passphrase here' },
    });
    await check('POST /auth/password', '/auth/password', 400, {
      ...own,
      body: { currentPassword: 'wrong', newPassword: 'x'.repeat(12) },
    });
    await check('POST /auth/password', '/auth/password', 400, {
      ...own,
      body: { currentPassword: 'wrong', newPassword: 'x'.repeat(12) },
    });
    const lockedOut = await check('POST /auth/password', '/auth/password', 429, {
      ...own,
      body: { currentPassword: 'wrong', newPassword: 'x'.repeat(12) },
    });
    expect(lockedOut.headers.get('retry-after')).toMatch(/^\d+$/);
    await check('POST /auth/password', '/auth/password', 415, { ...own, body: 'x', headers: { 'content-type': 'text/plain' } });
    await check('POST /auth/password', '/auth/password', 403, {
      ...own,
      body: { currentPassword: password, newPassword: 'x'.repeat(12) },
      headers: { origin: 'https://elsewhere.example' },
    });
    await check('POST /auth/login', '/auth/login', 200, { body: { email: METI_LEAD, password: 'correct horse battery staple' } });

    await check('GET /measures', '/measures?field=quantum&sort=-progress&pageSize=3', 200);
    await check('GET /measures', '/measures?page=0', 400);
    await check('GET /measures', '/measures?basis=verified&asOf=2026-10-01&sort=progress', 200);
    await check('GET /measures', '/measures?basis=confirmed', 400);
    await check('GET /measures/{code}', '/measures/METI-0001', 200);
    await check('GET /measures/{code}', '/measures/METI-0001?asOf=2026-06-30', 200);
    await check('GET /measures/{code}', '/measures/METI-9999', 404);
    await check('GET /measures/{code}', '/measures/METI-0001?asOf=2026-02-30', 400);
    for (const stat of ['summary', 'by-field', 'by-ministry', 'heatmap', 'burnup']) {
      await check(`GET /stats/${stat}`, `/stats/${stat}?ministry=meti,mext&asOf=2026-10-01`, 200);
      await check(`GET /stats/${stat}`, `/stats/${stat}?basis=accepted&ministry=meti`, 200);
      await check(`GET /stats/${stat}`, `/stats/${stat}?basis=verified&basis=accepted`, 400);
      await check(`GET /stats/${stat}`, `/stats/${stat}?nope=1`, 400);
    }
  });

  it('writes, with their refusals', async () => {
    const report = { status: 'in_progress', health: 'on_track', note: 'API document check' };
    const path = '/measures/METI-0001/reports';
    const registration = {
      titleJa: '新施策',
      titleEn: 'New measure',
      fields: ['quantum'],
      instruments: ['rnd'],
      leadMinistry: 'meti',
      pillar: 'startup-finance',
      milestones: [{ titleJa: '開始', titleEn: 'Start', dueDate: '2027-03-31', weight: 1 }],
    };
    await check('POST /measures', '/measures', 201, { ...as(METI_LEAD), body: registration });
    await check('POST /measures', '/measures', 400, { ...as(METI_LEAD), body: { ...registration, code: 'METI-0100' } });
    await check('POST /measures', '/measures', 401, { body: registration });
    await check('POST /measures', '/measures', 403, { ...as(METI_LEAD), body: { ...registration, leadMinistry: 'mext' } });
    await check('POST /measures/{code}/reports', path, 401, { body: report });
    await check('POST /measures/{code}/reports', path, 403, { ...as(MEXT_LEAD), body: report });
    await check('POST /measures/{code}/reports', '/measures/METI-9999/reports', 404, { ...as(METI_LEAD), body: report });
    await check('POST /measures/{code}/reports', path, 428, { ...as(METI_LEAD), body: report });
    await check('POST /measures/{code}/reports', path, 415, {
      ...as(METI_LEAD),
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    await check('POST /measures/{code}/reports', path, 413, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { ...report, note: 'x'.repeat(70_000) },
    });
    await check('POST /measures/{code}/reports', path, 400, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { ...report, version: 9 },
    });
    await check('POST /measures/{code}/reports', path, 412, { ...as(METI_LEAD), ifMatch: '"v999"', body: report });
    await check('POST /measures/{code}/reports', path, 201, { ...as(METI_LEAD), ifMatch: await etag('METI-0001'), body: report });

    await check('PATCH /measures/{code}', '/measures/METI-0001', 200, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { ownerName: '経産 花子' },
    });
    await check('PATCH /measures/{code}', '/measures/METI-0001', 400, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: {},
    });
    const created = await check('POST /measures/{code}/milestones', '/measures/METI-0001/milestones', 201, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { titleJa: '検証', titleEn: 'Check', dueDate: '2027-03-31' },
    });
    const milestones = z
      .object({ milestoneList: z.array(z.object({ id: z.number(), titleEn: z.string() })) })
      .parse(created.body).milestoneList;
    const id = milestones.find((m) => m.titleEn === 'Check')?.id;
    await check('PATCH /measures/{code}/milestones/{id}', `/measures/METI-0001/milestones/${id}`, 200, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { weight: 2 },
    });
    await check('PATCH /measures/{code}/milestones/{id}', '/measures/METI-0001/milestones/999999', 404, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { weight: 2 },
    });
    // Withdrawn (廃止) for the day and restored the same day: no as-of figure of the later tests moves.
    const WITHDRAW = 'POST /measures/{code}/withdraw';
    await check(WITHDRAW, '/measures/METI-0001/withdraw', 400, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { reason: ' ' },
    });
    await check(WITHDRAW, '/measures/METI-0001/withdraw', 200, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { reason: '統合のため' },
    });
    await check('PATCH /measures/{code}', '/measures/METI-0001', 409, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { ownerName: '経産 次郎' },
    });
    await check(WITHDRAW, '/measures/METI-0001/withdraw', 409, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { reason: '再度' },
    });
    await check('POST /measures/{code}/restore', '/measures/METI-0001/restore', 200, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { reason: '誤り' },
    });
    await check('POST /measures/{code}/restore', '/measures/METI-0001/restore', 409, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { reason: '誤り' },
    });
  });

  it('verified milestones and KPIs', async () => {
    const code = 'METI-0001';
    const detail = z
      .object({
        milestoneList: z.array(z.object({ id: z.number(), completion: z.string() })),
        kpis: z.array(z.object({ id: z.number(), observations: z.array(z.object({ id: z.number() })) })),
      })
      .parse((await check('GET /measures/{code}', `/measures/${code}`, 200)).body);
    const done = detail.milestoneList.find((m) => m.completion === 'reported')?.id;
    const verification = `/measures/${code}/milestones/${done}/verification`;
    const VERIFY = 'POST /measures/{code}/milestones/{id}/verification';
    await check(VERIFY, verification, 401, { body: { decision: 'verify' } });
    await check(VERIFY, verification, 403, { ...as(METI_LEAD), body: { decision: 'verify' } });
    await check(VERIFY, verification, 428, { ...as(SECRETARIAT), body: { decision: 'verify' } });
    await check(VERIFY, verification, 412, { ...as(SECRETARIAT), ifMatch: '"v999"', body: { decision: 'verify' } });
    await check(VERIFY, verification, 400, { ...as(SECRETARIAT), ifMatch: await etag(code), body: { decision: 'reject' } });
    await check(VERIFY, verification, 409, { ...as(SECRETARIAT), ifMatch: await etag(code), body: { decision: 'verify' } });
    await check(VERIFY, `/measures/${code}/milestones/999999/verification`, 404, {
      ...as(SECRETARIAT),
      ifMatch: await etag(code),
      body: { decision: 'verify' },
    });
    await check('PATCH /measures/{code}/milestones/{id}', `/measures/${code}/milestones/${done}`, 200, {
      ...as(METI_LEAD),
      ifMatch: await etag(code),
      body: { evidenceUrl: 'https://www.meti.go.jp/evidence.pdf' },
    });
    await check(VERIFY, verification, 200, { ...as(SECRETARIAT), ifMatch: await etag(code), body: { decision: 'verify' } });
    await check('GET /milestones', '/milestones?verification=pending&ministry=meti&pageSize=5', 200);
    await check('GET /milestones', '/milestones?verification=verified', 200);
    await check('GET /milestones', '/milestones?page=0', 400);

    const kpi = {
      nameJa: '導入社数',
      nameEn: 'Adopters',
      unit: '社',
      direction: 'increase',
      baselineValue: 0,
      baselineDate: '2026-01-01',
      targetValue: 100,
      targetDate: '2027-01-01',
      source: '調査',
    };
    await check('POST /measures/{code}/kpis', `/measures/${code}/kpis`, 401, { body: kpi });
    await check('POST /measures/{code}/kpis', `/measures/${code}/kpis`, 403, { ...as(SECRETARIAT), body: kpi });
    await check('POST /measures/{code}/kpis', `/measures/${code}/kpis`, 400, {
      ...as(METI_LEAD),
      ifMatch: await etag(code),
      body: { ...kpi, direction: 'decrease' },
    });
    const created = await check('POST /measures/{code}/kpis', `/measures/${code}/kpis`, 201, {
      ...as(METI_LEAD),
      ifMatch: await etag(code),
      body: kpi,
    });
    const kpiId = z
      .object({ kpis: z.array(z.object({ id: z.number() })) })
      .parse(created.body)
      .kpis.at(-1)?.id;
    await check('PATCH /measures/{code}/kpis/{id}', `/measures/${code}/kpis/${kpiId}`, 200, {
      ...as(METI_LEAD),
      ifMatch: await etag(code),
      body: { unit: '者' },
    });
    await check('PATCH /measures/{code}/kpis/{id}', `/measures/${code}/kpis/999999`, 404, {
      ...as(METI_LEAD),
      ifMatch: await etag(code),
      body: { unit: '者' },
    });
    const OBSERVE = 'POST /measures/{code}/kpis/{id}/observations';
    await check(OBSERVE, `/measures/${code}/kpis/${kpiId}/observations`, 400, {
      ...as(METI_LEAD),
      ifMatch: await etag(code),
      body: { value: 1, observedOn: '2030-01-01' },
    });
    const observed = await check(OBSERVE, `/measures/${code}/kpis/${kpiId}/observations`, 201, {
      ...as(METI_LEAD),
      ifMatch: await etag(code),
      body: { value: 30, observedOn: '2026-06-01' },
    });
    const observationId = z
      .object({ kpis: z.array(z.object({ id: z.number(), observations: z.array(z.object({ id: z.number() })) })) })
      .parse(observed.body)
      .kpis.find((k) => k.id === kpiId)
      ?.observations.at(-1)?.id;
    const CATEGORY = 'POST /kpis/{id}/category';
    await check(CATEGORY, `/kpis/${kpiId}/category`, 401, { body: { category: 'A', reason: '', observationId } });
    await check(CATEGORY, `/kpis/${kpiId}/category`, 403, {
      ...as(METI_LEAD),
      body: { category: 'A', reason: '', observationId },
    });
    await check(CATEGORY, `/kpis/${kpiId}/category`, 400, {
      ...as(SECRETARIAT),
      body: { category: 'A', reason: '', observationId },
    });
    await check(CATEGORY, `/kpis/${kpiId}/category`, 409, {
      ...as(SECRETARIAT),
      body: { category: 'A', reason: '', observationId: null },
    });
    await check(CATEGORY, '/kpis/999999/category', 404, {
      ...as(SECRETARIAT),
      body: { category: 'A', reason: '', observationId },
    });
    // 30 of 100 by 06-01 (151 of 365 days): behind, and confirmed as such.
    await check(CATEGORY, `/kpis/${kpiId}/category`, 200, {
      ...as(SECRETARIAT),
      body: { category: 'B', reason: '', observationId },
    });
    await check('GET /kpis', '/kpis?confirmation=confirmed&field=quantum', 200);
    await check('GET /kpis', '/kpis', 200);
    await check('GET /kpis', '/kpis?confirmation=all', 400);
    await check('GET /stats/kpi', '/stats/kpi?by=ministry&ministry=meti,mext&asOf=2026-10-01', 200);
    await check('GET /stats/kpi', '/stats/kpi', 200);
    await check('GET /stats/kpi', '/stats/kpi?deadline=summer-2026', 400);
  });

  it('schedule slippage (due-date history)', async () => {
    await check('GET /stats/slippage', '/stats/slippage', 200);
    await check('GET /stats/slippage', '/stats/slippage?by=ministry&field=quantum&asOf=2026-07-15', 200);
    await check('GET /stats/slippage', '/stats/slippage?by=pillar', 400);
    await check('GET /stats/slippage', '/stats/slippage?deadline=summer-2026', 400);
  });

  it('administration', async () => {
    await check('GET /audit', '/audit', 401);
    await check('GET /audit', '/audit', 403, as(METI_LEAD));
    await check('GET /audit', '/audit?pageSize=5', 200, as(ADMIN));
    await check('GET /audit', '/audit?from=2026-13-01', 400, as(ADMIN));
    await check('GET /users', '/users', 403, as(METI_LEAD));
    const users = await check('GET /users', '/users', 200, as(ADMIN));
    const target = z
      .object({ items: z.array(z.object({ id: z.number(), email: z.string() })) })
      .parse(users.body)
      .items.find((u) => u.email === MEXT_LEAD);
    await check('DELETE /users/{id}/sessions', `/users/${target?.id}/sessions`, 200, as(ADMIN));
    await check('DELETE /users/{id}/sessions', '/users/999999/sessions', 404, as(ADMIN));
    await check('DELETE /users/{id}/sessions', '/users/abc/sessions', 400, as(ADMIN));

    const newUser = { email: 'doc-new@example.go.jp', displayName: 'Doc', role: 'ministry_lead', ministry: 'meti' };
    await check('POST /users', '/users', 401, { body: newUser });
    await check('POST /users', '/users', 403, { ...as(METI_LEAD), body: newUser });
    await check('POST /users', '/users', 400, { ...as(ADMIN), body: { ...newUser, ministry: undefined } });
    await check('POST /users', '/users', 415, { ...as(ADMIN), body: 'x', headers: { 'content-type': 'text/plain' } });
    const created = await check('POST /users', '/users', 201, { ...as(ADMIN), body: newUser });
    await check('POST /users', '/users', 409, { ...as(ADMIN), body: newUser });
    const createdId = z.object({ user: z.object({ id: z.number() }) }).parse(created.body).user.id;
    await check('GET /users/{id}', `/users/${createdId}`, 200, as(ADMIN));
    await check('GET /users/{id}', '/users/999999', 404, as(ADMIN));
    await check('GET /users/{id}', `/users/${createdId}`, 403, as(METI_LEAD));
    await check('PATCH /users/{id}', `/users/${createdId}`, 200, { ...as(ADMIN), body: { ministry: 'mext' } });
    await check('PATCH /users/{id}', `/users/${createdId}`, 400, { ...as(ADMIN), body: {} });
    await check('PATCH /users/{id}', '/users/999999', 404, { ...as(ADMIN), body: { disabled: true } });
    const adminId = z
      .object({ items: z.array(z.object({ id: z.number(), email: z.string() })) })
      .parse(users.body)
      .items.find((u) => u.email === ADMIN)?.id;
    await check('PATCH /users/{id}', `/users/${adminId}`, 409, { ...as(ADMIN), body: { disabled: true } });
    await check('PATCH /users/{id}', `/users/${createdId}`, 401, { body: { disabled: true } });
  });

  it('deadlines and meetings (decision 026)', async () => {
    const deadline = { code: 'doc-deadline', nameJa: '期限', nameEn: 'Deadline', date: '2028-06-30' };
    await check('GET /deadlines', '/deadlines', 401);
    await check('GET /deadlines', '/deadlines', 403, as(METI_LEAD));
    await check('GET /deadlines', '/deadlines', 200, as(ADMIN));
    await check('GET /deadlines', '/deadlines?page=1', 400, as(ADMIN));
    await check('POST /deadlines', '/deadlines', 401, { body: deadline });
    await check('POST /deadlines', '/deadlines', 403, { ...as(SECRETARIAT), body: deadline });
    await check('POST /deadlines', '/deadlines', 400, { ...as(ADMIN), body: { ...deadline, code: 'Doc_Deadline' } });
    await check('POST /deadlines', '/deadlines', 415, { ...as(ADMIN), body: 'x', headers: { 'content-type': 'text/plain' } });
    await check('POST /deadlines', '/deadlines', 201, { ...as(ADMIN), body: deadline });
    await check('POST /deadlines', '/deadlines', 409, { ...as(ADMIN), body: deadline });
    await check('GET /deadlines/{code}', '/deadlines/doc-deadline', 200, as(ADMIN));
    await check('GET /deadlines/{code}', '/deadlines/no-such', 404, as(ADMIN));
    await check('GET /deadlines/{code}', '/deadlines/Not%20A%20Code', 400, as(ADMIN));
    await check('GET /deadlines/{code}', '/deadlines/doc-deadline', 401);
    await check('GET /deadlines/{code}', '/deadlines/doc-deadline', 403, as(METI_LEAD));
    await check('PATCH /deadlines/{code}', '/deadlines/doc-deadline', 200, { ...as(ADMIN), body: { nameEn: 'Renamed' } });
    await check('PATCH /deadlines/{code}', '/deadlines/doc-deadline', 400, { ...as(ADMIN), body: {} });
    await check('PATCH /deadlines/{code}', '/deadlines/no-such', 404, { ...as(ADMIN), body: { retired: true } });
    await check('PATCH /deadlines/{code}', '/deadlines/doc-deadline', 401, { body: { retired: true } });
    await check('PATCH /deadlines/{code}', '/deadlines/doc-deadline', 403, { ...as(SECRETARIAT), body: { retired: true } });
    await check('PATCH /deadlines/{code}', '/deadlines/doc-deadline', 415, {
      ...as(ADMIN),
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    // Retire every other deadline in force; the last one is refused.
    for (const code of ['roadmap-2026', 'summer-2026', 'summer-2027'])
      await check('PATCH /deadlines/{code}', `/deadlines/${code}`, 200, { ...as(ADMIN), body: { retired: true } });
    await check('PATCH /deadlines/{code}', '/deadlines/doc-deadline', 409, { ...as(ADMIN), body: { retired: true } });
    for (const code of ['roadmap-2026', 'summer-2026', 'summer-2027'])
      await check('PATCH /deadlines/{code}', `/deadlines/${code}`, 200, { ...as(ADMIN), body: { retired: false } });

    const meeting = { code: 'doc-meeting', nameJa: '会議', nameEn: 'Meeting', date: '2027-01-20' };
    await check('GET /meetings', '/meetings', 401);
    await check('GET /meetings', '/meetings', 403, as(METI_LEAD));
    await check('GET /meetings', '/meetings', 200, as(ADMIN));
    await check('GET /meetings', '/meetings?page=1', 400, as(ADMIN));
    await check('POST /meetings', '/meetings', 401, { body: meeting });
    await check('POST /meetings', '/meetings', 403, { ...as(SECRETARIAT), body: meeting });
    await check('POST /meetings', '/meetings', 400, { ...as(ADMIN), body: { ...meeting, date: '2027-02-30' } });
    await check('POST /meetings', '/meetings', 415, { ...as(ADMIN), body: 'x', headers: { 'content-type': 'text/plain' } });
    await check('POST /meetings', '/meetings', 201, { ...as(ADMIN), body: meeting });
    await check('POST /meetings', '/meetings', 409, { ...as(ADMIN), body: meeting });
    await check('GET /meetings/{code}', '/meetings/doc-meeting', 200, as(ADMIN));
    await check('GET /meetings/{code}', '/meetings/no-such', 404, as(ADMIN));
    await check('GET /meetings/{code}', '/meetings/Not%20A%20Code', 400, as(ADMIN));
    await check('GET /meetings/{code}', '/meetings/doc-meeting', 401);
    await check('GET /meetings/{code}', '/meetings/doc-meeting', 403, as(METI_LEAD));
    await check('PATCH /meetings/{code}', '/meetings/doc-meeting', 200, { ...as(ADMIN), body: { retired: true } });
    await check('PATCH /meetings/{code}', '/meetings/doc-meeting', 400, { ...as(ADMIN), body: { code: 'x' } });
    await check('PATCH /meetings/{code}', '/meetings/no-such', 404, { ...as(ADMIN), body: { retired: true } });
    await check('PATCH /meetings/{code}', '/meetings/doc-meeting', 401, { body: { retired: true } });
    await check('PATCH /meetings/{code}', '/meetings/doc-meeting', 403, { ...as(SECRETARIAT), body: { retired: true } });
    await check('PATCH /meetings/{code}', '/meetings/doc-meeting', 415, {
      ...as(ADMIN),
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
  });

  it('the survey form round trip', async () => {
    const template = '/imports/template.xlsx';
    await check('GET /imports/template.xlsx', template, 401);
    await check('GET /imports/template.xlsx', `${template}?ministry=mext`, 403, as(METI_LEAD));
    await check('GET /imports/template.xlsx', template, 400, as(ADMIN));
    await check('GET /imports/template.xlsx', `${template}?lang=en`, 200, as(METI_LEAD));
    const res = await t.app.request(`/api/v1${template}`, { headers: { cookie: cookies.get(METI_LEAD) ?? '' } });
    const form = (bytes: Blob) => {
      const data = new FormData();
      data.append('file', bytes, '調査票.xlsx');
      return data;
    };
    const workbook = form(new Blob([await res.arrayBuffer()]));
    await check('POST /imports', '/imports', 401, { form: workbook });
    await check('POST /imports', '/imports', 415, { ...as(METI_LEAD), body: { file: 'not multipart' } });
    await check('POST /imports', '/imports', 415, { ...as(METI_LEAD), form: form(new Blob([new Uint8Array([0, 1, 2, 255])])) });
    const dryRun = await check('POST /imports', '/imports', 201, { ...as(METI_LEAD), form: workbook });
    const id = z.object({ id: z.string() }).parse(dryRun.body).id;
    await check('GET /imports/{id}', `/imports/${id}`, 200, as(METI_LEAD));
    await check('GET /imports/{id}', `/imports/${UNKNOWN_IMPORT}`, 404, as(METI_LEAD));
    await check('GET /imports/{id}', `/imports/${id}`, 401);
    await check('GET /imports/{id}', '/imports/not-an-id', 400, as(METI_LEAD));
    // The form came back unchanged: nothing to apply.
    await check('POST /imports/{id}/apply', `/imports/${id}/apply`, 422, as(METI_LEAD));
    await check('POST /imports/{id}/apply', `/imports/${UNKNOWN_IMPORT}/apply`, 404, as(METI_LEAD));
  });

  it('exports', async () => {
    await check('GET /exports/measures.{format}', '/exports/measures.json?field=quantum&sort=-progress', 200);
    await check('GET /exports/measures.{format}', '/exports/measures.csv?lang=en', 200);
    await check('GET /exports/measures.{format}', '/exports/measures.xlsx', 200);
    await check('GET /exports/measures.{format}', '/exports/measures.csv?page=2', 400);
    await check('GET /exports/reports.{format}', '/exports/reports.json?ministry=meti&from=2026-01-01', 200);
    await check('GET /exports/reports.{format}', '/exports/reports.csv?from=2026-02-01&to=2026-01-01', 400);
    await check('GET /exports/by-field.{format}', '/exports/by-field.json?deadline=summer-2026', 200);
    await check('GET /exports/by-ministry.{format}', '/exports/by-ministry.xlsx', 200);
    await check('GET /exports/heatmap.{format}', '/exports/heatmap.csv', 200);
    await check('GET /exports/burnup.{format}', '/exports/burnup.json?asOf=2026-06-30', 200);
    await check('GET /exports/measures.{format}', '/exports/measures.json?basis=verified', 200);
    await check('GET /exports/{file}', '/exports/summary.pdf', 404);
  });

  it('the changes since the last meeting, and their export', async () => {
    await check('GET /changes', '/changes?from=2026-07-01&ministry=meti', 200);
    await check('GET /changes', '/changes?from=2026-07-01&to=2026-09-30&basis=accepted', 200);
    await check('GET /changes', '/changes', 400);
    await check('GET /changes', '/changes?from=2026-09-01&to=2026-07-01', 400);
    await check('GET /exports/changes.{format}', '/exports/changes.json?from=2026-07-01', 200);
    await check('GET /exports/changes.{format}', '/exports/changes.csv?from=2026-07-01&lang=en', 200);
    await check('GET /exports/changes.{format}', '/exports/changes.csv?from=nope-edition', 400);
  });

  it('the follow-up round: rounds and the review of reports', async () => {
    const round = { code: 'doc-round', titleJa: '照会', titleEn: 'Round', opensAt: '2026-11-01', dueAt: '2026-11-30' };
    await check('POST /rounds', '/rounds', 401, { body: round });
    await check('POST /rounds', '/rounds', 403, { ...as(METI_LEAD), body: round });
    await check('POST /rounds', '/rounds', 400, { ...as(ADMIN), body: { ...round, ministries: ['nope'] } });
    await check('POST /rounds', '/rounds', 201, { ...as(ADMIN), body: { ...round, ministries: ['meti', 'mext'] } });
    await check('POST /rounds', '/rounds', 409, { ...as(ADMIN), body: round });
    await check('GET /rounds', '/rounds', 200);
    await check('GET /rounds', '/rounds?state=open', 400);
    await check('GET /rounds/{code}', '/rounds/doc-round', 200);
    await check('GET /rounds/{code}', '/rounds/no-such-round', 404);
    await check('GET /rounds/{code}', '/rounds/Not%20A%20Code', 400);

    const filed = await check('POST /measures/{code}/reports', '/measures/METI-0001/reports', 201, {
      ...as(METI_LEAD),
      ifMatch: await etag('METI-0001'),
      body: { status: 'in_progress', health: 'on_track', note: 'in the round' },
    });
    const id = z.object({ reports: z.array(z.object({ id: z.number() })) }).parse(filed.body).reports[0]?.id;
    await check('GET /reports', '/reports?review=submitted&round=doc-round', 200);
    await check('GET /reports', '/reports?latest=false&ministry=meti&pageSize=2', 200);
    await check('GET /reports', '/reports?review=maybe', 400);
    const shown = await check('GET /reports/{id}', `/reports/${id}`, 200);
    await check('GET /reports/{id}', '/reports/999999', 404);
    await check('GET /reports/{id}', '/reports/abc', 400);
    const ifMatch = shown.headers.get('etag');
    const path = `/reports/${id}/review`;
    await check('POST /reports/{id}/review', path, 401, { ifMatch, body: { decision: 'accept' } });
    await check('POST /reports/{id}/review', path, 403, { ...as(METI_LEAD), ifMatch, body: { decision: 'accept' } });
    await check('POST /reports/{id}/review', path, 400, { ...as(ADMIN), ifMatch, body: { decision: 'return' } });
    await check('POST /reports/{id}/review', path, 428, { ...as(ADMIN), body: { decision: 'accept' } });
    await check('POST /reports/{id}/review', '/reports/999999/review', 404, {
      ...as(ADMIN),
      ifMatch,
      body: { decision: 'accept' },
    });
    await check('POST /reports/{id}/review', path, 200, {
      ...as(ADMIN),
      ifMatch,
      body: { decision: 'return', comment: '根拠は？' },
    });
    await check('POST /reports/{id}/review', path, 412, { ...as(ADMIN), ifMatch, body: { decision: 'accept' } });
    // Reports 1 and 2 of METI-0001 are superseded by its later ones.
    await check('POST /reports/{id}/review', '/reports/1/review', 409, {
      ...as(ADMIN),
      ifMatch: '"report-1-submitted"',
      body: { decision: 'accept' },
    });

    await check('POST /rounds/{code}/close', '/rounds/doc-round/close', 403, as(METI_LEAD));
    await check('POST /rounds/{code}/close', '/rounds/no-such-round/close', 404, as(ADMIN));
    await check('POST /rounds/{code}/close', '/rounds/doc-round/close', 200, as(ADMIN));
    await check('POST /rounds/{code}/close', '/rounds/doc-round/close', 409, as(ADMIN));
  });

  it('the coverage matrices (meeting pack §4)', async () => {
    for (const [rows, cols] of [
      ['field', 'instrument'],
      ['field', 'pillar'],
      ['field', 'ministry'],
      ['ministry', 'ministry'],
    ]) {
      await check('GET /stats/matrix', `/stats/matrix?rows=${rows}&cols=${cols}&asOf=2026-10-01`, 200);
    }
    await check('GET /stats/matrix', '/stats/matrix?rows=ministry&cols=ministry&ministry=meti&partner=mext&basis=verified', 200);
    await check('GET /stats/matrix', '/stats/matrix?rows=ministry&cols=pillar', 400);
    await check('GET /stats/matrix', '/stats/matrix?rows=field', 400);
  });

  it('editions: freezing and the frozen views', async () => {
    const body = { code: 'doc-edition', meeting: 'doc-editions-meeting', filters: { field: 'ai-semiconductors' } };
    await check('POST /editions', '/editions', 401, { body });
    await check('POST /editions', '/editions', 403, { ...as(METI_LEAD), body });
    await check('POST /editions', '/editions', 400, { ...as(SECRETARIAT), body: { ...body, meeting: 'nope' } });
    await check('POST /editions', '/editions', 201, { ...as(SECRETARIAT), body });
    await check('POST /editions', '/editions', 409, { ...as(SECRETARIAT), body });
    await check('GET /editions', '/editions', 200);
    await check('GET /editions', '/editions?page=1', 400);
    await check('GET /editions/{code}', '/editions/doc-edition', 200);
    await check('GET /editions/{code}', '/editions/no-such-edition', 404);
    await check('GET /editions/{code}', '/editions/Not%20A%20Code', 400);
    for (const view of ['summary', 'by-field', 'by-ministry', 'heatmap', 'burnup', 'kpi', 'measures']) {
      const operation = `GET /editions/{code}/${view}`;
      await check(operation, `/editions/doc-edition/${view}`, 200);
      await check(operation, `/editions/no-such-edition/${view}`, 404);
      await check(operation, `/editions/doc-edition/${view}?asOf=2026-11-01`, 400);
    }
    await check('GET /editions/{code}/kpi', '/editions/doc-edition/kpi?by=ministry', 200);
    await check('GET /editions/{code}/measures', '/editions/doc-edition/measures?page=2&pageSize=1', 200);
  });

  it('exercised every documented operation the app serves', () => {
    const documented = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.filter((operation) => !exercised.has(operation))).toEqual([]);
  });
});
