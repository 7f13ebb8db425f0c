import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { VerificationQueueItem } from '../schemas/follow-up';
import { filteredMeasures } from './measure-filter';
import type { ResolvedFilters } from './measure-filter';

// The queue of milestone completions for the secretariat to verify (docs/product.md §4 "Verified
// milestones"): the filtered measures' completed milestones, oldest completion first.

export interface VerificationQueueOptions {
  /** pending: reported complete, not verified; verified: verified complete. */
  state: 'pending' | 'verified';
  page: number;
  pageSize: number;
}

export async function verificationQueue(
  db: Kysely<Database>,
  f: ResolvedFilters,
  options: VerificationQueueOptions,
): Promise<{ items: VerificationQueueItem[]; total: number }> {
  const base = () =>
    db
      .with('filtered', () => filteredMeasures(db, f))
      .selectFrom('filtered as fl')
      .innerJoin('milestones as ms', 'ms.measure_id', 'fl.id')
      .where('ms.completed_date', 'is not', null)
      .where('ms.verified_at', options.state === 'pending' ? 'is' : 'is not', null);
  const [count, rows] = await Promise.all([
    base()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    base()
      .innerJoin('measures as m', 'm.id', 'fl.id')
      .innerJoin('ministries as lead', 'lead.id', 'm.lead_ministry_id')
      .select([
        'm.code',
        'm.title_ja',
        'm.title_en',
        'lead.code as lead_code',
        'ms.id',
        'ms.title_ja as ms_title_ja',
        'ms.title_en as ms_title_en',
        'ms.due_date',
        'ms.completed_date',
        'ms.evidence_url',
        'ms.weight',
      ])
      .orderBy('ms.completed_date')
      .orderBy('ms.id')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
  ]);
  const items = rows.flatMap((r): VerificationQueueItem[] =>
    r.completed_date === null
      ? []
      : [
          {
            measure: { code: r.code, titleJa: r.title_ja, titleEn: r.title_en, leadMinistry: r.lead_code },
            milestone: {
              id: r.id,
              titleJa: r.ms_title_ja,
              titleEn: r.ms_title_en,
              dueDate: r.due_date,
              completedDate: r.completed_date,
              evidenceUrl: r.evidence_url,
              weight: r.weight,
            },
          },
        ],
  );
  return { items, total: Number(count.n) };
}
