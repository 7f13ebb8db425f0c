import { createApp } from '../../server/app';
import type { CreateAppOptions } from '../../server/app';
import type { AuthConfig } from '../../server/config';
import { writeMeasures, loadTaxonomyIds } from '../../seeds/measure-writer';
import type { SeedMeasure } from '../../seeds/seed-types';
import { ensureTaxonomy } from '../../db/reference-data';
import type { DialectName } from '../../db/dialect';
import { createTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';
import { readResponse } from './read-response';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  /** GET a path under the app and parse the JSON body. */
  get(path: string): Promise<{ status: number; body: unknown; headers: Headers }>;
  drop(): Promise<void>;
}

export interface TestAppOptions {
  measures?: readonly SeedMeasure[];
  /** A pinned instant, or a clock the test advances (session expiry). */
  now?: Date | (() => Date);
  /** Sign-in policy (REQUIRE_LOGIN, session lifetimes, throttling); the app's default when omitted. */
  auth?: AuthConfig;
  /** A built client to serve beside the API. */
  clientDir?: string;
  log?: CreateAppOptions['log'];
  /** The operations options: write rate limit, metrics, lifecycle. */
  operations?: Pick<CreateAppOptions, 'writeRateLimit' | 'metrics' | 'metricsPublic' | 'lifecycle'>;
}

/**
 * A real app over a freshly migrated database holding the taxonomy and `measures`, with the clock
 * pinned to `now` so that as-of, stale and days-left figures are reproducible.
 */
export async function createTestApp(
  dialect: DialectName,
  { measures = [], now = new Date('2026-11-26T03:00:00.000Z'), auth, clientDir, log, operations }: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  await ensureTaxonomy(database.db);
  if (measures.length > 0) {
    const ids = await loadTaxonomyIds(database.db);
    await database.db.transaction().execute((trx) => writeMeasures(trx, measures, ids));
  }
  const clock = typeof now === 'function' ? now : () => now;
  const app = createApp({ db: database.db, dialect: database.dialect, now: clock, auth, clientDir, log, ...operations });
  return {
    app,
    database,
    async get(path) {
      const res = await app.request(path);
      return readResponse(res);
    },
    drop: () => database.drop(),
  };
}
