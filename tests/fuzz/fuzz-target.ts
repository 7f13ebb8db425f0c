import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DialectName } from '../../db/dialect';
import type { AuthConfig } from '../../server/config';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { signIn, signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { CURRENT_ETAG } from './hostile-requests';
import type { FuzzRequest, KnownValues, Persona } from './hostile-requests';

// The app the fuzzer attacks (decision 022): the twelve fixture measures, a meeting, a user of every
// role signed in, and a fingerprint of everything the database records, taken before and after each
// request so that "a refused request changes nothing" is checked, not assumed.

/** Sign-in throttling without waits, so that hostile sign-ins do not slow the run down. */
const FUZZ_AUTH: AuthConfig = {
  requireLogin: false,
  session: { idleMinutes: 120, absoluteHours: 12 },
  throttle: {
    windowMinutes: 15,
    slowAfterAccountFailures: 1_000,
    slowAfterIpFailures: 1_000,
    lockAfterAccountFailures: 1_000,
    lockAfterIpFailures: 1_000,
    delayStepMs: 0,
    maxDelayMs: 0,
  },
};

/**
 * Tables a refused request may legitimately write: a failed sign-in is counted (that is the
 * throttle), and a request with a live session touches its last-seen time (the idle timeout).
 */
const VOLATILE_TABLES = new Set(['login_attempts', 'sessions']);
/** Columns a sign-in writes (the admin's "last sign-in"), like the sessions it opens (decision 025). */
const VOLATILE_COLUMNS: Readonly<Record<string, readonly string[]>> = { users: ['last_sign_in_at'] };

export interface FuzzResponse {
  status: number;
  contentType: string;
  text: string;
}

export interface FuzzTarget {
  dialect: DialectName;
  known: KnownValues;
  send(request: FuzzRequest): Promise<FuzzResponse>;
  /** A digest of every row of every table but the volatile ones. */
  fingerprint(): Promise<string>;
  drop(): Promise<void>;
}

const USERS = {
  admin: { email: 'fuzz-admin@example.go.jp', role: 'admin' },
  lead: { email: 'fuzz-lead@example.go.jp', role: 'ministry_lead', ministry: 'meti' },
  secretariat: { email: 'fuzz-sec@example.go.jp', role: 'secretariat' },
  executive: { email: 'fuzz-exec@example.go.jp', role: 'executive' },
} as const;

const metaCodes = z.object({
  fields: z.array(z.object({ code: z.string() })),
  ministries: z.array(z.object({ code: z.string() })),
  pillars: z.array(z.object({ code: z.string() })),
  instruments: z.array(z.object({ code: z.string() })),
  deadlines: z.array(z.object({ code: z.string() })),
});

/** A setup write that must succeed. */
async function created(t: TestApp, path: string, cookie: string, body: unknown): Promise<void> {
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`fuzz setup: POST ${path} answered ${res.status} ${await res.text()}`);
}

