import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretName, redactHeaders, redactLogEntry, redactPathAndQuery } from '../../server/log-redaction';

// The redaction helper under the request log: secrets out, everything else byte for byte.

describe('isSecretName', () => {
  it.each([
    'password',
    'Password',
    'newPassword',
    'passwd',
    'pwd',
    'token',
    'access_token',
    'csrfToken',
    'session',
    'mt_session',
    'sessionId',
    'cookie',
    'Set-Cookie',
    'authorization',
    'auth',
    'api_key',
    'apiKey',
    'key',
    'client_secret',
    'credentials',
  ])('%s is secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['field', 'ministry', 'q', 'page', 'pageSize', 'sort', 'asOf', 'deadline', 'requestid', 'status', 'monkey', 'author'])(
    '%s is not',
    (name) => {
      expect(isSecretName(name)).toBe(false);
    },
  );
});

describe('redactPathAndQuery', () => {
  it('keeps a path without a query as it is', () => {
    expect(redactPathAndQuery('http://localhost/api/v1/measures')).toBe('/api/v1/measures');
    expect(redactPathAndQuery('/api/v1/measures?')).toBe('/api/v1/measures');
  });

  it('replaces the values of secret parameters and keeps every other byte', () => {
    expect(
      redactPathAndQuery(
        'http://localhost/api/v1/measures?field=quantum&token=abc123&q=%E9%87%8F%E5%AD%90&password=hunter2&page=2',
      ),
    ).toBe(`/api/v1/measures?field=quantum&token=${REDACTED}&q=%E9%87%8F%E5%AD%90&password=${REDACTED}&page=2`);
  });

  it('recognises encoded and differently cased names, repeated and valueless parameters', () => {
    const out = redactPathAndQuery('/x?Pass%77ord=a&SESSION=b&session=c&cookie&mt%5Fsession=d&ok=1');
    expect(out).toBe(
      `/x?Pass%77ord=${REDACTED}&SESSION=${REDACTED}&session=${REDACTED}&cookie=${REDACTED}&mt%5Fsession=${REDACTED}&ok=1`,
    );
    for (const secret of ['=a', '=b', '=c', '=d']) expect(out).not.toContain(secret);
  });

  it('survives malformed escapes', () => {
    expect(redactPathAndQuery('/x?token%=1&q=%ZZ')).toBe(`/x?token%=${REDACTED}&q=%ZZ`);
  });
});

describe('redactHeaders', () => {
  it('keeps only the names of Cookie, Set-Cookie and Authorization', () => {
    const headers = new Headers({
      cookie: 'mt_session=abc',
      authorization: 'Bearer xyz',
      'user-agent': 'curl/8',
      'x-request-id': 'r1',
    });
    expect(redactHeaders(headers)).toEqual({
      cookie: REDACTED,
      authorization: REDACTED,
      'user-agent': 'curl/8',
      'x-request-id': 'r1',
    });
    expect(redactHeaders({ 'Set-Cookie': 'mt_session=abc; HttpOnly' })).toEqual({ 'Set-Cookie': REDACTED });
  });
});

describe('redactLogEntry', () => {
  it('replaces secret-named fields at any depth and leaves the rest (and the request id) alone', () => {
    const entry = {
      requestId: 'r-1',
      path: '/api/v1/auth/login',
      status: 401,
      body: { email: 'a@example.go.jp', password: 'hunter2', nested: [{ token: 't' }] },
      headers: { cookie: 'mt_session=abc', accept: 'application/json' },
      userId: 3,
    };
    const out = redactLogEntry(entry);
    expect(out).toEqual({
      requestId: 'r-1',
      path: '/api/v1/auth/login',
      status: 401,
      body: { email: 'a@example.go.jp', password: REDACTED, nested: [{ token: REDACTED }] },
      headers: { cookie: REDACTED, accept: 'application/json' },
      userId: 3,
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|mt_session=abc|"t"/);
    // The input is not changed.
    expect(entry.body.password).toBe('hunter2');
  });

  it('passes scalars and null through', () => {
    expect(redactLogEntry(null)).toBeNull();
    expect(redactLogEntry('text')).toBe('text');
    expect(redactLogEntry(5)).toBe(5);
  });
});
