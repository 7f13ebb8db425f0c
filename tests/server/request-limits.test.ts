import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '../../server/schemas/responses';
import { MAX_JSON_BODY_BYTES, MAX_UPLOAD_BODY_BYTES } from '../../server/request-limits';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';
import { currentEtag, send, signedInUsers } from '../support/sessions';

// Issue 12 item 3 (decision 020): a JSON body over 1 MB and an upload over 5 MB are refused with 413
// before they are read into memory; writes are rate-limited per user (429 with Retry-After).

const ADMIN = 'admin@example.go.jp';
const METI_LEAD = 'meti-lead@example.go.jp';
const ENV_LEAD = 'env-lead@example.go.jp';
const PER_MINUTE = 3;

interface RawAnswer {
  status: number;
  body: string;
  /** Bytes of the body the client had written when the answer came. */
  sentBytes: number;
}

/**
 * Sends the headers and then the body in slow chunks over real HTTP, stopping as soon as an answer comes:
 * a server that read the whole body before answering would make this send it all.
 */
function slowUpload(port: number, path: string, headers: Record<string, string>, totalBytes: number): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    // A connection of its own: the server closes one whose body it refused to read.
    const req = httpRequest({ port, path, method: 'POST', headers, agent: false }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentBytes }));
    });
    // The server may close the connection once it has answered: that is not a failure of the test.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      if (answered || sentBytes >= totalBytes) return req.end();
      sentBytes += chunk.length;
      req.write(chunk, () => setTimeout(pump, 2));
    };
    pump();
  });
}