export async function createFuzzTarget(dialect: DialectName): Promise<FuzzTarget> {
  const t: TestApp = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW, auth: FUZZ_AUTH });
  const db = t.database.db;
  await db
    .insertInto('meetings')
    // One meeting held (the default `from` of /changes) and one to come (the edition's).
    .values([
      { code: 'fuzz-meeting-held', name_ja: '前回会議', name_en: 'Last meeting', date: '2026-10-15', sort_order: 1 },
      { code: 'fuzz-meeting', name_ja: '会議', name_en: 'Meeting', date: '2026-12-20', sort_order: 2 },
    ])
    .execute();
  const cookies = await signedInUsers(db, t.app, Object.values(USERS));
  // An honest PATCH /users/:id may disable or demote a persona, a password change may change theirs:
  // after any accepted write their accounts are put back, so that every request meets the same cast.
  const personaAccounts = await db
    .selectFrom('users')
    .select(['id', 'role', 'ministry_id', 'display_name', 'password_hash', 'disabled_at', 'must_change_password'])
    .where(
      'email',
      'in',
      Object.values(USERS).map((u) => u.email),
    )
    .execute();
  async function restorePersonas(): Promise<void> {
    for (const { id, ...account } of personaAccounts) await db.updateTable('users').set(account).where('id', '=', id).execute();
  }
  const cookieOf: Record<Persona, string | null> = {
    anonymous: null,
    admin: cookies.get(USERS.admin.email) ?? null,
    lead: cookies.get(USERS.lead.email) ?? null,
    secretariat: cookies.get(USERS.secretariat.email) ?? null,
    executive: cookies.get(USERS.executive.email) ?? null,
    forged: 'mt_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  };
  // A hostile sign-out ends a persona's session: sign in again when that happened.
  async function cookieFor(persona: Persona): Promise<string | null> {
    const cookie = cookieOf[persona];
    if (persona === 'anonymous' || persona === 'forged' || cookie === null) return cookie;
    const me = await t.app.request('/api/v1/auth/me', { headers: { cookie } });
    const body: unknown = await me.json().catch(() => null);
    if (me.status === 200 && typeof body === 'object' && body !== null && 'user' in body && body.user) return cookie;
    const fresh = await signIn(t.app, USERS[persona].email);
    cookieOf[persona] = fresh;
    return fresh;
  }

  // A round and an edition, so that their pages and writes are reached too.
  const admin = cookieOf.admin ?? '';
  const secretariat = cookieOf.secretariat ?? '';
  await created(t, '/api/v1/rounds', admin, {
    code: 'fuzz-round',
    titleJa: '照会',
    titleEn: 'Round',
    opensAt: '2026-11-01',
    dueAt: '2026-11-30',
  });
  await created(t, '/api/v1/editions', secretariat, { code: 'fuzz-edition', meeting: 'fuzz-meeting', filters: {} });

  const codes = (await db.selectFrom('measures').select('code').execute()).map((r) => r.code);
  const meta = metaCodes.parse(await (await t.app.request('/api/v1/meta')).json());
  const codesOf = (items: readonly { code: string }[]) => items.map((item) => item.code);
  const tables = (await db.introspection.getTables())
    .map((table) => table.name)
    .filter((name) => !VOLATILE_TABLES.has(name) && !name.startsWith('kysely_'))
    .sort();

  /** The ETag of the measure (or other resource) the URL addresses, as an honest client would send it. */
  async function currentEtag(url: string, cookie: string | null): Promise<string | null> {
    const path = url.split('?')[0] ?? '';
    const match = /^\/api\/v1\/measures\/[^/]+/.exec(path);
    const resource = match ? match[0] : path;
    const res = await t.app.request(resource, { headers: cookie ? { cookie } : {} });
    return res.status === 200 ? res.headers.get('etag') : null;
  }

  return {
    dialect,
    known: {
      codesFor: (path) =>
        path.startsWith('/api/v1/rounds')
          ? ['fuzz-round', 'no-such-round']
          : path.startsWith('/api/v1/editions')
            ? ['fuzz-edition', 'no-such-edition']
            : [...codes, 'NOPE-9999'],
      ids: ['1', '2', '3', '5', '8', '13', '21', '0', '999999', '00000000-0000-4000-8000-000000000000'],
      formats: ['csv', 'xlsx', 'json', 'pdf', 'CSV'],
      query: {
        field: codesOf(meta.fields),
        ministry: codesOf(meta.ministries),
        partner: codesOf(meta.ministries),
        pillar: codesOf(meta.pillars),
        instrument: codesOf(meta.instruments),
        deadline: codesOf(meta.deadlines),
        measure: codes,
        round: ['fuzz-round'],
        from: ['fuzz-edition', '2026-06-30', '2026-10-01'],
        to: ['fuzz-edition', '2026-11-26', '2026-11-01'],
      },
    },
    async send(request) {
      const cookie = await cookieFor(request.persona);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (name === 'if-match' && value === CURRENT_ETAG) {
          const etag = await currentEtag(request.url, cookie);
          if (etag) headers.set(name, etag);
        } else {
          headers.set(name, value);
        }
      }
      if (cookie) headers.set('cookie', cookie);
      const res = await t.app.request(request.url, { method: request.method, headers, body: request.body });
      const answer = { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
      if (res.status < 400 && request.method !== 'GET' && request.method !== 'HEAD') await restorePersonas();
      return answer;
    },
    async fingerprint() {
      const hash = createHash('sha256');
      for (const table of tables) {
        // Every table the migrations made, whatever they are: a new one is covered the day it lands.
        const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
        hash.update(table);
        const volatile = new Set(VOLATILE_COLUMNS[table] ?? []);
        const lines = rows.map((row) =>
          JSON.stringify(row, (key, value: unknown) =>
            volatile.has(key) ? undefined : typeof value === 'bigint' ? String(value) : value,
          ),
        );
        for (const line of lines.sort()) hash.update(line);
      }
      return hash.digest('hex');
    },
    drop: () => t.drop(),
  };
}
