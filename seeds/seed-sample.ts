import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { prepareDemoUsers, seedDemoUsers } from './demo-users';
import { loadTaxonomyIds, writeFollowUpDecisions, writeMeasureHistory, writeRounds } from './measure-writer';
import { generateSampleData } from './sample/generate-sample';
import { freezeSampleEditions } from './sample/sample-editions';
import { sampleMeetings } from './sample/sample-meetings';

class NotEmpty extends Error {}

/** The sample's meetings, where no meeting of that code exists (an operator's own are kept). */
async function writeMeetings(db: Kysely<Database>, referenceDate: string): Promise<void> {
  const meetings = sampleMeetings(referenceDate).map((m, index) => ({
    code: m.code,
    name_ja: m.nameJa,
    name_en: m.nameEn,
    date: m.date,
    sort_order: index + 1,
  }));
  await db
    .insertInto('meetings')
    .values(meetings)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

/**
 * Seeds the illustrative sample data when the database holds no measures, once. The claim row in
 * seed_runs is written first, inside the same transaction: when several servers start on one empty
 * database, exactly one seeds and the others see the claim and skip (SQLite serialises the writers;
 * PostgreSQL's primary key makes the losers' inserts no-ops). A restart never re-seeds.
 * The demo accounts (README, "Demo accounts") come with the sample, in the same transaction, and
 * the follow-up round's decisions after them so that they name the secretariat's account. Then the
 * past meetings' editions are frozen by the demo secretariat (seeds/sample/sample-editions.ts).
 */
export async function seedSampleIfEmpty(
  db: Kysely<Database>,
  options: { referenceDate: string },
): Promise<{ seeded: boolean; measures: number; demoUsers?: number; editions?: number }> {
  const result = await seedSampleData(db, options);
  if (!result.seeded) return result;
  // After the data is committed: each edition is frozen in its own snapshot, as POST /editions does.
  return { ...result, editions: await freezeSampleEditions(db, new Date()) };
}

async function seedSampleData(
  db: Kysely<Database>,
  options: { referenceDate: string },
): Promise<{ seeded: boolean; measures: number; demoUsers?: number }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const claim = await trx
        .insertInto('seed_runs')
        .values({ name: 'sample', reference_date: options.referenceDate, seeded_at: new Date().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return { seeded: false, measures: 0 };
      const existing = await trx.selectFrom('measures').select('id').limit(1).executeTakeFirst();
      if (existing) throw new NotEmpty();
      // Only the process that won the claim hashes the demo passwords, while it writes the measures.
      const demo = await prepareDemoUsers(trx);
      const { rounds, measures } = generateSampleData({ referenceDate: options.referenceDate });
      const ids = await loadTaxonomyIds(trx);
      await writeRounds(trx, rounds, ids);
      await writeMeetings(trx, options.referenceDate);
      await writeMeasureHistory(trx, measures, ids);
      const demoUsers = await seedDemoUsers(trx, new Date(), demo);
      // After the accounts: the reviews and verifications name the secretariat's user id.
      await writeFollowUpDecisions(trx, measures);
      return { seeded: true, measures: measures.length, demoUsers };
    });
  } catch (error) {
    if (error instanceof NotEmpty) return { seeded: false, measures: 0 };
    throw error;
  }
}
