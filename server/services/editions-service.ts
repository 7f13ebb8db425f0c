import { z } from 'zod';
import { canFreezeEditions } from '../../common/roles';
import type { SessionUser } from '../../common/roles';
import { isUniqueViolation } from '../../db/dialect';
import type { AppDeps } from '../app-env';
import { ApiError, forbidden, validationError } from '../errors';
import type { ApiIssue } from '../errors';
import { resolveDeadline, resolveFilters } from '../filters';
import { writeAudit } from '../repositories/audit-repository';
import { editionExists, findEditionView, findEditions, insertEdition } from '../repositories/editions-repository';
import type { EditionRecord } from '../repositories/editions-repository';
import { BASES } from '../schemas/follow-up';
import { EDITION_VIEWS } from '../schemas/meeting-pack';
import type { CreateEditionBody, EditionDto, EditionListResponse } from '../schemas/meeting-pack';
import { MAX_PAGE_SIZE, statsQuery } from '../schemas/query';
import type { StatsQuery } from '../schemas/query';
import { kpiStatsResponse } from '../schemas/follow-up';
import type { KpiStatsResponse } from '../schemas/follow-up';
import { breakdownResponse, burnupResponse, heatmapResponse, measureListResponse, summaryResponse } from '../schemas/responses';
import type { MeasureListResponse } from '../schemas/responses';
import { kpiStats } from './kpi-service';
import { DEFAULT_PAGE_SIZE, listMeasuresPage } from './measures-service';
import { statsBreakdown, statsBurnup, statsHeatmap, statsSummary } from './stats-service';

// Editions (docs/product.md §2 "Meetings and editions", docs/decisions/013-frozen-editions.md): what
// was presented at a meeting, frozen by calling the live statistics once, at one instant, in one
// transaction that sees one snapshot, and stored as their response bodies. Reading an edition
// answers those bodies as stored; nothing ever recomputes them.

type EditionDeps = Pick<AppDeps, 'db' | 'taxonomy' | 'now'>;

export interface EditionWriteRequest {
  user: SessionUser;
  requestId: string;
}

/** The filters of an edition: the statistics' own query without `asOf` (the body names it). */
const editionFilters = statsQuery.omit({ asOf: true });

/** KPI categories by ministry: stored beside `kpi` (by field), answered by `kpi?by=ministry`. */
export const KPI_BY_MINISTRY_VIEW = 'kpi-by-ministry';

/** The list filters an edition keeps in `filters` (basis and deadline have fields of their own). */
const LIST_FILTERS = ['field', 'ministry', 'status', 'health', 'pillar', 'instrument', 'q'] as const;

const storedFilters = z.record(z.string(), z.array(z.string()));

function normalisedFilters(query: StatsQuery): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const name of LIST_FILTERS) {
    const value = query[name];
    if (value === undefined) continue;
    const codes = Array.isArray(value) ? value : [value];
    if (codes.length > 0 && codes.some((c) => c !== '')) filters[name] = codes;
  }
  return filters;
}

function dtoOf(record: EditionRecord): EditionDto {
  const stored = new Set(record.views);
  return {
    code: record.code,
    meeting: record.meeting,
    asOf: record.asOf,
    asOfInstant: record.asOfInstant,
    deadline: record.deadline,
    basis: z.enum(BASES).parse(record.basis),
    filters: storedFilters.parse(JSON.parse(record.filtersJson)),
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    views: EDITION_VIEWS.filter((v) => stored.has(v)),
  };
}

function editionExistsError(code: string): ApiError {
  return new ApiError(409, 'edition_exists', `An edition with code ${code} exists already; choose another code`);
}

function notFound(code: string): ApiError {
  return new ApiError(404, 'edition_not_found', `No edition with code ${code}`);
}

/** A 400 of the filters' resolution, its parameter named under `filters` where it came from there. */
function underFilters(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.issues) return error;
  const issues = error.issues.map((i) => (i.path[0] === 'asOf' ? i : { ...i, path: ['filters', ...i.path] }));
  return new ApiError(400, error.code, issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), issues);
}

