import { Hono } from 'hono';
import { ApiError } from '../errors';
import { resolveFilters } from '../filters';
import { findMeasureByCode, listMeasures } from '../repositories/measures-repository';
import { measureCodeParam, measureDetailQuery, measureListQuery } from '../schemas/query';
import type { SortKey } from '../schemas/query';
import type { MeasureListResponse } from '../schemas/responses';
import { validate } from '../validation';
import type { AppDeps, AppEnv } from '../app-env';

export const DEFAULT_PAGE_SIZE = 50;

export function measuresRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', validate('query', measureListQuery), async (c) => {
      const query = c.req.valid('query');
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
      const body: MeasureListResponse = { items, total, page, pageSize, asOf: filters.asOf };
      return c.json(body, 200);
    })
    .get('/:code', validate('param', measureCodeParam), validate('query', measureDetailQuery), async (c) => {
      const { code } = c.req.valid('param');
      const filters = resolveFilters(c.req.valid('query'), await deps.taxonomy(), deps.now());
      const measure = await findMeasureByCode(deps.db, code, filters);
      if (!measure) throw new ApiError(404, 'not_found', `No measure with code ${code}`);
      return c.json(measure, 200);
    });
}
