import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import {
  DEFAULT_LOGIN_THROTTLE,
  LOCK_AFTER_ACCOUNT_FAILURES,
  LOCK_AFTER_IP_FAILURES,
  SLOW_AFTER_FAILURES,
  THROTTLE_WINDOW_MINUTES,
} from '../../server/auth/login-throttle';
import type { AuthConfig } from '../../server/config';
import { hashToken } from '../../server/repositories/auth-repository';
import { meResponse } from '../../server/schemas/auth';
import type { SessionUserDto } from '../../server/schemas/auth';
import { errorResponse } from '../../server/schemas/responses';
import { revokeSessionsResponse, userListResponse } from '../../server/schemas/users';
import { TEST_PASSWORD, createTestUser, send, signIn } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Sign-in, sessions and the admin's session revocation (docs/product.md §4), against a real app and database.
// The clock is a variable the tests advance: expiry is tested without waiting, and each test starts a
// day after the last, so that failed sign-ins of one test have left the throttling window of the next.

type App = ReturnType<typeof createApp>;

const ADMIN = 'admin@example.go.jp';
const LEAD = 'lead.meti@example.go.jp';
const EXECUTIVE = 'exec@example.go.jp';
const ANALYST = 'analyst@example.go.jp';
const DISABLED = 'gone@example.go.jp';

const IDLE_MINUTES = 30;
const ABSOLUTE_HOURS = 2;
const MINUTE = 60_000;

/** Same thresholds as in production, but waits of a millisecond, so that reaching a lock is quick. */
const FAST_THROTTLE = { ...DEFAULT_LOGIN_THROTTLE, delayStepMs: 1, maxDelayMs: 5 };
const AUTH: AuthConfig = {
  requireLogin: false,
  session: { idleMinutes: IDLE_MINUTES, absoluteHours: ABSOLUTE_HOURS },
  throttle: FAST_THROTTLE,
};

function login(
  app: App,
  email: string,
  password: string,
  headers: Record<string, string> = {},
  url = '/api/v1/auth/login',
): Promise<Response> {
  return Promise.resolve(
    app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    }),
  );
}

async function me(app: App, cookie?: string): Promise<SessionUserDto | null> {
  const res = await app.request('/api/v1/auth/me', { headers: cookie ? { cookie } : {} });
  expect(res.status).toBe(200);
  return meResponse.parse(await res.json()).user;
}

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return errorResponse.parse(await res.json()).error;
}

