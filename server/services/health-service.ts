import type { DialectName } from '../../db/dialect';
import type { AppDeps } from '../app-env';
import { pingDatabase } from '../repositories/health-repository';

export interface Health {
  status: 'ok';
  database: DialectName;
}

/** Healthy only when the database answers, so a load balancer sees a server that has lost it as unhealthy. */
export async function checkHealth(deps: Pick<AppDeps, 'db' | 'dialect'>): Promise<Health> {
  await pingDatabase(deps.db);
  return { status: 'ok', database: deps.dialect };
}
