import type { Kysely } from 'kysely';
import { jstDateOf } from '../../common/calendar';
import { isRole } from '../../common/roles';
import type { Database } from '../../db/schema';
import { loadTaxonomy } from '../../server/repositories/taxonomy-repository';
import { createEdition } from '../../server/services/editions-service';
import { SAMPLE_SECRETARIAT_EMAIL } from './sample-rounds';

// The sample's frozen editions (docs/product.md §2 "Meetings and editions"): what each past meeting
// was shown, frozen by the demo secretariat through the same service as POST /editions, as of the
// meeting's day (rebuilt from the report log, decision 005), so that /editions, the dashboard's
// ?edition= and 「前回会議からの変化」 have something to open. Made once, right after the sample.

/** Freezes an edition `<meeting>-<date>` for every meeting held by `now`; returns how many. */
export async function freezeSampleEditions(db: Kysely<Database>, now: Date): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role'])
    .where('email', '=', SAMPLE_SECRETARIAT_EMAIL)
    .executeTakeFirst();
  if (!row || !isRole(row.role)) return 0;
  const user = { id: row.id, email: row.email, displayName: row.display_name, role: row.role, ministry: null };
  const today = jstDateOf(now);
  const taxonomy = await loadTaxonomy(db);
  const deps = { db, taxonomy: () => Promise.resolve(taxonomy), now: () => now };
  let frozen = 0;
  for (const meeting of taxonomy.meetings.filter((m) => m.date <= today)) {
    await createEdition(
      deps,
      { user, requestId: 'sample-seed' },
      { code: `${meeting.code}-${meeting.date}`, meeting: meeting.code, asOf: meeting.date },
    );
    frozen += 1;
  }
  return frozen;
}
