import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundDetailResponse, reportQueueItem } from '../../server/schemas/follow-up';
import { errorResponse } from '../../server/schemas/responses';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { fileReport, openRound, reportEtag } from '../support/follow-up';
import { send, signedInUsers } from '../support/sessions';
import type { SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Authorisation of the follow-up round's actions (docs/product.md §4 "The follow-up round", §7), in
// the style of authorization.test.ts: every role × every action. Opening and closing rounds and
// reviewing reports are the centre's (secretariat and administrators): 401 without a session, 403
// for every other role, a ministry lead included (they report; they do not judge their own reports).

type Actor = 'anonymous' | 'admin' | 'secretariat' | 'meti lead' | 'executive' | 'analyst';
type Action = 'round open' | 'round close' | 'report review';

const USERS: Record<
  Exclude<Actor, 'anonymous'>,
  { email: string; role: 'admin' | 'secretariat' | 'ministry_lead' | 'executive' | 'analyst'; ministry?: string }
> = {
  admin: { email: 'admin@example.go.jp', role: 'admin' },
  secretariat: { email: 'secretariat@example.go.jp', role: 'secretariat' },
  'meti lead': { email: 'meti@example.go.jp', role: 'ministry_lead', ministry: 'meti' },
  executive: { email: 'exec@example.go.jp', role: 'executive' },
  analyst: { email: 'analyst@example.go.jp', role: 'analyst' },
};

const ACTIONS: readonly Action[] = ['round open', 'round close', 'report review'];

const EXPECTED: Record<Actor, Record<Action, number>> = {
  anonymous: { 'round open': 401, 'round close': 401, 'report review': 401 },
  admin: { 'round open': 201, 'round close': 200, 'report review': 200 },
  secretariat: { 'round open': 201, 'round close': 200, 'report review': 200 },
  'meti lead': { 'round open': 403, 'round close': 403, 'report review': 403 },
  executive: { 'round open': 403, 'round close': 403, 'report review': 403 },
  analyst: { 'round open': 403, 'round close': 403, 'report review': 403 },
};

const CASES: [Actor, Action, number][] = (Object.keys(EXPECTED) as Actor[]).flatMap((actor) =>
  ACTIONS.map((action): [Actor, Action, number] => [actor, action, EXPECTED[actor][action]]),
);

describe.each(TEST_DIALECTS)('authorisation of the follow-up round on %s', (dialect) => {
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

  const auditCount = async () => (await t.database.db.selectFrom('audit_log').select('id').execute()).length;

  /** A valid request on a fresh round or report: only the caller's rights can make it fail. */
  async function perform(
    actor: Actor,
    action: Action,
  ): Promise<{ res: SendResult; auditBefore: number; check: () => Promise<boolean> }> {
    counter += 1;
    const cookie = cookieOf(actor);
    const admin = cookies.get(USERS.admin.email);
    switch (action) {
      case 'round open': {
        const code = `open-${counter}`;
        const auditBefore = await auditCount();
        const res = await openRound(t.app, cookie, { code, opensAt: '2027-01-05', dueAt: '2027-01-29' });
        return { res, auditBefore, check: async () => (await t.get(`/api/v1/rounds/${code}`)).status === 200 };
      }
      case 'round close': {
        const code = `close-${counter}`;
        expect((await openRound(t.app, admin, { code, opensAt: '2027-01-05', dueAt: '2027-01-29' })).status).toBe(201);
        const auditBefore = await auditCount();
        const res = await send(t.app, 'POST', `/api/v1/rounds/${code}/close`, { cookie });
        return {
          res,
          auditBefore,
          check: async () => roundDetailResponse.parse((await t.get(`/api/v1/rounds/${code}`)).body).state === 'closed',
        };
      }
      case 'report review': {
        const id = await fileReport(t.app, admin, 'METI-0001', `for ${actor}`);
        const ifMatch = await reportEtag(t.app, id);
        const auditBefore = await auditCount();
        const res = await send(t.app, 'POST', `/api/v1/reports/${id}/review`, {
          cookie,
          ifMatch,
          body: { decision: 'return', comment: `${actor} ${counter}` },
        });
        return {
          res,
          auditBefore,
          check: async () =>
            reportQueueItem.parse((await t.get(`/api/v1/reports/${id}`)).body).report.review.state === 'returned',
        };
      }
    }
  }

  it.each(CASES)('%s → %s: %i', async (actor, action, expected) => {
    const res = await perform(actor, action);
    expect(res.res.status, JSON.stringify(res.res.body)).toBe(expected);
    if (expected >= 400) {
      expect(errorResponse.parse(res.res.body).error.code).toBe(expected === 401 ? 'unauthenticated' : 'forbidden');
      // A refused request changes nothing and leaves no audit row.
      expect(await res.check()).toBe(false);
      expect(await auditCount()).toBe(res.auditBefore);
    } else {
      expect(await res.check()).toBe(true);
      expect(await auditCount()).toBe(res.auditBefore + 1);
    }
  });

  it('refuses before it validates: a bad body from someone without the right is 401/403, not 400', async () => {
    for (const [actor, status] of [
      ['anonymous', 401],
      ['meti lead', 403],
      ['analyst', 403],
    ] as const) {
      const cookie = cookieOf(actor);
      expect((await send(t.app, 'POST', '/api/v1/rounds', { cookie, body: { code: 'BAD CODE' } })).status, actor).toBe(status);
      expect((await send(t.app, 'POST', '/api/v1/rounds/no-such/close', { cookie })).status, actor).toBe(status);
      expect(
        (await send(t.app, 'POST', '/api/v1/reports/999999/review', { cookie, body: { decision: 'x' } })).status,
        actor,
      ).toBe(status);
    }
  });

  it('lets everyone read rounds and the queue (public reading, like the measures)', async () => {
    for (const path of ['/api/v1/rounds', '/api/v1/reports', '/api/v1/reports/1']) {
      expect((await t.get(path)).status, path).toBe(200);
    }
  });
});
