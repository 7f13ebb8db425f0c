import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createFuzzTarget } from './fuzz-target';
import { fuzzOperation } from './fuzz-property';
import { fuzzApi } from './openapi-operations';
import { testDatabaseUrl } from '../../server/config';

// `npm run fuzz -- --runs N [--seed S] [--only TEXT] [--postgres]`: the long run of the hostile-input
// property (decision 022). A fresh seed unless one is given; a failure prints fast-check's report with
// the seed and path that replay it.

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    seed: { type: 'string' },
    only: { type: 'string' },
    postgres: { type: 'boolean', default: false },
  },
});

const runs = z.coerce.number().int().positive().safeParse(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : z.coerce.number().int().safeParse(values.seed).data;
if (!runs.success || seed === undefined) {
  console.error('usage: npm run fuzz -- --runs N [--seed S] [--only TEXT] [--postgres]  (N a positive integer, S an integer)');
  process.exit(2);
}
if (values.postgres && !testDatabaseUrl()) {
  console.error('--postgres needs TEST_DATABASE_URL (for example postgres://postgres@127.0.0.1:5432/postgres)');
  process.exit(2);
}

const api = fuzzApi();
const operations = api.operations.filter((op) => !values.only || op.id.includes(values.only));
const target = await createFuzzTarget(values.postgres ? 'postgres' : 'sqlite');
console.log(`fuzz: ${operations.length} operations × ${runs.data} runs on ${target.dialect}, seed ${seed}`);
let failures = 0;
try {
  for (const op of operations) {
    const started = performance.now();
    const statuses = new Map<number, number>();
    const onResponse = (_request: unknown, response: { status: number }) =>
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    try {
      await fuzzOperation(target, api, op, { numRuns: runs.data, seed, onResponse });
      const histogram = [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(' ');
      console.log(`  ok   ${op.id} (${Math.round(performance.now() - started)} ms) ${histogram}`);
    } catch (error) {
      failures += 1;
      console.log(`  FAIL ${op.id}\n${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await target.drop();
}
console.log(failures === 0 ? 'fuzz: no failures' : `fuzz: ${failures} operation(s) failed (seed ${seed})`);
process.exit(failures === 0 ? 0 : 1);
