import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { kpiStatsQuery } from '../schemas/kpi-inputs';
import { matrixQuery } from '../schemas/meeting-pack';
import { statsQuery } from '../schemas/query';
import { kpiStats } from '../services/kpi-service';
import { slippageQuery } from '../schemas/meeting-pack';
import { statsSlippage } from '../services/slippage-service';
import { statsMatrix } from '../services/matrix-service';
import { statsBreakdown, statsBurnup, statsHeatmap, statsSummary } from '../services/stats-service';
import { validate } from '../validation';
import { cachedResponse } from './cached-response';

export function statsRoutes(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      // Every statistic is the same for everyone: answered from the data-version cache with an ETag.
      .use('*', cachedResponse(deps))
      .get('/summary', validate('query', statsQuery), async (c) => c.json(await statsSummary(deps, c.req.valid('query')), 200))
      .get('/by-field', validate('query', statsQuery), async (c) =>
        c.json(await statsBreakdown(deps, c.req.valid('query'), 'field'), 200),
      )
      .get('/by-ministry', validate('query', statsQuery), async (c) =>
        c.json(await statsBreakdown(deps, c.req.valid('query'), 'ministry'), 200),
      )
      .get('/heatmap', validate('query', statsQuery), async (c) => c.json(await statsHeatmap(deps, c.req.valid('query')), 200))
      .get('/burnup', validate('query', statsQuery), async (c) => c.json(await statsBurnup(deps, c.req.valid('query')), 200))
      // A / B / N counts of the KPIs of the filtered measures (docs/product.md §3 "KPI progress categories").
      .get('/kpi', validate('query', kpiStatsQuery), async (c) => c.json(await kpiStats(deps, c.req.valid('query')), 200))
      // Reschedules and days slipped per field or ministry (docs/decisions/012-due-date-history.md).
      .get('/slippage', validate('query', slippageQuery), async (c) =>
        c.json(await statsSlippage(deps, c.req.valid('query')), 200),
      )
      // Coverage and co-ownership matrices (docs/product.md §4 `/stats/matrix`).
      .get('/matrix', validate('query', matrixQuery), async (c) => c.json(await statsMatrix(deps, c.req.valid('query')), 200))
  );
}
