import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, createTestUser, signIn } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// The structured request log (docs/product.md §6): one line per request with its id, method, path, status,
// duration and user, and never a password, a cookie or a token.

describe.each(TEST_DIALECTS)('the request log on %s', (dialect) => {
  let t: TestApp;
  let userId: number;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect, { log: (entry) => lines.push(entry) });
    userId = await createTestUser(t.database.db, { email: 'analyst@example.go.jp', role: 'analyst' });
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(() => {
    lines.length = 0;
  });

  it('writes one line per request with id, method, path and query, status, duration and user', async () => {
    const cookie = await signIn(t.app, 'analyst@example.go.jp');
    lines.length = 0;
    const res = await t.app.request('/api/v1/measures?field=quantum&page=1', { headers: { cookie, 'x-request-id': 'req-42' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? {};
    expect(line).toMatchObject({
      level: 'info',
      requestId: 'req-42',
      method: 'GET',
      path: '/api/v1/measures?field=quantum&page=1',
      status: 200,
      userId,
    });
    expect(typeof line.durationMs).toBe('number');
    expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false);
  });

  it('has no user id for an anonymous request, and a fresh request id when none or a strange one is sent', async () => {
    await t.app.request('/api/v1/health');
    await t.app.request('/api/v1/health', { headers: { 'x-request-id': 'evil"\tid<script>' } });
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toHaveProperty('userId');
      expect(String(line.requestId)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(lines[0]?.requestId).not.toBe(lines[1]?.requestId);
  });

  it('never contains the password, the session cookie or a token', async () => {
    const login = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'analyst@example.go.jp', password: TEST_PASSWORD }),
    });
    const cookie = /mt_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const token = cookie.slice('mt_session='.length);
    expect(token).not.toBe('');
    await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ email: 'analyst@example.go.jp', password: 'wrong password!' }),
    });
    await t.app.request(`/api/v1/meta?token=${token}&password=hunter22&session=${token}&lang=ja`, { headers: { cookie } });
    await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } });

    expect(lines).toHaveLength(4);
    const text = JSON.stringify(lines);
    for (const secret of [token, TEST_PASSWORD, 'wrong password!', 'hunter22', 'mt_session']) expect(text).not.toContain(secret);
    expect(lines[2]?.path).toBe('/api/v1/meta?token=[redacted]&password=[redacted]&session=[redacted]&lang=ja');
    // Signed in by the login itself: the line says who.
    expect(lines[0]).toMatchObject({ path: '/api/v1/auth/login', status: 200, userId });
    expect(lines[1]).toMatchObject({ status: 401 });
  });
});
