import { sql } from 'kysely';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, KpiCategoryConfirmationsTable, KpisTable } from '../../db/schema';
import type { KpiRecord } from '../domain/kpi-views';
import type { KpiReading } from '../domain/kpi-pacing';
import type { KpiCategory, KpiConfirmationDto, KpiDirection, KpiObservationDto } from '../schemas/follow-up';
import { filteredMeasures } from './measure-filter';
import type { ResolvedFilters } from './measure-filter';

// The SQL of structured KPIs (docs/product.md §3 "KPI progress categories", §4): their records with
// observations and confirmations as of a view, the queue's and /stats/kpi's grouped reads, and the
// writes. Categories are never computed here: server/domain/kpi-pacing.ts does that.

type Db = Kysely<Database> | Transaction<Database>;

/** What was known as of: observations dated by then and recorded by then, confirmations made by then. */
export interface KpiAsOf {
  asOf: string;
  asOfInstant: string;
}

type KpiRow = Selectable<KpisTable>;
type ConfirmationRow = Pick<
  Selectable<KpiCategoryConfirmationsTable>,
  'kpi_id' | 'category' | 'computed_category' | 'reason' | 'actor_email' | 'confirmed_at' | 'observation_id'
>;

function confirmationDto(r: ConfirmationRow): KpiConfirmationDto {
  return {
    category: r.category,
    computedCategory: r.computed_category,
    reason: r.reason,
    actor: r.actor_email,
    confirmedAt: r.confirmed_at,
    observationId: r.observation_id,
  };
}

function planOf(k: KpiRow) {
  return {
    id: k.id,
    nameJa: k.name_ja,
    nameEn: k.name_en,
    unit: k.unit,
    direction: k.direction,
    baselineValue: Number(k.baseline_value),
    baselineDate: k.baseline_date,
    targetValue: Number(k.target_value),
    targetDate: k.target_date,
    source: k.source,
  };
}

/** The KPIs of the given measures with every observation and their latest confirmation, as of the view. */
export async function kpiRecordsByMeasure(
  db: Db,
  measureIds: readonly number[],
  view: KpiAsOf,
): Promise<Map<number, KpiRecord[]>> {
  const result = new Map<number, KpiRecord[]>();
  if (measureIds.length === 0) return result;
  const kpis = await db
    .selectFrom('kpis')
    .selectAll()
    .where('measure_id', 'in', measureIds)
    .where('created_at', '<=', view.asOfInstant)
    .orderBy('measure_id')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  if (kpis.length === 0) return result;
  const ids = kpis.map((k) => k.id);
  const [observations, confirmations] = await Promise.all([
    db
      .selectFrom('kpi_observations')
      .selectAll()
      .where('kpi_id', 'in', ids)
      .where('observed_on', '<=', view.asOf)
      .where('created_at', '<=', view.asOfInstant)
      .orderBy('observed_on')
      .orderBy('id')
      .execute(),
    latestConfirmations(db, ids, view.asOfInstant),
  ]);
  const observationsByKpi = new Map<number, KpiObservationDto[]>();
  for (const o of observations) {
    const list = observationsByKpi.get(o.kpi_id) ?? [];
    list.push({
      id: o.id,
      value: Number(o.value),
      observedOn: o.observed_on,
      source: o.source,
      reportId: o.report_id,
      recordedBy: o.recorded_by,
      createdAt: o.created_at,
    });
    observationsByKpi.set(o.kpi_id, list);
  }
  for (const k of kpis) {
    const list = result.get(k.measure_id) ?? [];
    const confirmation = confirmations.get(k.id);
    list.push({
      ...planOf(k),
      observations: observationsByKpi.get(k.id) ?? [],
      latestConfirmation: confirmation ? confirmationDto(confirmation) : null,
    });
    result.set(k.measure_id, list);
  }
  return result;
}

