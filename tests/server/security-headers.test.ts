import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '../../server/schemas/responses';
import { securityHeaderList } from '../../server/security-headers';
import { TEST_PASSWORD, createTestUser, send, signIn } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Web security (docs/product.md §7): secure headers on every response, CSRF defences on writes, strict
// input schemas, and errors that give nothing away.

/** `default-src 'self'; script-src 'self'` → { 'default-src': ["'self'"], … }. */
function cspDirectives(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

const LOGIN_BODY = JSON.stringify({ email: 'nobody@example.go.jp', password: 'irrelevant' });

describe.each(TEST_DIALECTS)('web security on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await createTestUser(t.database.db, { email: 'admin@example.go.jp', role: 'admin' });
  });
  afterAll(async () => {
    await t?.drop();
  });

  describe('headers', () => {
    it.each(['/', '/api/v1/health', '/api/v1/meta', '/api/v1/nowhere'])(
      '%s carries CSP, HSTS, nosniff, a referrer policy and no framing',
      async (path) => {
        const res = await t.app.request(path);
        const csp = cspDirectives(res.headers.get('content-security-policy'));
        // No inline scripts: only the client's own files.
        expect(csp.get('script-src')).toEqual(["'self'"]);
        expect(csp.get('default-src')).toEqual(["'self'"]);
        expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
        expect(csp.get('object-src')).toEqual(["'none'"]);
        const hsts = res.headers.get('strict-transport-security') ?? '';
        expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toMatch(
          /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
        );
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('x-request-id')).toMatch(/^[\w.:-]+$/);
      },
    );

    it("every answer, cached, revalidated or refused, carries every header Hono's secureHeaders sets", async () => {
      const expected = await securityHeaderList();
      expect(expected.length).toBeGreaterThan(8);
      const cached = (await t.app.request('/api/v1/stats/summary')).headers.get('etag') ?? '';
      const answers = [
        await t.app.request('/api/v1/stats/summary'),
        await t.app.request('/api/v1/stats/summary', { headers: { 'If-None-Match': cached } }),
        await t.app.request('/api/v1/measures?page=0'),
        await t.app.request('/'),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 304, 400, 200]);
      for (const res of answers) {
        for (const [name, value] of expected) expect(res.headers.get(name), name).toBe(value);
      }
    });

    it('error responses carry the same headers', async () => {
      const res = await t.app.request('/api/v1/measures?page=0');
      expect(res.status).toBe(400);
      expect(cspDirectives(res.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  describe('cross-site request forgery', () => {
    it.each([
      ['a foreign Origin', { origin: 'https://evil.example' }],
      ['a look-alike Origin', { origin: 'http://localhost.evil.example' }],
      ['Origin: null (a sandboxed frame)', { origin: 'null' }],
      ['no Origin but Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ])('refuses a write with %s: 403', async (_what, headers) => {
      for (const path of ['/api/v1/auth/login', '/api/v1/auth/logout']) {
        const res = await t.app.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: LOGIN_BODY,
        });
        expect(res.status, path).toBe(403);
        expect(errorResponse.parse(await res.json()).error.code).toBe('forbidden_origin');
      }
    });

    it.each([
      ['its own origin', { origin: 'http://localhost' }],
      [
        'the origin of the host it was reached at (behind a proxy)',
        { origin: 'https://tracker.example.go.jp', 'x-forwarded-host': 'tracker.example.go.jp' },
      ],
      ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ])('accepts a write from %s', async (_what, headers) => {
      const res = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email: 'admin@example.go.jp', password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(200);
    });

    it.each([
      ['text/plain', 'text/plain;charset=UTF-8'],
      ['a form', 'application/x-www-form-urlencoded'],
      ['multipart', 'multipart/form-data; boundary=x'],
      ['JSON look-alike', 'application/jsonp'],
    ])('accepts only JSON bodies: %s gets 415', async (_what, type) => {
      const res = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': type },
        body: LOGIN_BODY,
      });
      expect(res.status).toBe(415);
      expect(errorResponse.parse(await res.json()).error.code).toBe('unsupported_media_type');
    });

    it('answers malformed JSON with 400, not 500', async () => {
      const res = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":',
      });
      expect(res.status).toBe(400);
    });
  });

  describe('strict input', () => {
    it('refuses an unknown field at sign-in with 400 naming it (no mass assignment)', async () => {
      const res = await send(t.app, 'POST', '/api/v1/auth/login', {
        body: { email: 'admin@example.go.jp', password: TEST_PASSWORD, role: 'admin' },
      });
      expect(res.status).toBe(400);
      const { error } = errorResponse.parse(res.body);
      expect(error.issues?.map((i) => i.path.join('.'))).toEqual(['role']);
      expect(error.message).toContain('role');
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it.each([
      ['no password', { email: 'admin@example.go.jp' }, 'password'],
      ['an email that is none', { email: 'admin', password: 'x' }, 'email'],
      ['a number for a password', { email: 'admin@example.go.jp', password: 12345678 }, 'password'],
      ['a huge password', { email: 'admin@example.go.jp', password: 'x'.repeat(5000) }, 'password'],
    ])('refuses a sign-in with %s: 400 naming the field', async (_what, body, field) => {
      const res = await send(t.app, 'POST', '/api/v1/auth/login', { body });
      expect(res.status).toBe(400);
      expect(errorResponse.parse(res.body).error.issues?.map((i) => i.path.join('.'))).toContain(field);
    });

    it('ignores a session cookie that is not ours rather than failing', async () => {
      const res = await t.app.request('/api/v1/auth/me', { headers: { cookie: 'mt_session=%%%; other=1' } });
      expect(res.status).toBe(200);
    });
  });

  describe('errors', () => {
    it('a server error says nothing about stacks, SQL or files, and logs the details instead', async () => {
      const logged: Record<string, unknown>[] = [];
      const broken = await createTestApp(dialect, { log: (entry) => logged.push(entry) });
      try {
        // A query that fails inside the database driver, whose message quotes the SQL.
        await sql`ALTER TABLE measures RENAME TO measures_gone`.execute(broken.database.db);
        const res = await broken.app.request('/api/v1/measures?field=quantum', { headers: { 'x-request-id': 'boom-1' } });
        expect(res.status).toBe(500);
        const text = await res.text();
        const { error } = errorResponse.parse(JSON.parse(text));
        expect(error).toEqual({ code: 'internal_error', message: 'Internal error (request boom-1)' });
        expect(text).not.toMatch(/\bat\s|select|from|measures_gone|relation|sqlite|postgres|\.ts\b|\/work\/|node_modules/i);
        // The operator has the details: the stack, under the same request id.
        const detail = logged.find((entry) => entry.level === 'error');
        expect(detail?.requestId).toBe('boom-1');
        expect(String(detail?.error)).toMatch(/measures/);
        const line = logged.find((entry) => entry.level === 'info');
        expect(line).toMatchObject({ requestId: 'boom-1', status: 500 });
      } finally {
        await broken.drop();
      }
    });

    it('an unknown API route is a JSON 404', async () => {
      const res = await t.app.request('/api/v1/passwords');
      expect(res.status).toBe(404);
      expect(errorResponse.parse(await res.json()).error.code).toBe('not_found');
    });

    it('signs in and out without exposing the session token anywhere but the cookie', async () => {
      const login = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.go.jp', password: TEST_PASSWORD }),
      });
      const cookie = /mt_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '';
      expect(cookie).not.toBe('');
      expect(await login.text()).not.toContain(cookie);
      const me = await t.app.request('/api/v1/auth/me', { headers: { cookie: await signIn(t.app, 'admin@example.go.jp') } });
      expect(await me.text()).not.toMatch(/mt_session|scrypt|token/);
    });
  });
});
