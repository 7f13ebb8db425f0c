import type { AppDeps } from '../app-env';
import { resolveFilters } from '../filters';
import { verificationQueue } from '../repositories/milestones-repository';
import type { VerificationQueueResponse } from '../schemas/follow-up';
import { DEFAULT_QUEUE_PAGE_SIZE } from '../schemas/kpi-inputs';
import type { VerificationQueueQuery } from '../schemas/kpi-inputs';

// GET /milestones (docs/product.md §4 "Verified milestones"): the completions waiting for the
// secretariat, under the same field / ministry filters as the list.

export async function milestoneVerificationQueue(
  deps: Pick<AppDeps, 'db' | 'taxonomy' | 'now'>,
  query: VerificationQueueQuery,
): Promise<VerificationQueueResponse> {
  const filters = resolveFilters({ field: query.field, ministry: query.ministry }, await deps.taxonomy(), deps.now());
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_QUEUE_PAGE_SIZE;
  const { items, total } = await verificationQueue(deps.db, filters, {
    state: query.verification ?? 'pending',
    page,
    pageSize,
  });
  return { items, total, page, pageSize };
}