/** The latest confirmation (by time, then id) of each KPI made by the instant, in one grouped query. */
async function latestConfirmations(
  db: Db,
  kpiIds: readonly number[] | null,
  instant: string,
): Promise<Map<number, ConfirmationRow>> {
  let ranked = db
    .selectFrom('kpi_category_confirmations as c')
    .select([
      'c.kpi_id',
      'c.category',
      'c.computed_category',
      'c.reason',
      'c.actor_email',
      'c.confirmed_at',
      'c.observation_id',
      sql<number>`ROW_NUMBER() OVER (PARTITION BY c.kpi_id ORDER BY c.confirmed_at DESC, c.id DESC)`.as('rn'),
    ])
    .where('c.confirmed_at', '<=', instant);
  if (kpiIds) ranked = ranked.where('c.kpi_id', 'in', kpiIds);
  const rows = await db.selectFrom(ranked.as('r')).selectAll().where('r.rn', '=', 1).execute();
  return new Map(rows.map((r) => [r.kpi_id, r]));
}

// ---------------------------------------------------------------------------------------------
// Grouped reads over the filtered measures: the queue and /stats/kpi

/** A KPI of a filtered measure with its latest observation and latest confirmation, as of the filters. */
export interface KpiStanding {
  id: number;
  measureId: number;
  measureCode: string;
  plan: ReturnType<typeof planOf>;
  latest: (KpiReading & { id: number }) | null;
  latestConfirmation: KpiConfirmationDto | null;
}

/**
 * Every KPI of the measures the filters select, with its latest observation and confirmation as of
 * the filters' instant, in ONE query whatever the number of KPIs (so /stats/kpi stays fast at 10,000
 * measures).
 */
export async function kpiStandings(db: Kysely<Database>, f: ResolvedFilters): Promise<KpiStanding[]> {
  // The latest observation per KPI by two grouped passes (its latest date, then the highest id on
  // that date) and likewise the latest confirmation: hash or index aggregates on both databases,
  // never a lookup or a sort per KPI.
  const rows = await db
    .with('filtered', () => filteredMeasures(db, f))
    .with('obs_day', (qb) =>
      qb
        .selectFrom('kpi_observations')
        .select(['kpi_id', sql<string>`MAX(observed_on)`.as('day')])
        .where('observed_on', '<=', f.asOf)
        .where('created_at', '<=', f.asOfInstant)
        .groupBy('kpi_id'),
    )
    .with('obs_latest', (qb) =>
      qb
        .selectFrom('kpi_observations as o')
        .innerJoin('obs_day as d', (j) => j.onRef('d.kpi_id', '=', 'o.kpi_id').onRef('d.day', '=', 'o.observed_on'))
        .select(['o.kpi_id', sql<number>`MAX(o.id)`.as('id')])
        .where('o.created_at', '<=', f.asOfInstant)
        .groupBy('o.kpi_id'),
    )
    .with('conf_time', (qb) =>
      qb
        .selectFrom('kpi_category_confirmations')
        .select(['kpi_id', sql<string>`MAX(confirmed_at)`.as('at')])
        .where('confirmed_at', '<=', f.asOfInstant)
        .groupBy('kpi_id'),
    )
    .with('conf_latest', (qb) =>
      qb
        .selectFrom('kpi_category_confirmations as c')
        .innerJoin('conf_time as t', (j) => j.onRef('t.kpi_id', '=', 'c.kpi_id').onRef('t.at', '=', 'c.confirmed_at'))
        .select(['c.kpi_id', sql<number>`MAX(c.id)`.as('id')])
        .groupBy('c.kpi_id'),
    )
    .selectFrom('kpis as x')
    .innerJoin('filtered as fl', 'fl.id', 'x.measure_id')
    .innerJoin('measures as m', 'm.id', 'x.measure_id')
    .leftJoin('obs_latest as ol', 'ol.kpi_id', 'x.id')
    .leftJoin('kpi_observations as o', 'o.id', 'ol.id')
    .leftJoin('conf_latest as cl', 'cl.kpi_id', 'x.id')
    .leftJoin('kpi_category_confirmations as c', 'c.id', 'cl.id')
    .selectAll('x')
    .select([
      'm.code as measure_code',
      'o.id as observation_id',
      'o.value as o_value',
      'o.observed_on as o_observed_on',
      'c.id as confirmation_id',
      'c.category as c_category',
      'c.computed_category as c_computed_category',
      'c.reason as c_reason',
      'c.actor_email as c_actor_email',
      'c.confirmed_at as c_confirmed_at',
      'c.observation_id as c_observation_id',
    ])
    .where('x.created_at', '<=', f.asOfInstant)
    .orderBy('m.code')
    .orderBy('x.sort_order')
    .orderBy('x.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    measureId: r.measure_id,
    measureCode: r.measure_code,
    plan: planOf(r),
    latest:
      r.observation_id !== null && r.o_value !== null && r.o_observed_on !== null
        ? { id: r.observation_id, value: Number(r.o_value), observedOn: r.o_observed_on }
        : null,
    latestConfirmation:
      r.confirmation_id !== null &&
      r.c_category !== null &&
      r.c_computed_category !== null &&
      r.c_reason !== null &&
      r.c_actor_email !== null &&
      r.c_confirmed_at !== null
        ? confirmationDto({
            kpi_id: r.id,
            category: r.c_category,
            computed_category: r.c_computed_category,
            reason: r.c_reason,
            actor_email: r.c_actor_email,
            confirmed_at: r.c_confirmed_at,
            observation_id: r.c_observation_id,
          })
        : null,
  }));
}

