import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse, measureDetailResponse } from '../../server/schemas/responses';
import type { MeasureDetailResponse } from '../../server/schemas/responses';
import { auditListResponse } from '../../server/schemas/writes';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { currentEtag, send, signedInUsers } from '../support/sessions';
import type { SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Authorisation on the server (docs/product.md §7), every role × every action: 401 without a
// session, 403 for a read-only role or another ministry's measure, success otherwise. The measure
// is METI-0001 (lead meti, co-owner mext): a co-owning ministry's lead may read but not report.

type Actor = 'anonymous' | 'executive' | 'analyst' | 'meti lead (own)' | 'mext lead (co-owner)' | 'mod lead (other)' | 'admin';
type Action = 'report' | 'patch' | 'milestone create' | 'milestone reschedule' | 'audit read';

const USERS: Record<
  Exclude<Actor, 'anonymous'>,
  { email: string; role: 'admin' | 'ministry_lead' | 'executive' | 'analyst'; ministry?: string }
> = {
  executive: { email: 'exec@example.go.jp', role: 'executive' },
  analyst: { email: 'analyst@example.go.jp', role: 'analyst' },
  'meti lead (own)': { email: 'meti@example.go.jp', role: 'ministry_lead', ministry: 'meti' },
  'mext lead (co-owner)': { email: 'mext@example.go.jp', role: 'ministry_lead', ministry: 'mext' },
  'mod lead (other)': { email: 'mod@example.go.jp', role: 'ministry_lead', ministry: 'mod' },
  admin: { email: 'admin@example.go.jp', role: 'admin' },
};

const ACTIONS: readonly Action[] = ['report', 'patch', 'milestone create', 'milestone reschedule', 'audit read'];

/** Expected status of each action for each actor. */
const EXPECTED: Record<Actor, Record<Action, number>> = {
  anonymous: { report: 401, patch: 401, 'milestone create': 401, 'milestone reschedule': 401, 'audit read': 401 },
  executive: { report: 403, patch: 403, 'milestone create': 403, 'milestone reschedule': 403, 'audit read': 403 },
  analyst: { report: 403, patch: 403, 'milestone create': 403, 'milestone reschedule': 403, 'audit read': 403 },
  'meti lead (own)': { report: 201, patch: 200, 'milestone create': 201, 'milestone reschedule': 200, 'audit read': 403 },
  'mext lead (co-owner)': { report: 403, patch: 403, 'milestone create': 403, 'milestone reschedule': 403, 'audit read': 403 },
  'mod lead (other)': { report: 403, patch: 403, 'milestone create': 403, 'milestone reschedule': 403, 'audit read': 403 },
  admin: { report: 201, patch: 200, 'milestone create': 201, 'milestone reschedule': 200, 'audit read': 200 },
};

const CASES: [Actor, Action, number][] = (Object.keys(EXPECTED) as Actor[]).flatMap((actor) =>
  ACTIONS.map((action): [Actor, Action, number] => [actor, action, EXPECTED[actor][action]]),
);

const CODE = 'METI-0001';

describe.each(TEST_DIALECTS)('authorisation on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, Object.values(USERS));
  });
  afterAll(async () => {
    await t?.drop();
  });

  function cookieOf(actor: Actor): string | null {
    return actor === 'anonymous' ? null : (cookies.get(USERS[actor].email) ?? null);
  }

  async function detail(): Promise<MeasureDetailResponse> {
    return getOk(t, `/api/v1/measures/${CODE}`, measureDetailResponse);
  }

  async function perform(actor: Actor, action: Action): Promise<SendResult> {
    const cookie = cookieOf(actor);
    counter += 1;
    if (action === 'audit read') return send(t.app, 'GET', '/api/v1/audit', { cookie });
    // A valid request based on the current version: only the caller's rights can make it fail.
    const ifMatch = await currentEtag(t.app, CODE);
    switch (action) {
      case 'report':
        return send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
          cookie,
          ifMatch,
          body: { status: 'in_progress', health: 'on_track', note: `${actor} ${counter}` },
        });
      case 'patch':
        return send(t.app, 'PATCH', `/api/v1/measures/${CODE}`, { cookie, ifMatch, body: { ownerName: `${actor} ${counter}` } });
      case 'milestone create':
        return send(t.app, 'POST', `/api/v1/measures/${CODE}/milestones`, {
          cookie,
          ifMatch,
          body: { titleJa: `節目 ${counter}`, titleEn: `Step ${counter}`, dueDate: '2027-08-31' },
        });
      case 'milestone reschedule': {
        const open = (await detail()).milestoneList.find((m) => m.completedDate === null);
        if (!open) throw new Error('fixture: METI-0001 has open milestones');
        const day = String((counter % 28) + 1).padStart(2, '0');
        return send(t.app, 'PATCH', `/api/v1/measures/${CODE}/milestones/${open.id}`, {
          cookie,
          ifMatch,
          body: { dueDate: `2027-04-${day}` },
        });
      }
    }
  }

  it.each(CASES)('%s → %s: %i', async (actor, action, expected) => {
    const before = await detail();
    const auditRows = await t.database.db.selectFrom('audit_log').select('id').execute();
    const res = await perform(actor, action);
    expect(res.status, JSON.stringify(res.body)).toBe(expected);
    const after = await detail();
    if (expected >= 400) {
      const body = errorResponse.parse(res.body);
      expect(body.error.code).toBe(expected === 401 ? 'unauthenticated' : 'forbidden');
      // A refused request changes nothing and leaves no audit row.
      expect(after).toEqual(before);
      expect(await t.database.db.selectFrom('audit_log').select('id').execute()).toHaveLength(auditRows.length);
    } else if (action === 'audit read') {
      auditListResponse.parse(res.body);
    } else {
      expect(after.version).toBe(before.version + 1);
      expect(res.headers.get('etag')).toBe(`"v${after.version}"`);
    }
  });

  it('refuses before it validates: a bad body from someone without the right is 401/403, not 400', async () => {
    for (const [actor, status] of [
      ['anonymous', 401],
      ['analyst', 403],
      ['mod lead (other)', 403],
    ] as const) {
      const res = await send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
        cookie: cookieOf(actor),
        body: { status: 'nonsense', version: 1 },
      });
      expect(res.status, actor).toBe(status);
    }
    // Nor does an unknown measure tell a read-only role anything beyond its role's refusal.
    const unknown = await send(t.app, 'POST', '/api/v1/measures/METI-9999/reports', { cookie: cookieOf('executive'), body: {} });
    expect(unknown.status).toBe(403);
  });

  it('treats an unknown, revoked or tampered session cookie as no session', async () => {
    const ifMatch = await currentEtag(t.app, CODE);
    for (const cookie of ['mt_session=not-a-token', `${cookieOf('admin')}x`]) {
      const res = await send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
        cookie,
        ifMatch,
        body: { status: 'in_progress', health: 'on_track' },
      });
      expect(res.status).toBe(401);
      expect((await send(t.app, 'GET', '/api/v1/audit', { cookie })).status).toBe(401);
    }
    const logout = await send(t.app, 'POST', '/api/v1/auth/logout', { cookie: cookieOf('executive') });
    expect(logout.status).toBe(204);
    expect((await send(t.app, 'GET', '/api/v1/audit', { cookie: cookieOf('executive') })).status).toBe(401);
  });

  it('refuses a write from a foreign origin even with a valid session', async () => {
    const res = await send(t.app, 'POST', `/api/v1/measures/${CODE}/reports`, {
      cookie: cookieOf('admin'),
      ifMatch: await currentEtag(t.app, CODE),
      body: { status: 'in_progress', health: 'on_track' },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it('leaves reading public', async () => {
    expect((await t.get(`/api/v1/measures/${CODE}`)).status).toBe(200);
  });
});
