import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashPassword } from '../server/auth/password';
import { createUser } from '../server/repositories/auth-repository';

// The write before each cold sample (docs/benchmarks.md "cold"): a real PATCH of a milestone's weight
// through the HTTP API, signed in and with If-Match, so that it goes through the write path every
// write takes (session, guard, version claim, audit) and a response cache keyed by the data version
// cannot answer the next read from memory.

interface RequestableApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

const EMAIL = 'bench-admin@example.go.jp';
const PASSWORD = 'bench password, not a secret';
// Cheap scrypt: the bench times reads, not the sign-in.
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface BenchWriter {
  /** One write that changes data; resolves once it is committed. */
  write(): Promise<void>;
  writes: number;
}

export async function createBenchWriter(db: Kysely<Database>, app: RequestableApp, now: Date): Promise<BenchWriter> {
  const target = await db
    .selectFrom('milestones as ms')
    .innerJoin('measures as m', 'm.id', 'ms.measure_id')
    .select(['m.code', 'ms.id', 'ms.weight'])
    .orderBy('m.id')
    .orderBy('ms.id')
    .executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(PASSWORD, CHEAP_SCRYPT);
  const existing = await db.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirst();
  if (!existing) await createUser(db, { email: EMAIL, displayName: 'bench', role: 'admin', ministry: null, passwordHash }, now);
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const cookie = /(mt_session=[^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (login.status !== 200 || !cookie) throw new Error(`bench sign-in failed: ${login.status} ${await login.text()}`);

  const detail = await app.request(`/api/v1/measures/${target.code}`);
  let etag = detail.headers.get('etag');
  await detail.body?.cancel();
  if (!etag) throw new Error(`GET /measures/${target.code} gave no ETag (${detail.status})`);
  // Alternate between two weights so that every write changes the row and the figures.
  const weights = [target.weight, target.weight === 1 ? 2 : 1];
  const writer: BenchWriter = {
    writes: 0,
    async write() {
      const weight = weights[(writer.writes + 1) % 2];
      const res = await app.request(`/api/v1/measures/${target.code}/milestones/${target.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie, 'if-match': etag ?? '' },
        body: JSON.stringify({ weight }),
      });
      if (res.status !== 200) throw new Error(`bench write failed: ${res.status} ${await res.text()}`);
      etag = res.headers.get('etag');
      await res.body?.cancel();
      writer.writes += 1;
    },
  };
  return writer;
}