/** (measure, field or ministry id) pairs of the filtered measures; ministries lead and co alike. */
export async function measureKeys(
  db: Kysely<Database>,
  f: ResolvedFilters,
  by: 'field' | 'ministry',
): Promise<{ measureId: number; key: number }[]> {
  const base = db.with('filtered', () => filteredMeasures(db, f));
  const rows =
    by === 'field'
      ? await base
          .selectFrom('filtered as fl')
          .innerJoin('measure_fields as link', 'link.measure_id', 'fl.id')
          .select(['fl.id as measure_id', 'link.field_id as key'])
          .where((eb) => eb.exists(eb.selectFrom('kpis').select('kpis.id').whereRef('kpis.measure_id', '=', 'fl.id')))
          .execute()
      : await base
          .selectFrom('filtered as fl')
          .innerJoin('measure_ministries as link', 'link.measure_id', 'fl.id')
          .select(['fl.id as measure_id', 'link.ministry_id as key'])
          .where((eb) => eb.exists(eb.selectFrom('kpis').select('kpis.id').whereRef('kpis.measure_id', '=', 'fl.id')))
          .execute();
  return rows.map((r) => ({ measureId: r.measure_id, key: r.key }));
}

/** Code, titles and lead ministry of the given measures, by id. */
export async function measureRefs(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, { code: string; titleJa: string; titleEn: string; leadMinistry: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('measures as m')
    .innerJoin('ministries as lead', 'lead.id', 'm.lead_ministry_id')
    .select(['m.id', 'm.code', 'm.title_ja', 'm.title_en', 'lead.code as lead_code'])
    .where('m.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, titleJa: r.title_ja, titleEn: r.title_en, leadMinistry: r.lead_code }]));
}

// ---------------------------------------------------------------------------------------------
// Writes (inside a measure write's transaction, or the confirmation's own)

export interface KpiFields {
  nameJa: string;
  nameEn: string;
  unit: string;
  direction: KpiDirection;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
  source: string;
}

function kpiColumns(k: Partial<KpiFields>) {
  return {
    ...(k.nameJa !== undefined ? { name_ja: k.nameJa } : {}),
    ...(k.nameEn !== undefined ? { name_en: k.nameEn } : {}),
    ...(k.unit !== undefined ? { unit: k.unit } : {}),
    ...(k.direction !== undefined ? { direction: k.direction } : {}),
    ...(k.baselineValue !== undefined ? { baseline_value: k.baselineValue } : {}),
    ...(k.baselineDate !== undefined ? { baseline_date: k.baselineDate } : {}),
    ...(k.targetValue !== undefined ? { target_value: k.targetValue } : {}),
    ...(k.targetDate !== undefined ? { target_date: k.targetDate } : {}),
    ...(k.source !== undefined ? { source: k.source } : {}),
  };
}

/** Adds a KPI at the end of the measure's list. */
export async function insertKpi(trx: Transaction<Database>, measureId: number, k: KpiFields, now: string): Promise<number> {
  const last = await trx
    .selectFrom('kpis')
    .select((eb) => eb.fn.max('sort_order').as('n'))
    .where('measure_id', '=', measureId)
    .executeTakeFirst();
  const inserted = await trx
    .insertInto('kpis')
    .values({
      measure_id: measureId,
      name_ja: k.nameJa,
      name_en: k.nameEn,
      unit: k.unit,
      direction: k.direction,
      baseline_value: k.baselineValue,
      baseline_date: k.baselineDate,
      target_value: k.targetValue,
      target_date: k.targetDate,
      source: k.source,
      sort_order: Number(last?.n ?? 0) + 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateKpi(
  trx: Transaction<Database>,
  measureId: number,
  kpiId: number,
  changes: Partial<KpiFields>,
  now: string,
): Promise<void> {
  const result = await trx
    .updateTable('kpis')
    .set({ ...kpiColumns(changes), updated_at: now })
    .where('id', '=', kpiId)
    .where('measure_id', '=', measureId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`KPI ${kpiId} could not be updated`);
}

export interface NewObservation {
  kpiId: number;
  value: number;
  observedOn: string;
  source: string;
  reportId: number | null;
  recordedBy: string;
  now: string;
}

export async function insertObservations(trx: Transaction<Database>, observations: readonly NewObservation[]): Promise<number[]> {
  if (observations.length === 0) return [];
  const rows = await trx
    .insertInto('kpi_observations')
    .values(
      observations.map((o) => ({
        kpi_id: o.kpiId,
        report_id: o.reportId,
        value: o.value,
        observed_on: o.observedOn,
        source: o.source,
        recorded_by: o.recordedBy,
        created_at: o.now,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A KPI's measure (code, lead ministry), for the confirmation's checks; null when unknown. */
export async function findKpiMeasure(db: Db, kpiId: number): Promise<{ measureId: number; code: string } | null> {
  const row = await db
    .selectFrom('kpis as k')
    .innerJoin('measures as m', 'm.id', 'k.measure_id')
    .select(['k.measure_id', 'm.code'])
    .where('k.id', '=', kpiId)
    .executeTakeFirst();
  return row ? { measureId: row.measure_id, code: row.code } : null;
}

/** The id of a KPI's latest observation now (latest observed date, then id), or null. */
export async function latestObservationId(db: Db, kpiId: number): Promise<number | null> {
  const row = await db
    .selectFrom('kpi_observations')
    .select('id')
    .where('kpi_id', '=', kpiId)
    .orderBy('observed_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface NewConfirmation {
  kpiId: number;
  observationId: number | null;
  category: KpiCategory;
  computedCategory: KpiCategory;
  reason: string;
  actorUserId: number;
  actorEmail: string;
  now: string;
}

export async function insertConfirmation(trx: Transaction<Database>, c: NewConfirmation): Promise<void> {
  await trx
    .insertInto('kpi_category_confirmations')
    .values({
      kpi_id: c.kpiId,
      observation_id: c.observationId,
      category: c.category,
      computed_category: c.computedCategory,
      reason: c.reason,
      actor_user_id: c.actorUserId,
      actor_email: c.actorEmail,
      confirmed_at: c.now,
    })
    .execute();
}
