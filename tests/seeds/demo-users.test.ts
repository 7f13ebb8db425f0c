import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { OWASP_SCRYPT } from '../../server/auth/password';
import { MINISTRIES } from '../../common/taxonomy';
import { DEMO_PASSWORD, demoAccounts, prepareDemoUsers, seedDemoUsers } from '../../seeds/demo-users';
import { seedSampleIfEmpty } from '../../seeds/seed-sample';
import { ensureTaxonomy } from '../../db/reference-data';
import { createTestUser, signIn } from '../support/sessions';
import { TEST_DIALECTS, createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

// The demo accounts that come with the sample data (docs/product.md §4), and the README table that lists them.

const CHEAP = { N: 1024, r: 8, p: 1 };
const EXPECTED_EMAILS = [
  ...MINISTRIES.map((m) => `lead.${m.code}@demo.example.jp`),
  'secretariat@demo.example.jp',
  'executive@demo.example.jp',
  'analyst@demo.example.jp',
  'admin@demo.example.jp',
];

describe('the demo accounts', () => {
  it('are one lead per ministry, the secretariat, an executive, an analyst and an admin', () => {
    const accounts = demoAccounts(MINISTRIES);
    expect(accounts.map((a) => a.email)).toEqual(EXPECTED_EMAILS);
    for (const m of MINISTRIES) {
      expect(accounts.find((a) => a.ministry === m.code)).toMatchObject({
        role: 'ministry_lead',
        email: `lead.${m.code}@demo.example.jp`,
      });
    }
    expect(accounts.filter((a) => a.role !== 'ministry_lead').map((a) => [a.role, a.ministry])).toEqual([
      ['secretariat', null],
      ['executive', null],
      ['analyst', null],
      ['admin', null],
    ]);
  });

  it('are all listed in the README, with the password and a warning', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Demo accounts'));
    expect(section.length).toBeLessThan(readme.length);
    for (const email of EXPECTED_EMAILS) expect(section).toContain(`\`${email}\``);
    expect(section).toContain(DEMO_PASSWORD);
    expect(section).toMatch(/change or remove them/i);
  });
});

describe.each(TEST_DIALECTS)('seeding the demo accounts on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('creates them with the sample data, hashed at the OWASP parameters, once', async () => {
    database = await createTestDatabase(dialect);
    await ensureTaxonomy(database.db);
    const first = await seedSampleIfEmpty(database.db, { referenceDate: '2026-11-26' });
    expect(first).toMatchObject({ seeded: true, demoUsers: EXPECTED_EMAILS.length });
    const users = await database.db.selectFrom('users').select(['email', 'role', 'password_hash']).orderBy('email').execute();
    expect(users.map((u) => u.email)).toEqual([...EXPECTED_EMAILS].sort());
    for (const u of users)
      expect(u.password_hash).toMatch(new RegExp(`^scrypt\\$${OWASP_SCRYPT.N}\\$${OWASP_SCRYPT.r}\\$${OWASP_SCRYPT.p}\\$`));

    // The documented password works (one OWASP-cost check is enough).
    const app = createApp({ db: database.db, dialect: database.dialect });
    await expect(signIn(app, 'lead.meti@demo.example.jp', DEMO_PASSWORD)).resolves.toMatch(/^mt_session=/);

    expect(await seedSampleIfEmpty(database.db, { referenceDate: '2026-11-26' })).toEqual({ seeded: false, measures: 0 });
    expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(EXPECTED_EMAILS.length);
  });

  it('leaves an account an operator created first as it is', async () => {
    database = await createTestDatabase(dialect);
    await ensureTaxonomy(database.db);
    await createTestUser(database.db, { email: 'admin@demo.example.jp', role: 'admin', displayName: 'Real admin' });
    const created = await seedDemoUsers(
      database.db,
      new Date('2026-11-26T00:00:00Z'),
      await prepareDemoUsers(database.db, CHEAP),
    );
    expect(created).toBe(EXPECTED_EMAILS.length - 1);
    const admin = await database.db
      .selectFrom('users')
      .select('display_name')
      .where('email', '=', 'admin@demo.example.jp')
      .executeTakeFirstOrThrow();
    expect(admin.display_name).toBe('Real admin');
  });
});