/** The list and the KPI statistics take no deadline. */
function withoutDeadline(query: StatsQuery): Omit<StatsQuery, 'deadline'> {
  const rest = { ...query };
  delete rest.deadline;
  return rest;
}

/** The whole filtered list, most behind first, read page by page (each page as the live list answers it). */
async function wholeList(deps: EditionDeps, query: StatsQuery): Promise<MeasureListResponse> {
  const listQuery = withoutDeadline(query);
  const first = await listMeasuresPage(deps, { ...listQuery, sort: 'behind', page: 1, pageSize: MAX_PAGE_SIZE });
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page += 1) {
    const next = await listMeasuresPage(deps, { ...listQuery, sort: 'behind', page, pageSize: MAX_PAGE_SIZE });
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { ...first, items, page: 1, pageSize: Math.max(items.length, 1) };
}

/**
 * POST /editions: freezes every view under the body's filters at one instant. 400 for an unknown
 * meeting, filter or code, or an as-of date after today; 409 when the code is taken. Audited.
 */
export async function createEdition(
  deps: EditionDeps,
  request: EditionWriteRequest,
  body: CreateEditionBody,
): Promise<EditionDto> {
  const { user } = request;
  // The route's guard checked this already; checked again so that no path can skip it.
  if (!canFreezeEditions(user)) throw forbidden('Only the secretariat or an administrator may freeze an edition');
  const taxonomy = await deps.taxonomy();
  const issues: ApiIssue[] = [];
  const parsed = editionFilters.safeParse(body.filters ?? {});
  if (!parsed.success) {
    for (const issue of validationError(parsed.error).issues ?? []) issues.push({ ...issue, path: ['filters', ...issue.path] });
  }
  const meeting = taxonomy.meetings.find((m) => m.code === body.meeting);
  if (!meeting) issues.push({ path: ['meeting'], message: `unknown meeting: ${body.meeting}` });
  // A retired meeting gets no new editions; those frozen for it before keep showing it (decision 026).
  else if (meeting.retired) issues.push({ path: ['meeting'], message: `meeting ${body.meeting} is retired` });
  if (issues.length > 0 || !parsed.success || !meeting) {
    throw new ApiError(400, 'invalid_parameter', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), issues);
  }

  // One instant for every view: the live services each read the clock, so they get this one.
  const now = deps.now();
  const query: StatsQuery = { ...parsed.data, asOf: body.asOf };
  let resolved;
  try {
    const filters = resolveFilters(query, taxonomy, now);
    resolved = { filters, deadline: resolveDeadline(query.deadline, taxonomy, filters.asOf) };
  } catch (error) {
    throw underFilters(error);
  }
  if (await editionExists(deps.db, body.code)) throw editionExistsError(body.code);
  // Every view is asked for the deadline in force at the as-of date, named, so that all agree.
  const frozenQuery: StatsQuery = { ...query, deadline: resolved.deadline.code };
  const kpiQuery = withoutDeadline(frozenQuery);

  try {
    // One snapshot: PostgreSQL's repeatable read; SQLite's transaction holds the one connection.
    await deps.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        // The taxonomy read above: its cache reads the data version on the outer connection, which
        // SQLite's transaction holds.
        const live: EditionDeps = { db: trx, taxonomy: () => Promise.resolve(taxonomy), now: () => now };
        // One after the other: a transaction has one connection, so nothing is gained in parallel.
        const views = new Map<string, unknown>([
          ['summary', await statsSummary(live, frozenQuery)],
          ['by-field', await statsBreakdown(live, frozenQuery, 'field')],
          ['by-ministry', await statsBreakdown(live, frozenQuery, 'ministry')],
          ['heatmap', await statsHeatmap(live, frozenQuery)],
          ['burnup', await statsBurnup(live, frozenQuery)],
          ['kpi', await kpiStats(live, { ...kpiQuery, by: 'field' })],
          [KPI_BY_MINISTRY_VIEW, await kpiStats(live, { ...kpiQuery, by: 'ministry' })],
          ['measures', await wholeList(live, frozenQuery)],
        ]);
        await insertEdition(
          trx,
          {
            code: body.code,
            meetingId: meeting.id,
            asOf: resolved.filters.asOf,
            asOfInstant: resolved.filters.asOfInstant,
            deadline: resolved.deadline.code,
            basis: resolved.filters.basis,
            filtersJson: JSON.stringify(normalisedFilters(frozenQuery)),
            createdByUserId: user.id,
            createdByEmail: user.email,
            createdAt: now.toISOString(),
          },
          new Map([...views].map(([name, value]) => [name, JSON.stringify(value)])),
        );
        const [created] = await findEditions(trx, body.code);
        if (!created) throw new Error(`Edition ${body.code} vanished while it was created`);
        await writeAudit(trx, {
          actor: user,
          action: 'edition.create',
          entityType: 'edition',
          entityCode: body.code,
          before: null,
          after: dtoOf(created),
          requestId: request.requestId,
          now,
        });
      });
  } catch (error) {
    // Two callers freezing the same code at once: the unique index lets one through.
    if (isUniqueViolation(error)) throw editionExistsError(body.code);
    throw error;
  }
  return editionDetail(deps, body.code);
}

