import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { verificationQueueQuery } from '../schemas/kpi-inputs';
import { milestoneVerificationQueue } from '../services/milestones-service';
import { validate } from '../validation';

/** The milestone completions waiting for verification (read like the measures: public unless sign-in is required). */
export function milestonesRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', validate('query', verificationQueueQuery), async (c) =>
    c.json(await milestoneVerificationQueue(deps, c.req.valid('query')), 200),
  );
}
