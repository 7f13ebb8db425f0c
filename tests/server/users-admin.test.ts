import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_THROTTLE, LOCK_AFTER_ACCOUNT_FAILURES } from '../../server/auth/login-throttle';
import type { AuthConfig } from '../../server/config';
import { meResponse } from '../../server/schemas/auth';
import { errorResponse } from '../../server/schemas/responses';
import { createUserResponse, userListItem, userListResponse } from '../../server/schemas/users';
import { createTestUser, send, signIn } from '../support/sessions';
import type { SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Users in the browser and one's own password (issue 13 items 4, 5; docs/decisions/025-users-in-the-browser.md):
// POST /users with a one-time password, PATCH /users/:id, the forced password change and
// POST /auth/password, against a real migrated database on each dialect. The clock moves a day before
// each test, so that one test's failed attempts have left the throttle's window by the next.

const ADMIN = 'admin@example.go.jp';
const LEAD = 'lead.meti@example.go.jp';
const SECRETARIAT = 'sec@example.go.jp';
const EXECUTIVE = 'exec@example.go.jp';
const NEW_PASSWORD = 'a brand new passphrase';

const AUTH: AuthConfig = {
  requireLogin: false,
  session: { idleMinutes: 120, absoluteHours: 12 },
  throttle: { ...DEFAULT_LOGIN_THROTTLE, delayStepMs: 1, maxDelayMs: 5 },
  // The tests exercise the rules, not the hash's cost.
  passwordHashing: { N: 1024, r: 8, p: 1 },
};

const MINUTE = 60_000;

function errorCode(res: SendResult): string {
  return errorResponse.parse(res.body).error.code;
}

function issuePaths(res: SendResult): string[] {
  return (errorResponse.parse(res.body).error.issues ?? []).map((i) => i.path.join('.'));
}

describe.each(TEST_DIALECTS)('users in the browser on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2026-12-03T00:00:00.000Z');
  const ids = new Map<string, number>();
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock, auth: AUTH });
    ids.set(ADMIN, await createTestUser(t.database.db, { email: ADMIN, role: 'admin' }));
    ids.set(LEAD, await createTestUser(t.database.db, { email: LEAD, role: 'ministry_lead', ministry: 'meti' }));
    ids.set(SECRETARIAT, await createTestUser(t.database.db, { email: SECRETARIAT, role: 'secretariat' }));
    ids.set(EXECUTIVE, await createTestUser(t.database.db, { email: EXECUTIVE, role: 'executive' }));
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(() => {
    clock = new Date(clock.getTime() + 24 * 60 * MINUTE);
  });

  const nextEmail = () => `new${++serial}@example.go.jp`;

  async function create(cookie: string, body: Record<string, unknown>, requestId?: string) {
    return send(t.app, 'POST', '/api/v1/users', {
      cookie,
      body,
      headers: requestId ? { 'x-request-id': requestId } : {},
    });
  }

  async function auditOf(requestId: string) {
    return t.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', requestId).execute();
  }

  async function me(cookie: string) {
    const res = await send(t.app, 'GET', '/api/v1/auth/me', { cookie });
    expect(res.status).toBe(200);
    return meResponse.parse(res.body);
  }

  describe('who may', () => {
    it('POST /users, GET and PATCH /users/:id: 401 anonymous, 403 lead, secretariat and executive, admin allowed', async () => {
      const target = ids.get(EXECUTIVE);
      const calls = [
        { method: 'POST', path: '/api/v1/users', body: { email: nextEmail(), displayName: 'X', role: 'analyst' }, ok: 201 },
        { method: 'GET', path: `/api/v1/users/${target}`, body: undefined, ok: 200 },
        { method: 'PATCH', path: `/api/v1/users/${target}`, body: { displayName: 'Exec' }, ok: 200 },
      ];
      const cookies = new Map<string, string>();
      for (const email of [ADMIN, LEAD, SECRETARIAT, EXECUTIVE]) cookies.set(email, await signIn(t.app, email));
      for (const call of calls) {
        const anonymous = await send(t.app, call.method, call.path, { body: call.body });
        expect(anonymous.status, `${call.method} anonymous`).toBe(401);
        for (const email of [LEAD, SECRETARIAT, EXECUTIVE]) {
          const denied = await send(t.app, call.method, call.path, { cookie: cookies.get(email), body: call.body });
          expect(denied.status, `${call.method} ${email}`).toBe(403);
          expect(errorCode(denied)).toBe('forbidden');
        }
        const allowed = await send(t.app, call.method, call.path, { cookie: cookies.get(ADMIN), body: call.body });
        expect(allowed.status, `${call.method} admin ${JSON.stringify(allowed.body)}`).toBe(call.ok);
        expect(allowed.headers.get('cache-control')).toBe('no-store');
      }
      // Refused before the body is read: a non-admin learns nothing from validation messages.
      const junk = await send(t.app, 'POST', '/api/v1/users', { cookie: cookies.get(LEAD), body: { nonsense: true } });
      expect(junk.status).toBe(403);
    });
  });

  describe('POST /users', () => {
    it('creates a user with a one-time password shown once, Location, audit without the password', async () => {
      const admin = await signIn(t.app, ADMIN);
      const email = nextEmail();
      const res = await create(
        admin,
        { email: `  ${email.toUpperCase()} `, displayName: '新しい 担当', role: 'ministry_lead', ministry: 'meti' },
        'create-1',
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const created = createUserResponse.parse(res.body);
      expect(created.user).toMatchObject({
        email,
        displayName: '新しい 担当',
        role: 'ministry_lead',
        ministry: 'meti',
        disabled: false,
        mustChangePassword: true,
        lastSignInAt: null,
        activeSessions: 0,
      });
      expect(created.oneTimePassword).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
      expect(res.headers.get('location')).toBe(`/api/v1/users/${created.user.id}`);
      const shown = await send(t.app, 'GET', `/api/v1/users/${created.user.id}`, { cookie: admin });
      expect(userListItem.parse(shown.body)).toEqual(created.user);

      const row = await t.database.db.selectFrom('users').selectAll().where('id', '=', created.user.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain(created.oneTimePassword);
      expect(Number(row.must_change_password)).toBe(1);

      const audit = await auditOf('create-1');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'user.create', entity_type: 'user', entity_code: email, actor_email: ADMIN });
      expect(JSON.stringify(audit)).not.toContain(created.oneTimePassword);
      expect(JSON.stringify(audit)).not.toContain('scrypt');

      // Two one-time passwords are never the same.
      const other = createUserResponse.parse(
        (await create(admin, { email: nextEmail(), displayName: 'B', role: 'analyst' })).body,
      );
      expect(other.oneTimePassword).not.toBe(created.oneTimePassword);
    });

    it('refuses a taken email (any case) with 409 email_taken, and the rules of user:create with 400', async () => {
      const admin = await signIn(t.app, ADMIN);
      const taken = await create(admin, { email: LEAD.toUpperCase(), displayName: 'Dup', role: 'analyst' }, 'dup-1');
      expect(taken.status).toBe(409);
      expect(errorCode(taken)).toBe('email_taken');
      expect(await auditOf('dup-1')).toHaveLength(0);

      const cases: [string, Record<string, unknown>, string[]][] = [
        ['a lead without a ministry', { email: nextEmail(), displayName: 'L', role: 'ministry_lead' }, ['ministry']],
        [
          'a ministry for another role',
          { email: nextEmail(), displayName: 'A', role: 'analyst', ministry: 'meti' },
          ['ministry'],
        ],
        ['an unknown ministry', { email: nextEmail(), displayName: 'L', role: 'ministry_lead', ministry: 'nope' }, ['ministry']],
        ['an unknown role', { email: nextEmail(), displayName: 'R', role: 'root' }, ['role']],
        ['not an email', { email: 'not-an-email', displayName: 'E', role: 'analyst' }, ['email']],
        ['an empty name', { email: nextEmail(), displayName: '  ', role: 'analyst' }, ['displayName']],
        ['a password of our own', { email: nextEmail(), displayName: 'P', role: 'analyst', password: 'x' }, ['password']],
        ['nothing', {}, ['email', 'displayName', 'role']],
      ];
      for (const [label, body, paths] of cases) {
        const res = await create(admin, body);
        expect(res.status, label).toBe(400);
        expect(issuePaths(res).sort(), label).toEqual(paths.sort());
      }
    });
  });

  describe('PATCH /users/:id', () => {
    it('changes role and ministry, audited with before and after; a lead made analyst loses the ministry', async () => {
      const admin = await signIn(t.app, ADMIN);
      const { user } = createUserResponse.parse(
        (await create(admin, { email: nextEmail(), displayName: 'Lead', role: 'ministry_lead', ministry: 'meti' })).body,
      );
      const moved = await send(t.app, 'PATCH', `/api/v1/users/${user.id}`, {
        cookie: admin,
        body: { ministry: 'mext' },
        headers: { 'x-request-id': 'patch-1' },
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(userListItem.parse(moved.body)).toMatchObject({ role: 'ministry_lead', ministry: 'mext' });
      const [row] = await auditOf('patch-1');
      expect(row).toMatchObject({ action: 'user.update', entity_code: user.email, actor_email: ADMIN });
      expect(JSON.parse(row?.before_json ?? 'null')).toMatchObject({ role: 'ministry_lead', ministry: 'meti' });
      expect(JSON.parse(row?.after_json ?? 'null')).toMatchObject({ role: 'ministry_lead', ministry: 'mext' });

      const analyst = await send(t.app, 'PATCH', `/api/v1/users/${user.id}`, { cookie: admin, body: { role: 'analyst' } });
      expect(userListItem.parse(analyst.body)).toMatchObject({ role: 'analyst', ministry: null });
      const backToLead = await send(t.app, 'PATCH', `/api/v1/users/${user.id}`, {
        cookie: admin,
        body: { role: 'ministry_lead' },
      });
      expect(backToLead.status).toBe(400);
      expect(issuePaths(backToLead)).toEqual(['ministry']);
      const withMinistry = await send(t.app, 'PATCH', `/api/v1/users/${user.id}`, {
        cookie: admin,
        body: { role: 'ministry_lead', ministry: 'meti', displayName: '経産 担当' },
      });
      expect(userListItem.parse(withMinistry.body)).toMatchObject({
        role: 'ministry_lead',
        ministry: 'meti',
        displayName: '経産 担当',
      });
    });

    it('refuses bad bodies and ids, unknown users, and an admin disabling or demoting themselves', async () => {
      const admin = await signIn(t.app, ADMIN);
      const path = `/api/v1/users/${ids.get(EXECUTIVE)}`;
      for (const body of [{}, { role: 'root' }, { disabled: 'yes' }, { displayName: '' }, { email: 'x@example.go.jp' }]) {
        const res = await send(t.app, 'PATCH', path, { cookie: admin, body });
        expect(res.status, JSON.stringify(body)).toBe(400);
      }
      expect((await send(t.app, 'PATCH', path, { cookie: admin, body: { ministry: 'meti' } })).status).toBe(400);
      expect((await send(t.app, 'PATCH', '/api/v1/users/999999', { cookie: admin, body: { disabled: true } })).status).toBe(404);
      expect((await send(t.app, 'GET', '/api/v1/users/999999', { cookie: admin })).status).toBe(404);
      expect((await send(t.app, 'PATCH', '/api/v1/users/abc', { cookie: admin, body: { disabled: true } })).status).toBe(400);

      const self = `/api/v1/users/${ids.get(ADMIN)}`;
      const disableSelf = await send(t.app, 'PATCH', self, { cookie: admin, body: { disabled: true } });
      expect(disableSelf.status).toBe(409);
      expect(errorCode(disableSelf)).toBe('cannot_disable_self');
      const demoteSelf = await send(t.app, 'PATCH', self, { cookie: admin, body: { role: 'analyst' } });
      expect(demoteSelf.status).toBe(409);
      expect(errorCode(demoteSelf)).toBe('cannot_demote_self');
      // Their own name is theirs to change.
      expect((await send(t.app, 'PATCH', self, { cookie: admin, body: { displayName: 'Admin' } })).status).toBe(200);
      expect((await me(admin)).user?.role).toBe('admin');
    });

    it('disabling ends every session and refuses sign-in; re-enabling lets the user in again', async () => {
      const admin = await signIn(t.app, ADMIN);
      const email = nextEmail();
      const id = await createTestUser(t.database.db, { email, role: 'analyst' });
      const sessions = [await signIn(t.app, email), await signIn(t.app, email)];
      const disabled = await send(t.app, 'PATCH', `/api/v1/users/${id}`, {
        cookie: admin,
        body: { disabled: true },
        headers: { 'x-request-id': 'disable-1' },
      });
      expect(disabled.status).toBe(200);
      expect(userListItem.parse(disabled.body)).toMatchObject({ disabled: true, activeSessions: 0 });
      for (const cookie of sessions) expect((await me(cookie)).user).toBeNull();
      await expect(signIn(t.app, email)).rejects.toThrow(/401/);
      const [row] = await auditOf('disable-1');
      expect(JSON.parse(row?.before_json ?? 'null')).toMatchObject({ disabled: false });
      expect(JSON.parse(row?.after_json ?? 'null')).toMatchObject({ disabled: true, revokedSessions: 2 });

      const enabled = await send(t.app, 'PATCH', `/api/v1/users/${id}`, { cookie: admin, body: { disabled: false } });
      expect(userListItem.parse(enabled.body).disabled).toBe(false);
      expect((await me(await signIn(t.app, email))).user?.email).toBe(email);
    });
  });

  describe('the data version (decision 019)', () => {
    it('is not bumped by a sign-in (only last_sign_in_at changes), and is by an account change', async () => {
      const version = async () =>
        Number((await t.database.db.selectFrom('data_version').select('version').executeTakeFirstOrThrow()).version);
      const before = await version();
      const admin = await signIn(t.app, ADMIN);
      expect(await version()).toBe(before);
      const row = await t.database.db
        .selectFrom('users')
        .select('last_sign_in_at')
        .where('email', '=', ADMIN)
        .executeTakeFirstOrThrow();
      expect(row.last_sign_in_at).toBe(clock.toISOString());
      await send(t.app, 'PATCH', `/api/v1/users/${ids.get(EXECUTIVE)}`, { cookie: admin, body: { displayName: 'Executive' } });
      expect(await version()).toBeGreaterThan(before);
    });
  });

  describe('the one-time password', () => {
    it('signs in, refuses everything but the password change, then works with the new password only', async () => {
      const admin = await signIn(t.app, ADMIN);
      const email = nextEmail();
      const created = createUserResponse.parse((await create(admin, { email, displayName: 'New admin', role: 'admin' })).body);
      const otp = created.oneTimePassword;

      const first = await signIn(t.app, email, otp);
      const second = await signIn(t.app, email, otp);
      expect(await me(first)).toMatchObject({ user: { email }, mustChangePassword: true });
      // Writes and reads alike wait for the new password; the page labels and the auth routes do not.
      const write = await create(first, { email: nextEmail(), displayName: 'X', role: 'analyst' });
      expect(write.status).toBe(403);
      expect(errorCode(write)).toBe('password_change_required');
      const read = await send(t.app, 'GET', '/api/v1/users', { cookie: first });
      expect(errorCode(read)).toBe('password_change_required');
      expect((await send(t.app, 'GET', '/api/v1/measures', { cookie: first })).status).toBe(403);
      expect((await send(t.app, 'GET', '/api/v1/meta', { cookie: first })).status).toBe(200);

      const change = (body: Record<string, unknown>, requestId?: string) =>
        send(t.app, 'POST', '/api/v1/auth/password', {
          cookie: first,
          body,
          headers: requestId ? { 'x-request-id': requestId } : {},
        });
      const wrong = await change({ currentPassword: 'not it at all', newPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(400);
      expect(errorCode(wrong)).toBe('wrong_password');
      expect(issuePaths(wrong)).toEqual(['currentPassword']);
      const weak = await change({ currentPassword: otp, newPassword: 'short' });
      expect(weak.status).toBe(400);
      expect(errorCode(weak)).toBe('weak_password');
      expect(errorResponse.parse(weak.body).error.message).toMatch(/at least 12 characters/);
      const same = await change({ currentPassword: otp, newPassword: otp });
      expect(errorCode(same)).toBe('same_password');
      expect((await change({ currentPassword: otp })).status).toBe(400);
      expect((await change({ currentPassword: otp, newPassword: NEW_PASSWORD, extra: 1 })).status).toBe(400);

      const done = await change({ currentPassword: otp, newPassword: NEW_PASSWORD }, 'change-1');
      expect(done.status, JSON.stringify(done.body)).toBe(204);
      expect(await me(first)).toMatchObject({ user: { email }, mustChangePassword: false });
      // The other session ended; this one stays and may now do what an admin does.
      expect((await me(second)).user).toBeNull();
      expect((await create(first, { email: nextEmail(), displayName: 'Y', role: 'analyst' })).status).toBe(201);

      const [audit] = await auditOf('change-1');
      expect(audit).toMatchObject({ action: 'user.change_password', entity_code: email, actor_email: email });
      expect(JSON.parse(audit?.after_json ?? 'null')).toEqual({ mustChangePassword: false, revokedSessions: 1 });
      for (const secret of [otp, NEW_PASSWORD, 'scrypt']) expect(JSON.stringify(audit)).not.toContain(secret);

      await expect(signIn(t.app, email, otp)).rejects.toThrow(/401/);
      const again = await signIn(t.app, email, NEW_PASSWORD);
      expect((await me(again)).mustChangePassword).toBe(false);
      const listed = userListResponse.parse((await send(t.app, 'GET', '/api/v1/users', { cookie: admin })).body);
      expect(listed.items.find((u) => u.email === email)).toMatchObject({
        mustChangePassword: false,
        lastSignInAt: clock.toISOString(),
        activeSessions: 2,
      });
    });
  });

  describe('POST /auth/password', () => {
    it('needs a session, and lets any role change their own password', async () => {
      expect(
        (await send(t.app, 'POST', '/api/v1/auth/password', { body: { currentPassword: 'x', newPassword: NEW_PASSWORD } }))
          .status,
      ).toBe(401);
      const email = nextEmail();
      await createTestUser(t.database.db, { email, role: 'executive' });
      const cookie = await signIn(t.app, email);
      const res = await send(t.app, 'POST', '/api/v1/auth/password', {
        cookie,
        body: { currentPassword: 'correct horse battery staple', newPassword: NEW_PASSWORD },
      });
      expect(res.status).toBe(204);
      expect((await me(await signIn(t.app, email, NEW_PASSWORD))).user?.email).toBe(email);
    });

    it('counts wrong current passwords with the sign-in throttle: 429 with Retry-After, and sign-in is locked too', async () => {
      const email = nextEmail();
      await createTestUser(t.database.db, { email, role: 'analyst' });
      const cookie = await signIn(t.app, email);
      const attempt = () =>
        send(t.app, 'POST', '/api/v1/auth/password', {
          cookie,
          body: { currentPassword: 'wrong guess', newPassword: NEW_PASSWORD },
        });
      for (let i = 0; i < LOCK_AFTER_ACCOUNT_FAILURES; i++) expect((await attempt()).status, `attempt ${i + 1}`).toBe(400);
      const locked = await attempt();
      expect(locked.status).toBe(429);
      expect(errorCode(locked)).toBe('too_many_attempts');
      expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
      // The right password does not get through the lock either, nor does a sign-in.
      const right = await send(t.app, 'POST', '/api/v1/auth/password', {
        cookie,
        body: { currentPassword: 'correct horse battery staple', newPassword: NEW_PASSWORD },
      });
      expect(right.status).toBe(429);
      await expect(signIn(t.app, email)).rejects.toThrow(/429/);
    });
  });
});
