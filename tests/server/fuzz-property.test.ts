import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFuzzTarget } from '../fuzz/fuzz-target';
import type { FuzzTarget } from '../fuzz/fuzz-target';
import { violation } from '../fuzz/fuzz-property';
import type { FuzzRequest } from '../fuzz/hostile-requests';
import { CURRENT_ETAG } from '../fuzz/hostile-requests';
import { TEST_DIALECTS } from '../support/test-database';

// The hostile-input property must be able to fail (issue 12 item 2, decision 022): it catches a 5xx, a
// refusal that is not the error JSON, and a refusal that changed the database — and the database
// fingerprint sees a write.

const get = (url: string): FuzzRequest => ({ method: 'GET', url, persona: 'anonymous', headers: {} });
const errorJson = { status: 400, contentType: 'application/json', text: '{"error":{"code":"bad_request","message":"…"}}' };

describe('the hostile-input property', () => {
  it('holds for a documented refusal that changed nothing, and for a success', () => {
    expect(violation(get('/api/v1/measures?page=x'), errorJson, false)).toBeNull();
    expect(violation(get('/api/v1/measures'), { status: 200, contentType: 'application/json', text: '{}' }, false)).toBeNull();
  });

  it('is broken by a 5xx', () => {
    expect(
      violation(get('/api/v1/measures'), { status: 500, contentType: 'text/plain', text: 'Internal Server Error' }, false),
    ).toMatch(/500/);
    expect(violation(get('/api/v1/measures'), { status: 503, contentType: 'application/json', text: '{}' }, false)).toMatch(
      /503/,
    );
  });

  it('is broken by a refusal that is not the error JSON', () => {
    expect(violation(get('/api/v1/measures'), { status: 400, contentType: 'text/plain', text: 'Bad Request' }, false)).toMatch(
      /error JSON/,
    );
    expect(
      violation(get('/api/v1/measures'), { status: 404, contentType: 'application/json', text: '{"message":"nope"}' }, false),
    ).toMatch(/error JSON/);
    // A page outside the API may refuse in HTML.
    expect(violation(get('/no-such-page'), { status: 404, contentType: 'text/html', text: '<h1>…</h1>' }, false)).toBeNull();
  });

  it('is broken by a refusal that changed the database', () => {
    expect(violation(get('/api/v1/measures'), errorJson, true)).toMatch(/database changed/);
  });
});

describe.each(TEST_DIALECTS)('the fuzz target on %s', (dialect) => {
  let target: FuzzTarget;
  beforeAll(async () => {
    target = await createFuzzTarget(dialect);
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('signs its personas in, resolves the current ETag, and its fingerprint sees a write but not a read', async () => {
    const before = await target.fingerprint();
    // The lead is METI's: a measure METI leads.
    const code = target.known.codesFor('/api/v1/measures/x').find((c) => c.startsWith('METI-')) ?? '';
    const read = await target.send({ method: 'GET', url: `/api/v1/measures/${code}`, persona: 'lead', headers: {} });
    expect(read.status).toBe(200);
    expect(await target.fingerprint()).toBe(before);

    const write = await target.send({
      method: 'PATCH',
      url: `/api/v1/measures/${code}`,
      persona: 'lead',
      headers: { 'content-type': 'application/json', 'if-match': CURRENT_ETAG },
      body: JSON.stringify({ titleEn: 'Renamed by the fuzz self-test' }),
    });
    expect(write.status).toBe(200);
    expect(await target.fingerprint()).not.toBe(before);
  });
});