/** GET /editions: newest meeting first, then newest first. */
export async function listEditions(deps: Pick<AppDeps, 'db'>): Promise<EditionListResponse> {
  return { items: (await findEditions(deps.db)).map(dtoOf) };
}

/** GET /editions/:code. */
export async function editionDetail(deps: Pick<AppDeps, 'db'>, code: string): Promise<EditionDto> {
  const [record] = await findEditions(deps.db, code);
  if (!record) throw notFound(code);
  return dtoOf(record);
}

/** A stored view as it was frozen, with the name its ETag carries. */
export interface StoredView<T> {
  tag: string;
  body: T;
}

async function storedView<S extends z.ZodType>(
  deps: Pick<AppDeps, 'db'>,
  code: string,
  view: string,
  schema: S,
): Promise<z.output<S>> {
  const text = await findEditionView(deps.db, code, view);
  if (text !== null) return schema.parse(JSON.parse(text));
  if (await editionExists(deps.db, code)) {
    throw new ApiError(404, 'not_found', `Edition ${code} has no view ${view}`);
  }
  throw notFound(code);
}

/** A reader of one stored statistic, checked against its live response schema as it is read back. */
function viewReader<S extends z.ZodType>(view: string, schema: S) {
  return async (deps: Pick<AppDeps, 'db'>, code: string): Promise<StoredView<z.output<S>>> => ({
    tag: `edition-${code}-${view}`,
    body: await storedView(deps, code, view, schema),
  });
}

/** GET /editions/:code/summary, by-field, by-ministry, heatmap, burnup: the bodies as stored. */
export const editionSummary = viewReader('summary', summaryResponse);
export const editionByField = viewReader('by-field', breakdownResponse);
export const editionByMinistry = viewReader('by-ministry', breakdownResponse);
export const editionHeatmap = viewReader('heatmap', heatmapResponse);
export const editionBurnup = viewReader('burnup', burnupResponse);

/** GET /editions/:code/kpi: the KPI categories by field or by ministry as stored. */
export async function editionKpi(
  deps: Pick<AppDeps, 'db'>,
  code: string,
  query: { by?: 'field' | 'ministry' },
): Promise<StoredView<KpiStatsResponse>> {
  const view = query.by === 'ministry' ? KPI_BY_MINISTRY_VIEW : 'kpi';
  return { tag: `edition-${code}-${view}`, body: await storedView(deps, code, view, kpiStatsResponse) };
}

/** GET /editions/:code/measures: one page of the frozen list in its stored order (most behind first). */
export async function editionMeasures(
  deps: Pick<AppDeps, 'db'>,
  code: string,
  query: { page?: number; pageSize?: number },
): Promise<StoredView<MeasureListResponse>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const list = await storedView(deps, code, 'measures', measureListResponse);
  const start = (page - 1) * pageSize;
  return {
    tag: `edition-${code}-measures-${page}-${pageSize}`,
    body: { ...list, items: list.items.slice(start, start + pageSize), page, pageSize },
  };
}
