import type { DialectName } from '../../db/dialect';
import type { AppDeps } from '../app-env';
import { pingDatabase } from '../repositories/health-repository';

export interface Health {
  status: 'ok' | 'draining';
  database: DialectName;
}

/**
 * Healthy only when the database answers, so a load balancer sees a server that has lost it as
 * unhealthy; and not healthy once the process is draining for a restart (decision 020), so that it
 * sends the next requests to another.
 */
export async function checkHealth(deps: Pick<AppDeps, 'db' | 'dialect' | 'lifecycle'>): Promise<Health> {
  if (deps.lifecycle.draining()) return { status: 'draining', database: deps.dialect };
  await pingDatabase(deps.db);
  return { status: 'ok', database: deps.dialect };
}