describe.each(TEST_DIALECTS)('request limits on %s', (dialect) => {
  let t: TestApp;
  let clock = FIXTURE_NOW.getTime();
  let cookies: Map<string, string>;
  let server: ReturnType<typeof serve>;
  let port = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      measures: fixtureMeasures(),
      now: () => new Date(clock),
      operations: { writeRateLimit: { perMinute: PER_MINUTE } },
    });
    cookies = await signedInUsers(t.database.db, t.app, [
      { email: ADMIN, role: 'admin' },
      { email: METI_LEAD, role: 'ministry_lead', ministry: 'meti' },
      { email: ENV_LEAD, role: 'ministry_lead', ministry: 'env' },
    ]);
    await new Promise<void>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0 }, (info: AddressInfo) => {
        port = info.port;
        resolve();
      });
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.drop();
  });

  describe('bodies', () => {
    it('refuses a JSON body over 1 MB with 413 by its Content-Length, before reading it', async () => {
      const total = MAX_JSON_BODY_BYTES + 4 * 1024 * 1024;
      const answer = await slowUpload(
        port,
        '/api/v1/auth/login',
        { 'content-type': 'application/json', 'content-length': String(total) },
        total,
      );
      expect(answer.status).toBe(413);
      expect(errorResponse.parse(JSON.parse(answer.body)).error.code).toBe('payload_too_large');
      expect(answer.sentBytes).toBeLessThan(MAX_JSON_BODY_BYTES);
    });

    it('refuses a chunked JSON body (no Content-Length) once it passes 1 MB, without reading the rest', async () => {
      const total = MAX_JSON_BODY_BYTES * 8;
      const answer = await slowUpload(
        port,
        '/api/v1/auth/login',
        { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        total,
      );
      expect(answer.status).toBe(413);
      expect(errorResponse.parse(JSON.parse(answer.body)).error.code).toBe('payload_too_large');
      expect(answer.sentBytes).toBeLessThan(total / 2);
    });

    it('never reads the body of a GET or HEAD (the dashboard reads build no Fetch Request on the node server)', async () => {
      // hono's bodyLimit asks for `c.req.raw.body`; on @hono/node-server that one read builds a whole
      // Request whose AbortSignal undici keeps until a full collection: under load that grew the heap
      // and the RSS (issue 11, decision 028). A read of `body` on a request without one is that cost.
      const reads: string[] = [];
      class WatchedRequest extends Request {
        override get body() {
          reads.push(this.method);
          return super.body;
        }
      }
      for (const path of ['/api/v1/meta', '/api/v1/stats/summary', '/api/v1/measures?pageSize=5', '/api/v1/health']) {
        for (const method of ['GET', 'HEAD']) {
          const res = await t.app.fetch(new WatchedRequest(`http://localhost${path}`, { method }));
          expect(res.status, `${method} ${path}`).toBe(200);
        }
      }
      expect(reads).toEqual([]);
      // A write's body is still held to its limit (and read: the limit counts what it streams).
      const big = 'x'.repeat(MAX_JSON_BODY_BYTES + 1);
      const refused = await t.app.fetch(
        new WatchedRequest('http://localhost/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: big,
        }),
      );
      expect(refused.status).toBe(413);
      expect(reads).toContain('POST');
    });

    it('refuses an upload over 5 MB with 413 before reading it, and still takes one under', async () => {
      const total = MAX_UPLOAD_BODY_BYTES + 1024 * 1024;
      const answer = await slowUpload(
        port,
        '/api/v1/imports?ministry=env',
        {
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(total),
          cookie: cookies.get(ENV_LEAD) ?? '',
          origin: `http://localhost:${port}`,
        },
        total,
      );
      expect(answer.status).toBe(413);
      expect(answer.sentBytes).toBeLessThan(MAX_UPLOAD_BODY_BYTES / 2);
      // 2 MB of JSON is refused, 2 MB of upload is read (and refused for what it is, not for its size).
      const form = new FormData();
      form.set('file', new File([new Uint8Array(2 * 1024 * 1024).fill(65)], 'survey.xlsx'));
      const upload = await t.app.request('/api/v1/imports?ministry=env', {
        method: 'POST',
        headers: { cookie: cookies.get(ENV_LEAD) ?? '' },
        body: form,
      });
      expect(upload.status).not.toBe(413);
      expect(upload.status).toBeLessThan(500);
    });
  });

  describe('the write rate limit', () => {
    const report = { status: 'in_progress', health: 'on_track', note: 'rate limit' };
    async function fileReport(email: string, code: string) {
      return send(t.app, 'POST', `/api/v1/measures/${code}/reports`, {
        cookie: cookies.get(email),
        ifMatch: await currentEtag(t.app, code),
        body: report,
      });
    }
    const reportCount = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('status_reports')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it(`lets a user make ${PER_MINUTE} writes, then answers 429 with Retry-After and writes nothing`, async () => {
      for (let i = 0; i < PER_MINUTE; i += 1) expect((await fileReport(METI_LEAD, 'METI-0001')).status).toBe(201);
      const before = await reportCount();
      const refused = await fileReport(METI_LEAD, 'METI-0001');
      expect(refused.status).toBe(429);
      expect(errorResponse.parse(refused.body).error.code).toBe('rate_limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60 / PER_MINUTE);
      expect(await reportCount()).toBe(before);
      // Reads are not counted, and another user has a limit of their own.
      expect(
        (await t.app.request('/api/v1/measures/METI-0001', { headers: { cookie: cookies.get(METI_LEAD) ?? '' } })).status,
      ).toBe(200);
      expect((await fileReport(ENV_LEAD, 'ENV-0011')).status).toBe(201);
    });

    it('lets the user write again once Retry-After has passed, and never counts signing in', async () => {
      const refused = await fileReport(METI_LEAD, 'METI-0001');
      expect(refused.status).toBe(429);
      clock += Number(refused.headers.get('retry-after')) * 1000;
      expect((await fileReport(METI_LEAD, 'METI-0001')).status).toBe(201);
      for (let i = 0; i < PER_MINUTE + 2; i += 1) {
        const login = await send(t.app, 'POST', '/api/v1/auth/login', {
          body: { email: ADMIN, password: 'wrong password here' },
        });
        expect(login.status).toBe(401);
      }
    });
  });
});
