import type { Kysely } from 'kysely';
import type { DialectName } from '../db/dialect';
import type { Database } from '../db/schema';
import type { SessionUser } from '../common/roles';
import type { AuthConfig } from './config';
import type { Lifecycle } from './lifecycle';
import type { Metrics } from './metrics';
import type { Taxonomy } from './repositories/taxonomy-repository';
import type { FrameMemo, ResponseCache } from './services/response-cache';
import type { AllChanges } from './services/changes-service';

/** What every route needs, injected by createApp: no module-level database or clock. */
export interface AppDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  taxonomy: () => Promise<Taxonomy>;
  now: () => Date;
  auth: AuthConfig;
  /** The dashboard reads' cache, keyed by the data version (docs/decisions/019-data-version-cache.md). */
  responseCache: ResponseCache;
  /** The changes up to now, kept per frame with `to` re-attached per request (changes-service.ts). */
  changesMemo: FrameMemo<AllChanges>;
  /** Whether the process is draining for a restart (the health check says so). */
  lifecycle: Lifecycle;
  metrics: Metrics;
  /** METRICS_PUBLIC=true: GET /metrics without a session. */
  metricsPublic: boolean;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    user: SessionUser | null;
    /** The session's user holds a one-time password to change first (decision 025). */
    mustChangePassword: boolean;
  };
}
