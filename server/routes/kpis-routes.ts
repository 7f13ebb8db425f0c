import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { rightGuard } from '../auth/guards';
import { canConfirmKpiCategories } from '../../common/roles';
import { requireUser } from '../errors';
import { kpiCategoryBody, kpiIdParam, kpiQueueQuery } from '../schemas/kpi-inputs';
import { confirmKpiCategory, kpiQueue } from '../services/kpi-service';
import { validate } from '../validation';
import { writeBodyLimit } from './write-body-limit';

/** The KPI categories to confirm, and the secretariat's confirmation (docs/product.md §4 "KPIs"). */
export function kpisRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', validate('query', kpiQueueQuery), async (c) => c.json(await kpiQueue(deps, c.req.valid('query')), 200))
    .post(
      '/:id/category',
      rightGuard(canConfirmKpiCategories, 'Only the secretariat or an administrator may confirm KPI categories'),
      validate('param', kpiIdParam),
      writeBodyLimit(),
      validate('json', kpiCategoryBody),
      async (c) => {
        const request = { user: requireUser(c.get('user')), kpiId: c.req.valid('param').id, requestId: c.get('requestId') };
        return c.json(await confirmKpiCategory(deps, request, c.req.valid('json')), 200);
      },
    );
}
