import { afterAll, beforeAll, describe, it } from 'vitest';
import { createFuzzTarget } from '../fuzz/fuzz-target';
import type { FuzzTarget } from '../fuzz/fuzz-target';
import { fuzzOperation } from '../fuzz/fuzz-property';
import { fuzzApi } from '../fuzz/openapi-operations';
import { TEST_DIALECTS } from '../support/test-database';

// Hostile input against every documented operation (issue 12 item 2, decision 022): a bounded run with
// a fixed seed, so that `npm test` is reproducible; `npm run fuzz -- --runs N` explores with fresh seeds.

const SEED = 20_261_202;
const RUNS: Record<string, number> = { sqlite: 8, postgres: 3 };
const api = fuzzApi();

describe.each(TEST_DIALECTS)('hostile input on %s', (dialect) => {
  let target: FuzzTarget;
  beforeAll(async () => {
    target = await createFuzzTarget(dialect);
  });
  afterAll(async () => {
    await target?.drop();
  });

  it.each(api.operations.map((op) => [op.id, op] as const))('%s: never a 5xx, and a refusal changes nothing', async (_id, op) => {
    await fuzzOperation(target, api, op, { numRuns: RUNS[dialect] ?? 3, seed: SEED });
  });
});
