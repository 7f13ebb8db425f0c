import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashPassword } from '../../server/auth/password';
import type { Role } from '../../common/roles';
import { createUser } from '../../server/repositories/auth-repository';
import { readResponse } from './read-response';

// Users, sign-in and JSON writes for the write and account API tests (docs/product.md §4). Passwords are hashed with cheap
// scrypt parameters: the tests exercise authorisation, not the hash's cost.

export const TEST_PASSWORD = 'correct horse battery staple';
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface TestUserSpec {
  email: string;
  role: Role;
  ministry?: string | null;
  displayName?: string;
}

export async function createTestUser(
  db: Kysely<Database>,
  spec: TestUserSpec,
  now = new Date('2026-01-01T00:00:00.000Z'),
): Promise<number> {
  return createUser(
    db,
    {
      email: spec.email,
      displayName: spec.displayName ?? spec.email.split('@')[0] ?? spec.email,
      role: spec.role,
      ministry: spec.ministry ?? null,
      passwordHash: await hashPassword(TEST_PASSWORD, CHEAP_SCRYPT),
    },
    now,
  );
}

interface RequestableApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** Signs in through POST /api/v1/auth/login and returns the `Cookie` header value of the session. */
export async function signIn(app: RequestableApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const match = /(mt_session=[^;]+)/.exec(setCookie);
  if (!match?.[1]) throw new Error(`sign-in of ${email} set no session cookie: ${setCookie}`);
  return match[1];
}

/** Creates the users and signs each in; returns their cookies by email. */
export async function signedInUsers(
  db: Kysely<Database>,
  app: RequestableApp,
  specs: readonly TestUserSpec[],
): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  for (const spec of specs) {
    await createTestUser(db, spec);
    cookies.set(spec.email, await signIn(app, spec.email));
  }
  return cookies;
}

export interface SendOptions {
  cookie?: string | null;
  ifMatch?: string | null;
  /** A JSON value, or a raw string sent as is (for malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SendResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Sends a request with a JSON body, the session cookie and If-Match; parses the JSON answer. */
export async function send(app: RequestableApp, method: string, path: string, options: SendOptions = {}): Promise<SendResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const res = await app.request(path, { method, headers, body });
  return readResponse(res);
}

/** The current ETag of a measure, from GET /api/v1/measures/:code. */
export async function currentEtag(app: RequestableApp, code: string): Promise<string> {
  const res = await app.request(`/api/v1/measures/${code}`);
  const etag = res.headers.get('etag');
  if (res.status !== 200 || !etag) throw new Error(`GET ${code}: ${res.status}, ETag ${etag}`);
  await res.body?.cancel();
  return etag;
}