describe.each(TEST_DIALECTS)('sign-in and sessions on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2026-11-26T03:00:00.000Z');
  const ids = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock, auth: AUTH });
    ids.set(ADMIN, await createTestUser(t.database.db, { email: ADMIN, role: 'admin' }));
    ids.set(
      LEAD,
      await createTestUser(t.database.db, { email: LEAD, role: 'ministry_lead', ministry: 'meti', displayName: '経産省 担当' }),
    );
    ids.set(EXECUTIVE, await createTestUser(t.database.db, { email: EXECUTIVE, role: 'executive' }));
    ids.set(ANALYST, await createTestUser(t.database.db, { email: ANALYST, role: 'analyst' }));
    ids.set(DISABLED, await createTestUser(t.database.db, { email: DISABLED, role: 'analyst' }));
    await t.database.db
      .updateTable('users')
      .set({ disabled_at: '2026-01-02T00:00:00.000Z' })
      .where('email', '=', DISABLED)
      .execute();
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(() => {
    clock = new Date(clock.getTime() + 24 * 60 * MINUTE);
  });

  const advance = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * MINUTE);
  };

  describe('POST /auth/login', () => {
    it('answers the user and sets an HttpOnly, SameSite=Lax session cookie for the whole site', async () => {
      const res = await login(t.app, LEAD, TEST_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(meResponse.parse(await res.json()).user).toEqual({
        id: ids.get(LEAD),
        email: LEAD,
        displayName: '経産省 担当',
        role: 'ministry_lead',
        ministry: 'meti',
      });
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^mt_session=[A-Za-z0-9_-]{43};/);
      const attributes = cookie.split(';').map((a) => a.trim());
      expect(attributes).toContain('HttpOnly');
      expect(attributes).toContain('SameSite=Lax');
      expect(attributes).toContain('Path=/');
      expect(attributes).toContain(`Max-Age=${ABSOLUTE_HOURS * 3600}`);
      // Plain HTTP (localhost, tests): a Secure cookie would never come back.
      expect(attributes).not.toContain('Secure');
    });

    it('stores only the SHA-256 of the token: the sessions table cannot be replayed', async () => {
      const cookie = await signIn(t.app, LEAD);
      const token = cookie.slice('mt_session='.length);
      const rows = await t.database.db.selectFrom('sessions').select('token_hash').execute();
      expect(rows.map((r) => r.token_hash)).toContain(hashToken(token));
      expect(rows.map((r) => r.token_hash)).not.toContain(token);
    });

    it.each([
      ['X-Forwarded-Proto: https', { 'x-forwarded-proto': 'https' }, '/api/v1/auth/login'],
      ['an https URL', {}, 'https://tracker.example.go.jp/api/v1/auth/login'],
    ])('marks the cookie Secure behind HTTPS (%s)', async (_how, headers, url) => {
      const res = await login(t.app, LEAD, TEST_PASSWORD, headers, url);
      expect(res.status).toBe(200);
      expect((res.headers.get('set-cookie') ?? '').split(';').map((a) => a.trim())).toContain('Secure');
    });

    it('accepts the email in any case and with surrounding spaces', async () => {
      const res = await login(t.app, '  Lead.METI@Example.go.jp ', TEST_PASSWORD);
      expect(res.status).toBe(200);
    });

    it('answers a wrong password and an unknown account with the same 401, and sets no cookie', async () => {
      const wrong = await login(t.app, LEAD, 'not the password');
      const unknown = await login(t.app, 'nobody@example.go.jp', TEST_PASSWORD);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.headers.get('set-cookie')).toBeNull();
      expect(unknown.headers.get('set-cookie')).toBeNull();
      const [a, b] = [await wrong.json(), await unknown.json()];
      expect(a).toEqual(b);
      expect(errorResponse.parse(a).error.code).toBe('invalid_credentials');
    });

    it('refuses a disabled user, with the same 401 even for the right password', async () => {
      const res = await login(t.app, DISABLED, TEST_PASSWORD);
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('invalid_credentials');
    });

    it('ends the session of a user who is disabled while signed in', async () => {
      const email = 'soon-gone@example.go.jp';
      await createTestUser(t.database.db, { email, role: 'executive' });
      const cookie = await signIn(t.app, email);
      expect((await me(t.app, cookie))?.email).toBe(email);
      await t.database.db.updateTable('users').set({ disabled_at: clock.toISOString() }).where('email', '=', email).execute();
      expect(await me(t.app, cookie)).toBeNull();
    });

    it('drops the session a browser had when it signs in again', async () => {
      const first = await signIn(t.app, LEAD);
      const res = await login(t.app, LEAD, TEST_PASSWORD, { cookie: first });
      expect(res.status).toBe(200);
      expect(await me(t.app, first)).toBeNull();
      // Signing in over a dead cookie sets the new one, and only that.
      const again = await login(t.app, LEAD, TEST_PASSWORD, { cookie: first });
      expect(again.headers.getSetCookie()).toHaveLength(1);
      expect(again.headers.getSetCookie()[0]).toMatch(/^mt_session=[A-Za-z0-9_-]{43};/);
    });
  });

  describe('GET /auth/me and POST /auth/logout', () => {
    it('me answers the signed-in user, and null without a session or with a made-up token', async () => {
      const cookie = await signIn(t.app, ANALYST);
      expect(await me(t.app, cookie)).toMatchObject({ email: ANALYST, role: 'analyst', ministry: null });
      expect(await me(t.app)).toBeNull();
      expect(await me(t.app, 'mt_session=made-up-token')).toBeNull();
    });

    it('logout revokes the session server-side: the old cookie no longer works, and is cleared', async () => {
      const cookie = await signIn(t.app, EXECUTIVE);
      const res = await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } });
      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toMatch(/^mt_session=;.*Max-Age=0/);
      // A copy of the cookie kept elsewhere (a stolen one) is dead too: the row is revoked, not just the browser's cookie.
      expect(await me(t.app, cookie)).toBeNull();
      const row = await t.database.db
        .selectFrom('sessions')
        .select('revoked_at')
        .where('token_hash', '=', hashToken(cookie.slice('mt_session='.length)))
        .executeTakeFirstOrThrow();
      expect(row.revoked_at).toBe(clock.toISOString());
    });

    it('tells the browser to drop a cookie whose session has ended', async () => {
      const cookie = await signIn(t.app, EXECUTIVE);
      await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } });
      const res = await t.app.request('/api/v1/meta', { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/^mt_session=;.*Max-Age=0/);
    });

    it('logout without a session is a harmless 204', async () => {
      const res = await t.app.request('/api/v1/auth/logout', { method: 'POST' });
      expect(res.status).toBe(204);
    });
  });

  describe('expiry', () => {
    it(`ends a session left idle for more than ${IDLE_MINUTES} minutes; use keeps it alive`, async () => {
      const cookie = await signIn(t.app, LEAD);
      advance(IDLE_MINUTES - 1);
      expect(await me(t.app, cookie)).not.toBeNull();
      advance(IDLE_MINUTES - 1);
      expect(await me(t.app, cookie)).not.toBeNull();
      advance(IDLE_MINUTES + 1);
      expect(await me(t.app, cookie)).toBeNull();
      // Still within the absolute lifetime, and still dead.
      advance(1);
      expect(await me(t.app, cookie)).toBeNull();
    });

    it(`ends a session ${ABSOLUTE_HOURS} hours after sign-in however busy it is`, async () => {
      const cookie = await signIn(t.app, LEAD);
      for (let minutes = 20; minutes < ABSOLUTE_HOURS * 60; minutes += 20) {
        advance(20);
        expect(await me(t.app, cookie), `${minutes} minutes in`).not.toBeNull();
      }
      advance(19);
      expect(await me(t.app, cookie), 'one minute before the end').not.toBeNull();
      advance(1);
      expect(await me(t.app, cookie), 'at the end').toBeNull();
    });
  });

  describe('several server processes', () => {
    it('share sessions through the database: signed in on one, known and signed out on the other', async () => {
      const other = createApp({ db: t.database.db, dialect: t.database.dialect, now: () => clock, auth: AUTH });
      const cookie = await signIn(t.app, ANALYST);
      expect((await me(other, cookie))?.email).toBe(ANALYST);
      const out = await other.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } });
      expect(out.status).toBe(204);
      expect(await me(t.app, cookie)).toBeNull();
    });
  });

  describe('throttling failed sign-ins', () => {
    it(`slows down answers after ${SLOW_AFTER_FAILURES} failures on an account`, async () => {
      // The production waits (250 ms more per failure): a separate process over the same database.
      const slow = createApp({
        db: t.database.db,
        dialect: t.database.dialect,
        now: () => clock,
        auth: { ...AUTH, throttle: undefined },
      });
      const email = 'slow@example.go.jp';
      await createTestUser(t.database.db, { email, role: 'analyst' });
      const timed = async () => {
        const started = performance.now();
        const res = await login(slow, email, 'wrong password');
        expect(res.status).toBe(401);
        return performance.now() - started;
      };
      for (let i = 0; i < SLOW_AFTER_FAILURES; i++) await timed();
      // Waits are lower bounds whatever the machine's load: 250 ms after 3 failures, 500 ms after 4.
      const step = DEFAULT_LOGIN_THROTTLE.delayStepMs;
      expect(await timed()).toBeGreaterThanOrEqual(step * 0.9);
      expect(await timed()).toBeGreaterThanOrEqual(2 * step * 0.9);
    });

    it(`refuses an account with 429 and Retry-After after ${LOCK_AFTER_ACCOUNT_FAILURES} failures, even with the right password`, async () => {
      const email = 'locked@example.go.jp';
      await createTestUser(t.database.db, { email, role: 'analyst' });
      for (let i = 0; i < LOCK_AFTER_ACCOUNT_FAILURES; i++) {
        expect((await login(t.app, email, `guess ${i}`)).status).toBe(401);
      }
      const refused = await login(t.app, email, TEST_PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe(String(THROTTLE_WINDOW_MINUTES * 60));
      expect((await errorOf(refused)).code).toBe('too_many_attempts');
      expect(refused.headers.get('set-cookie')).toBeNull();
      // Per account: another account from the same address still signs in.
      expect((await login(t.app, ANALYST, TEST_PASSWORD)).status).toBe(200);
      // Retrying while locked does not extend the lock: it lifts when the failures leave the window.
      advance(THROTTLE_WINDOW_MINUTES - 1);
      expect((await login(t.app, email, TEST_PASSWORD)).status).toBe(429);
      advance(2);
      expect((await login(t.app, email, TEST_PASSWORD)).status).toBe(200);
    });

    it('starts counting an account afresh after a successful sign-in', async () => {
      const email = 'typo-prone@example.go.jp';
      await createTestUser(t.database.db, { email, role: 'analyst' });
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < LOCK_AFTER_ACCOUNT_FAILURES - 1; i++) expect((await login(t.app, email, 'typo')).status).toBe(401);
        expect((await login(t.app, email, TEST_PASSWORD)).status).toBe(200);
      }
    });

    it('lets no more than the limit of a burst of parallel guesses reach the password check', async () => {
      const email = 'burst@example.go.jp';
      await createTestUser(t.database.db, { email, role: 'analyst' });
      const statuses = await Promise.all(
        Array.from({ length: 25 }, (_, i) => login(t.app, email, `guess ${i}`).then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOCK_AFTER_ACCOUNT_FAILURES);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    });

    it(`refuses an address with 429 after ${LOCK_AFTER_IP_FAILURES} failures across many accounts`, async () => {
      const emails = Array.from({ length: LOCK_AFTER_IP_FAILURES + 1 }, (_, i) => `spray${i}@example.go.jp`);
      for (const email of emails) await createTestUser(t.database.db, { email, role: 'analyst' });
      // One wrong guess per account: no account comes near its own limit.
      for (const email of emails.slice(0, LOCK_AFTER_IP_FAILURES)) {
        expect((await login(t.app, email, 'Summer2026!')).status).toBe(401);
      }
      const last = emails[LOCK_AFTER_IP_FAILURES] ?? '';
      const refused = await login(t.app, last, TEST_PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe(String(THROTTLE_WINDOW_MINUTES * 60));
      // Every account is refused from that address ('unknown': requests without a socket, as in tests)…
      expect((await login(t.app, ADMIN, TEST_PASSWORD)).status).toBe(429);
      // …but not from another one, behind a proxy the operator trusts.
      const proxied = createApp({
        db: t.database.db,
        dialect: t.database.dialect,
        now: () => clock,
        auth: { ...AUTH, trustProxy: true },
      });
      expect((await login(proxied, last, TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' })).status).toBe(200);
    });

    it('does not trust X-Forwarded-For unless told to: a forged header does not escape the address lock', async () => {
      for (let i = 0; i < LOCK_AFTER_IP_FAILURES; i++) {
        const email = `forger${i}@example.go.jp`;
        await createTestUser(t.database.db, { email, role: 'analyst' });
        expect((await login(t.app, email, 'guess', { 'x-forwarded-for': `192.0.2.${i}` })).status).toBe(401);
      }
      expect((await login(t.app, ADMIN, TEST_PASSWORD, { 'x-forwarded-for': '192.0.2.200' })).status).toBe(429);
    });
  });

  describe('admin user management', () => {
    it('lists users with role, ministry and live session count, for admins only', async () => {
      const admin = await signIn(t.app, ADMIN);
      await signIn(t.app, LEAD);
      await signIn(t.app, LEAD);
      const res = await send(t.app, 'GET', '/api/v1/users', { cookie: admin });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const list = userListResponse.parse(res.body);
      const lead = list.items.find((u) => u.email === LEAD);
      expect(lead).toMatchObject({
        id: ids.get(LEAD),
        role: 'ministry_lead',
        ministry: 'meti',
        displayName: '経産省 担当',
        disabled: false,
      });
      expect(lead?.activeSessions).toBe(2);
      expect(list.items.find((u) => u.email === DISABLED)?.disabled).toBe(true);
      // Never the password hashes.
      expect(JSON.stringify(res.body)).not.toContain('scrypt');

      expect((await send(t.app, 'GET', '/api/v1/users')).status).toBe(401);
      for (const email of [LEAD, EXECUTIVE, ANALYST]) {
        const denied = await send(t.app, 'GET', '/api/v1/users', { cookie: await signIn(t.app, email) });
        expect(denied.status, email).toBe(403);
      }
    });

    it('revokes every session of a user, answers how many, and audits it in the same transaction', async () => {
      const admin = await signIn(t.app, ADMIN);
      const leadCookies = [await signIn(t.app, LEAD), await signIn(t.app, LEAD)];
      const res = await send(t.app, 'DELETE', `/api/v1/users/${ids.get(LEAD)}/sessions`, {
        cookie: admin,
        headers: { 'x-request-id': 'revoke-1' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(revokeSessionsResponse.parse(res.body)).toEqual({ revoked: 2 });
      for (const cookie of leadCookies) expect(await me(t.app, cookie)).toBeNull();
      // The admin's own session is untouched.
      expect((await me(t.app, admin))?.email).toBe(ADMIN);

      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', 'revoke-1').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'user.revoke_sessions',
        entity_type: 'user',
        entity_code: LEAD,
        actor_email: ADMIN,
        actor_role: 'admin',
      });

      const again = await send(t.app, 'DELETE', `/api/v1/users/${ids.get(LEAD)}/sessions`, { cookie: admin });
      expect(revokeSessionsResponse.parse(again.body).revoked).toBe(0);
      // The user can sign in again afterwards.
      expect(await me(t.app, await signIn(t.app, LEAD))).not.toBeNull();
    });

    it('answers 401, 403, 404 and 400 as appropriate', async () => {
      const admin = await signIn(t.app, ADMIN);
      const path = `/api/v1/users/${ids.get(ANALYST)}/sessions`;
      expect((await send(t.app, 'DELETE', path)).status).toBe(401);
      expect((await send(t.app, 'DELETE', path, { cookie: await signIn(t.app, LEAD) })).status).toBe(403);
      expect((await send(t.app, 'DELETE', path, { cookie: await signIn(t.app, ANALYST) })).status).toBe(403);
      expect((await send(t.app, 'DELETE', '/api/v1/users/999999/sessions', { cookie: admin })).status).toBe(404);
      for (const bad of ['abc', '0', '-1', '1.5', '1e3']) {
        const res = await send(t.app, 'DELETE', `/api/v1/users/${bad}/sessions`, { cookie: admin });
        expect(res.status, bad).toBe(400);
        expect(errorResponse.parse(res.body).error.issues?.map((i) => i.path.join('.'))).toEqual(['id']);
      }
      const unknownParameter = await send(t.app, 'GET', '/api/v1/users?role=admin', { cookie: admin });
      expect(unknownParameter.status).toBe(400);
      expect(errorResponse.parse(unknownParameter.body).error.issues?.map((i) => i.path.join('.'))).toEqual(['role']);
      // A cross-site page cannot make an admin's browser revoke sessions.
      const forged = await send(t.app, 'DELETE', path, { cookie: admin, headers: { origin: 'https://evil.example' } });
      expect(forged.status).toBe(403);
    });
  });

  describe('REQUIRE_LOGIN=true', () => {
    let clientDir: string;
    let locked: App;

    beforeAll(() => {
      clientDir = mkdtempSync(join(tmpdir(), 'measure-tracker-client-'));
      writeFileSync(
        join(clientDir, 'index.html'),
        '<!doctype html><title>Measure Tracker</title><script type="module" src="/assets/app.js"></script>',
      );
      mkdirSync(join(clientDir, 'assets'));
      writeFileSync(join(clientDir, 'assets', 'app.js'), 'export {};');
      locked = createApp({
        db: t.database.db,
        dialect: t.database.dialect,
        now: () => clock,
        clientDir,
        auth: { ...AUTH, requireLogin: true },
      });
    });
    afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

    it('answers API calls without a session with 401, except health, sign-in and me', async () => {
      for (const path of ['/api/v1/meta', '/api/v1/measures', '/api/v1/stats/summary', '/api/v1/users']) {
        const res = await locked.request(path);
        expect(res.status, path).toBe(401);
        expect((await errorOf(res)).code).toBe('unauthenticated');
      }
      expect((await locked.request('/api/v1/health')).status).toBe(200);
      expect(await me(locked)).toBeNull();
    });

    it.each([
      ['/', '/login?next=%2F'],
      ['/measures?field=quantum', '/login?next=%2Fmeasures%3Ffield%3Dquantum'],
      ['/measures/METI-0001', '/login?next=%2Fmeasures%2FMETI-0001'],
    ])('redirects the page %s to the sign-in page, keeping where to return', async (path, location) => {
      const res = await locked.request(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(location);
    });

    it('serves the sign-in page and the client files without a session', async () => {
      const page = await locked.request('/login');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Measure Tracker');
      expect((await locked.request('/assets/app.js')).status).toBe(200);
    });

    it('serves every page and API call once signed in', async () => {
      const cookie = await signIn(locked, EXECUTIVE);
      for (const path of ['/', '/measures?field=quantum', '/api/v1/meta']) {
        const res = await locked.request(path, { headers: { cookie } });
        expect(res.status, path).toBe(200);
      }
      expect((await me(locked, cookie))?.email).toBe(EXECUTIVE);
    });

    it('stops serving once signed out', async () => {
      const cookie = await signIn(locked, EXECUTIVE);
      await locked.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } });
      expect((await locked.request('/api/v1/meta', { headers: { cookie } })).status).toBe(401);
      expect((await locked.request('/', { headers: { cookie } })).status).toBe(302);
    });
  });
});
