import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SeedKpi, SeedMeasure, SeedReport } from '../../seeds/seed-types';
import { fixtureMeasures } from './fixture-measures';

// fixture-measures.ts plus what GET /changes also compares (docs/decisions/014-changes-between-
// instants.md): KPIs whose shown category moves over the year (observations and a confirmation) and
// reschedules of milestones spread over the year, one of them brought forward. Written so that
// every change kind happens between 2026-07-05 and the fixture's now.

function kpi(overrides: Partial<SeedKpi> & Pick<SeedKpi, 'observations' | 'confirmations'>): SeedKpi {
  return {
    nameJa: '指標',
    nameEn: 'Indicator',
    unit: '件',
    direction: 'increase',
    baselineValue: 0,
    baselineDate: '2026-01-01',
    targetValue: 100,
    targetDate: '2026-12-31',
    source: 'fixture',
    createdAt: '2026-01-05T00:00:00.000Z',
    ...overrides,
  };
}

const obs = (value: number, observedOn: string, createdAt: string) => ({
  value,
  observedOn,
  source: 'fixture',
  recordedBy: 'fixture@demo.example.jp',
  createdAt,
  reportedAt: null,
});

/** The fixture's measures with a KPI each on METI-0001 and ENV-0011, and FSA-0010 resumed on 2026-11-20. */
export function changesFixtureMeasures(): SeedMeasure[] {
  return fixtureMeasures().map((m) => {
    if (m.code === 'METI-0001') {
      return {
        ...m,
        kpis: [
          kpi({
            nameJa: '試作機の数',
            nameEn: 'Prototypes built',
            // A on 03-31 (30 % at 25 % of the year), B on 06-30 (40 % at 50 %), confirmed A on 07-10,
            // A again by the rule on 09-30 (80 % at 75 %).
            observations: [
              obs(30, '2026-03-31', '2026-04-02T00:00:00.000Z'),
              obs(40, '2026-06-30', '2026-07-02T00:00:00.000Z'),
              obs(80, '2026-09-30', '2026-10-02T00:00:00.000Z'),
            ],
            confirmations: [
              {
                observationIndex: 1,
                category: 'A',
                computedCategory: 'B',
                reason: '年度後半に集中する計画',
                actorEmail: 'secretariat@demo.example.jp',
                confirmedAt: '2026-07-10T00:00:00.000Z',
              },
            ],
          }),
        ],
      };
    }
    if (m.code === 'ENV-0011') {
      return {
        ...m,
        kpis: [
          kpi({
            nameJa: '排出量',
            nameEn: 'Emissions',
            direction: 'decrease',
            baselineValue: 100,
            targetValue: 50,
            // B on 05-31 (10 % of the way at 41 % of the year), A on 10-31 (90 % at 83 %).
            observations: [obs(95, '2026-05-31', '2026-06-01T00:00:00.000Z'), obs(55, '2026-10-31', '2026-11-01T00:00:00.000Z')],
            confirmations: [],
          }),
        ],
      };
    }
    if (m.code === 'FSA-0010') {
      // Resumed and back on track: the one health that improves after 2026-07-05.
      const resumed: SeedReport = {
        reportedAt: '2026-11-20T01:00:00.000Z',
        reporter: 'fsa-lead',
        status: 'in_progress',
        health: 'on_track',
        note: 'resumed',
        evidenceUrl: null,
        completedMilestones: [],
      };
      return { ...m, reports: [...m.reports, resumed] };
    }
    return m;
  });
}

/** [measure code, milestone index, chain of due dates ending at the current one, instants of each move]. */
const RESCHEDULES: readonly [string, number, string[], string[]][] = [
  ['METI-0001', 1, ['2026-09-30', '2026-10-31'], ['2026-08-20T02:00:00.000Z']],
  ['MEXT-0002', 1, ['2026-06-30', '2026-08-31', '2026-09-30'], ['2026-05-10T02:00:00.000Z', '2026-08-25T02:00:00.000Z']],
  ['CAO-0003', 1, ['2026-12-31', '2027-05-31'], ['2026-10-05T02:00:00.000Z']],
  ['MLIT-0007', 0, ['2026-03-31', '2026-09-30', '2026-12-31'], ['2026-02-20T02:00:00.000Z', '2026-07-01T02:00:00.000Z']],
  // Brought forward: a revision, but no slip.
  ['ENV-0011', 2, ['2027-06-30', '2027-03-31'], ['2026-09-15T02:00:00.000Z']],
];

/** Appends the revision log of RESCHEDULES, keeping each milestone's current due date at the chain's end. */
export async function addReschedules(db: Kysely<Database>): Promise<void> {
  for (const [code, index, chain, instants] of RESCHEDULES) {
    const ms = await db
      .selectFrom('milestones as ms')
      .innerJoin('measures as m', 'm.id', 'ms.measure_id')
      .select(['ms.id', 'ms.due_date'])
      .where('m.code', '=', code)
      .orderBy('ms.sort_order')
      .orderBy('ms.id')
      .execute();
    const target = ms[index];
    if (!target) throw new Error(`no milestone ${index} of ${code}`);
    const last = chain.at(-1) ?? target.due_date;
    await db
      .updateTable('milestones')
      .set({ due_date: last, baseline_due_date: chain[0] ?? last })
      .where('id', '=', target.id)
      .execute();
    for (const [i, recordedAt] of instants.entries()) {
      await db
        .insertInto('milestone_revisions')
        .values({
          milestone_id: target.id,
          previous_due_date: chain[i] ?? last,
          due_date: chain[i + 1] ?? last,
          recorded_at: recordedAt,
          actor_email: 'fixture@demo.example.jp',
          reason: 'fixture',
        })
        .execute();
    }
  }
}
