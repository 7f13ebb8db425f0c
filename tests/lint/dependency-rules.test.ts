import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { beforeAll, describe, expect, it } from 'vitest';

// What `npm run lint` (eslint . && prettier --check . && tsc) refuses: an import that runs back up
// between the top-level folders (eslint.config.js), and a file Prettier would format differently.
// The same check by hand: put one of the imports below into a file under db/ and run `npm run lint`.

const ROOT = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The messages of the folder rules (import restrictions, process.env) for `code` as the file `filePath`. */
async function folderRuleMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-properties')
    .map((m) => m.message);
}

describe('one-way dependencies', () => {
  it.each([
    [
      'db/ → server/',
      'db/example.ts',
      "import { loadConfig } from '../server/config';\nloadConfig();\n",
      /db\/ may not import server\//,
    ],
    [
      'db/cli/ → seeds/',
      'db/cli/example.ts',
      "export { seedSampleIfEmpty } from '../../seeds/seed-sample';\n",
      /db\/ may not import seeds\//,
    ],
    [
      'server/ → seeds/',
      'server/example.ts',
      "import { seedSampleIfEmpty } from '../seeds/seed-sample';\nvoid seedSampleIfEmpty;\n",
      /server\/ may not import seeds\/: .*db\/reference-data\.ts/,
    ],
    [
      'a value from server/ in client/',
      'client/lib/example.ts',
      "import { createApp } from '../../server/app';\nvoid createApp;\n",
      /client\/ may import only types from server\//,
    ],
    [
      'a type from db/ in client/',
      'client/lib/example.ts',
      "import type { Database } from '../../db/schema';\nexport type D = Database;\n",
      /client\/ may not import db\/ or seeds\//,
    ],
    [
      'a Node built-in in common/',
      'common/example.ts',
      "import { resolve } from 'node:path';\nvoid resolve;\n",
      /common\/ runs in the browser too/,
    ],
    [
      'a bare Node built-in in common/',
      'common/example.ts',
      "import fs from 'fs';\nvoid fs;\n",
      /common\/ runs in the browser too/,
    ],
    [
      'common/ → server/',
      'common/example.ts',
      "import type { AppConfig } from '../server/config';\nexport type C = AppConfig;\n",
      /common\/ imports nothing from/,
    ],
    [
      'process.env outside db/environment.ts',
      'server/example.ts',
      'export const port = process.env.PORT;\n',
      /db\/environment\.ts is the only module that reads process\.env/,
    ],
  ])('reports %s', async (_what, filePath, code, message) => {
    const messages = await folderRuleMessages(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    [
      'a type from server/ in client/',
      'client/lib/example.ts',
      "import type { AppType } from '../../server/app';\nexport type A = AppType;\n",
    ],
    ['common/ in client/', 'client/lib/example.ts', "import { isRole } from '../../common/roles';\nvoid isRole;\n"],
    ['common/ in server/', 'server/example.ts', "import { jstDateOf } from '../common/calendar';\nvoid jstDateOf;\n"],
    ['db/ in server/', 'server/example.ts', "import { openDatabase } from '../db/connection';\nvoid openDatabase;\n"],
    ['server/ in seeds/', 'seeds/example.ts', "import { hashPassword } from '../server/auth/password';\nvoid hashPassword;\n"],
    ['db/ in seeds/', 'seeds/example.ts', "import { ensureTaxonomy } from '../db/reference-data';\nvoid ensureTaxonomy;\n"],
    ['common/ in db/', 'db/example.ts', "import { FIELDS } from '../common/taxonomy';\nvoid FIELDS;\n"],
    ['a Node built-in in db/', 'db/example.ts', "import { resolve } from 'node:path';\nvoid resolve;\n"],
    ['process.env in db/environment.ts', 'db/environment.ts', 'export const env = process.env;\n'],
    ['process.env in a test', 'tests/example.test.ts', 'export const env = process.env;\n'],
  ])('allows %s', async (_what, filePath, code) => {
    expect(await folderRuleMessages(filePath, code)).toEqual([]);
  });
});

describe('formatting', () => {
  it('fails a file Prettier would change and passes it once formatted', async () => {
    const file = resolve(ROOT, 'common/example.ts');
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    const unformatted = 'export const limits = {min:1,\n  max : 2}\n';
    expect(await prettier.check(unformatted, options)).toBe(false);
    const formatted = await prettier.format(unformatted, options);
    expect(formatted).toBe('export const limits = { min: 1, max: 2 };\n');
    expect(await prettier.check(formatted, options)).toBe(true);
  });
});
