import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../app-env';
import { measureDetailView, measureListItemView } from '../domain/measure-views';
import type { MeasureViewDates } from '../domain/measure-views';
import { ApiError } from '../errors';
import { resolveFilters } from '../filters';
import { findMeasureRecord, listMeasures } from '../repositories/measures-repository';
import type { MeasureDetailQuery, MeasureListQuery, SortKey } from '../schemas/query';
import type { MeasureDetailResponse, MeasureListResponse } from '../schemas/responses';

// Reading measures: the filtered, sorted list and one measure with its milestones and reports,
// either as they are now or as they were at the end of a past day (docs/product.md §4).

type ReadDeps = Pick<AppDeps, 'db' | 'taxonomy' | 'now'>;

export const DEFAULT_PAGE_SIZE = 50;

/** One page of the measures the filters select, in the requested order. */
export async function listMeasuresPage(deps: ReadDeps, query: MeasureListQuery): Promise<MeasureListResponse> {
  const filters = resolveFilters(query, await deps.taxonomy(), deps.now());
  const sort = query.sort ?? 'code';
  const descending = sort.startsWith('-');
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const { items, total } = await listMeasures(deps.db, filters, {
    sort: (descending ? sort.slice(1) : sort) as SortKey,
    descending,
    page,
    pageSize,
    lang: query.lang ?? 'ja',
  });
  return {
    items: items.map((item) => measureListItemView(item, filters)),
    total,
    page,
    pageSize,
    asOf: filters.asOf,
    basis: filters.basis,
  };
}

/** One measure as the API shows it, as of the view's day; null when there is no such measure (then). */
export async function readMeasure(
  db: Kysely<Database>,
  code: string,
  view: MeasureViewDates,
): Promise<MeasureDetailResponse | null> {
  const record = await findMeasureRecord(db, code, view);
  return record && measureDetailView(record, view);
}

export interface MeasureView {
  measure: MeasureDetailResponse;
  /** True for a past day's view: not a version any write can be based on. */
  historical: boolean;
}

/** One measure as of the requested day; 404 for an unknown code. */
export async function measureDetail(deps: ReadDeps, code: string, query: MeasureDetailQuery): Promise<MeasureView> {
  const filters = resolveFilters(query, await deps.taxonomy(), deps.now());
  const measure = await readMeasure(deps.db, code, filters);
  if (!measure) throw new ApiError(404, 'not_found', `No measure with code ${code}`);
  return { measure, historical: filters.historical };
}
