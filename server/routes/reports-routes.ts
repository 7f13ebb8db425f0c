import { Hono } from 'hono';
import { canReviewReports } from '../../common/roles';
import type { AppDeps, AppEnv } from '../app-env';
import { rightGuard } from '../auth/guards';
import { requireUser } from '../errors';
import type { ReviewConflictResponse } from '../schemas/reviews';
import { reportIdParam, reportQueueQuery, reviewBody } from '../schemas/reviews';
import { queuedReport, reportEtag, reportQueue, reviewReport } from '../services/review-service';
import { validate } from '../validation';
import { writeBodyLimit } from './write-body-limit';

// The review queue and the review of a report (差し戻し, docs/product.md §4 "The follow-up round"):
// public reads like the measures'; a review needs canReviewReports and If-Match with the report's ETag.

export function reportsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', validate('query', reportQueueQuery), async (c) => c.json(await reportQueue(deps, c.req.valid('query')), 200))
    .get('/:id', validate('param', reportIdParam), async (c) => {
      const item = await queuedReport(deps, c.req.valid('param').id);
      c.header('ETag', reportEtag(item));
      return c.json(item, 200);
    })
    .post(
      '/:id/review',
      rightGuard(canReviewReports, 'Only the secretariat or an administrator may review reports'),
      validate('param', reportIdParam),
      writeBodyLimit(),
      validate('json', reviewBody),
      async (c) => {
        const outcome = await reviewReport(
          deps,
          {
            user: requireUser(c.get('user')),
            reportId: c.req.valid('param').id,
            ifMatch: c.req.header('if-match'),
            requestId: c.get('requestId'),
          },
          c.req.valid('json'),
        );
        if (outcome.kind === 'stale') {
          const { current } = outcome;
          c.header('ETag', reportEtag(current));
          const body: ReviewConflictResponse = {
            error: {
              code: 'precondition_failed',
              message: `Report ${current.report.id} is ${current.report.review.state} now (its ETag is ${reportEtag(current)}); reload it before you review it`,
            },
            current,
          };
          return c.json(body, 412);
        }
        c.header('ETag', reportEtag(outcome.item));
        return c.json(outcome.item, 200);
      },
    );
}
