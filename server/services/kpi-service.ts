import type { SessionUser } from '../../common/roles';
import { canConfirmKpiCategories } from '../../common/roles';
import type { AppDeps } from '../app-env';
import { kpiCategoryRows, standingCategory } from '../domain/kpi-views';
import { ApiError, forbidden } from '../errors';
import { resolveFilters } from '../filters';
import { writeAudit } from '../repositories/audit-repository';
import {
  findKpiMeasure,
  insertConfirmation,
  kpiRecordsByMeasure,
  kpiStandings,
  latestObservationId,
  measureKeys,
  measureRefs,
} from '../repositories/kpi-repository';
import type { KpiDto, KpiQueueItem, KpiQueueResponse, KpiStatsResponse } from '../schemas/follow-up';
import type { KpiCategoryBody, KpiQueueQuery, KpiStatsQuery } from '../schemas/kpi-inputs';
import { DEFAULT_QUEUE_PAGE_SIZE } from '../schemas/kpi-inputs';
import { kpiView } from '../domain/kpi-views';
import { currentView } from './measure-write-service';
import { readMeasure } from './measures-service';

// The secretariat's side of structured KPIs (docs/product.md §3 "KPI progress categories", §4): the
// queue of categories to confirm, the confirmation itself, and the A / B / N counts of /stats/kpi.
// The categories come from server/domain/kpi-pacing.ts; the queries only fetch.

type KpiDeps = Pick<AppDeps, 'db' | 'taxonomy' | 'now'>;

/** GET /kpis: the KPIs of the measures in the field / ministry filters, pending or confirmed. */
export async function kpiQueue(deps: KpiDeps, query: KpiQueueQuery): Promise<KpiQueueResponse> {
  const filters = resolveFilters({ field: query.field, ministry: query.ministry }, await deps.taxonomy(), deps.now());
  const wanted = query.confirmation ?? 'pending';
  const standings = (await kpiStandings(deps.db, filters)).filter(
    (s) => standingCategory(s).confirmed === (wanted === 'confirmed'),
  );
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_QUEUE_PAGE_SIZE;
  const slice = standings.slice((page - 1) * pageSize, page * pageSize);
  const measureIds = [...new Set(slice.map((s) => s.measureId))];
  const [records, refs] = await Promise.all([
    kpiRecordsByMeasure(deps.db, measureIds, filters),
    measureRefs(deps.db, measureIds),
  ]);
  const items = slice.flatMap((s): KpiQueueItem[] => {
    const record = records.get(s.measureId)?.find((k) => k.id === s.id);
    const measure = refs.get(s.measureId);
    return record && measure ? [{ measure, kpi: kpiView(record) }] : [];
  });
  return { items, total: standings.length, page, pageSize };
}

/** GET /stats/kpi: counts of the shown category per field or ministry, under the list filters. */
export async function kpiStats(deps: KpiDeps, query: KpiStatsQuery): Promise<KpiStatsResponse> {
  const taxonomy = await deps.taxonomy();
  const filters = resolveFilters(query, taxonomy, deps.now());
  const by = query.by ?? 'field';
  const [standings, keys] = await Promise.all([kpiStandings(deps.db, filters), measureKeys(deps.db, filters, by)]);
  const rows = kpiCategoryRows(by === 'field' ? taxonomy.fields : taxonomy.ministries, standings, keys);
  return { asOf: filters.asOf, by, ...rows };
}

export interface ConfirmationRequest {
  user: SessionUser;
  kpiId: number;
  requestId: string;
}

/**
 * POST /kpis/:id/category: the secretariat confirms the computed category or overrides it with a
 * reason, judged against the latest observation it saw; if a newer one arrived meanwhile, 409 (the
 * judge must look again). Audited with the KPI before and after.
 */
export async function confirmKpiCategory(
  deps: KpiDeps,
  request: ConfirmationRequest,
  body: KpiCategoryBody,
): Promise<KpiQueueItem> {
  const { user, kpiId } = request;
  // The route's guard checked this already; checked again so that no path can skip it.
  if (!canConfirmKpiCategories(user)) throw forbidden('Only the secretariat or an administrator may confirm KPI categories');
  const owner = await findKpiMeasure(deps.db, kpiId);
  if (!owner) throw new ApiError(404, 'not_found', `No KPI ${kpiId}`);
  const now = deps.now();
  const view = currentView(now);
  const kpiOf = async (db: KpiDeps['db']) => {
    const measure = await readMeasure(db, owner.code, view);
    const kpi = measure?.kpis.find((k) => k.id === kpiId);
    if (!measure || !kpi) throw new ApiError(404, 'not_found', `No KPI ${kpiId}`);
    return { measure, kpi };
  };
  const { kpi: before } = await kpiOf(deps.db);
  const latestId = before.observations.at(-1)?.id ?? null;
  if (body.observationId !== latestId) throw observationChanged(kpiId, latestId);
  const reason = body.reason.trim();
  if (body.category !== before.computedCategory && reason === '') {
    throw new ApiError(
      400,
      'invalid_parameter',
      `reason: is required when the category differs from the computed one (${before.computedCategory})`,
      [{ path: ['reason'], message: `is required when the category differs from the computed one (${before.computedCategory})` }],
    );
  }
  return deps.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: an observation filed since the check above wins.
    const stillLatest = await latestObservationId(trx, kpiId);
    if (stillLatest !== body.observationId) throw observationChanged(kpiId, stillLatest);
    await insertConfirmation(trx, {
      kpiId,
      observationId: body.observationId,
      category: body.category,
      computedCategory: before.computedCategory,
      reason,
      actorUserId: user.id,
      actorEmail: user.email,
      now: now.toISOString(),
    });
    const { measure, kpi: after } = await kpiOf(trx);
    await writeAudit(trx, {
      action: 'kpi.confirm',
      entityType: 'kpi',
      entityCode: `${measure.code}/kpis/${kpiId}`,
      before: snapshot(measure.code, before),
      after: snapshot(measure.code, after),
      actor: user,
      requestId: request.requestId,
      now,
    });
    return {
      measure: { code: measure.code, titleJa: measure.titleJa, titleEn: measure.titleEn, leadMinistry: measure.leadMinistry },
      kpi: after,
    };
  });
}

function observationChanged(kpiId: number, latestId: number | null): ApiError {
  return new ApiError(
    409,
    'kpi_observation_changed',
    `KPI ${kpiId} has a newer observation (${latestId ?? 'none'}) than the one judged; look at it again`,
  );
}

function snapshot(measureCode: string, kpi: KpiDto) {
  return { measureCode, kpi };
}
