import { canReadMetrics } from '../../common/roles';
import type { SessionUser } from '../../common/roles';
import type { AppDeps } from '../app-env';
import { forbidden, requireUser } from '../errors';

/** The Prometheus exposition of this process, for whoever may read it (decision 020). */
export async function metricsExposition(
  deps: Pick<AppDeps, 'metrics' | 'metricsPublic'>,
  user: SessionUser | null,
): Promise<{ contentType: string; body: string }> {
  if (!canReadMetrics(user, deps.metricsPublic)) {
    requireUser(user);
    throw forbidden('Only administrators may read the metrics (or set METRICS_PUBLIC=true)');
  }
  return deps.metrics.exposition();
}
