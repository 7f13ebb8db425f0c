import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { OWASP_SCRYPT, hashPassword } from '../server/auth/password';
import type { ScryptParams } from '../server/auth/password';
import type { Role } from '../common/roles';

// Demo accounts created with the illustrative sample data (docs/product.md §4), so that every role can be tried
// on a fresh `npm start`. They share one documented password (README, "Demo accounts"): anyone can
// sign in with them, so a real deployment must change or remove them.

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.example.jp';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  ministry: string | null;
}

/** One ministry lead per ministry, then the secretariat, an executive, an analyst and an administrator. */
export function demoAccounts(ministries: readonly { code: string; nameJa: string }[]): DemoAccount[] {
  return [
    ...ministries.map((m): DemoAccount => ({
      email: `lead.${m.code}@${DEMO_EMAIL_DOMAIN}`,
      displayName: `${m.nameJa} 担当者（デモ）`,
      role: 'ministry_lead',
      ministry: m.code,
    })),
    { email: `secretariat@${DEMO_EMAIL_DOMAIN}`, displayName: '事務局（デモ）', role: 'secretariat', ministry: null },
    { email: `executive@${DEMO_EMAIL_DOMAIN}`, displayName: '幹部（デモ）', role: 'executive', ministry: null },
    { email: `analyst@${DEMO_EMAIL_DOMAIN}`, displayName: '分析担当（デモ）', role: 'analyst', ministry: null },
    { email: `admin@${DEMO_EMAIL_DOMAIN}`, displayName: '管理者（デモ）', role: 'admin', ministry: null },
  ];
}

export interface PreparedDemoUsers {
  accounts: DemoAccount[];
  ministryIds: Map<string, number>;
  /** The stored hash of the demo password; still being computed while the caller writes other data. */
  passwordHash: Promise<string>;
}

/**
 * Reads the ministries and starts hashing the demo password, without waiting: scrypt runs on libuv's
 * thread pool, so the hashing overlaps whatever the caller does next (the sample measures' inserts).
 *
 * One hash, with a fresh random salt, serves every demo account. At the OWASP parameters a hash costs
 * about 0.8 s of CPU and 128 MiB here, so seventeen of them (one per account) added 7 s or more to
 * every first start even on an idle two-core machine, with the seeding transaction holding SQLite's
 * write lock meanwhile. Separate salts would protect nothing: the password is published in the README.
 */
export async function prepareDemoUsers(db: Kysely<Database>, params: ScryptParams = OWASP_SCRYPT): Promise<PreparedDemoUsers> {
  const ministries = await db
    .selectFrom('ministries')
    .select(['id', 'code', 'name_ja'])
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  const accounts = demoAccounts(ministries.map((m) => ({ code: m.code, nameJa: m.name_ja })));
  const passwordHash = hashPassword(DEMO_PASSWORD, params);
  // Awaited later by seedDemoUsers; this only keeps a failure meanwhile from counting as unhandled.
  passwordHash.catch(() => undefined);
  return { accounts, ministryIds: new Map(ministries.map((m) => [m.code, m.id])), passwordHash };
}

/**
 * Inserts the demo accounts; an email that already exists (an operator created it first) is left as
 * it is. Returns how many accounts were created.
 */
export async function seedDemoUsers(db: Kysely<Database>, now: Date, prepared?: PreparedDemoUsers): Promise<number> {
  const { accounts, ministryIds, passwordHash } = prepared ?? (await prepareDemoUsers(db));
  const hash = await passwordHash;
  const rows = accounts.map((account) => {
    const ministryId = account.ministry === null ? null : ministryIds.get(account.ministry);
    if (ministryId === undefined) throw new Error(`Unknown ministry for demo account ${account.email}`);
    return {
      email: account.email,
      display_name: account.displayName,
      role: account.role,
      ministry_id: ministryId,
      password_hash: hash,
      created_at: now.toISOString(),
      disabled_at: null,
    };
  });
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('users')
    .values(rows)
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
