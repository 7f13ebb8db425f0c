import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Imports between the top-level folders run one way: common/ ← db/ ← server/ ← seeds/, and client/
// takes common/ plus the types of server/. A forbidden import fails `npm run lint` with a message that
// says where the code belongs instead (tests/lint/dependency-rules.test.ts shows each rule at work).

/** An import that climbs out of the folder (`../`, `../../`, …) into one of `folders`. */
function into(...folders) {
  return `^(\\.\\./)+(${folders.join('|')})(/|$)`;
}

function restrictImports(files, patterns, paths = []) {
  return {
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns: patterns.map(caseSensitive) }] },
  };
}

function caseSensitive(pattern) {
  return { caseSensitive: true, ...pattern };
}

const toCommon = 'put the code both need in common/ (pure code the server and the browser both run)';

const nodeBuiltIns = 'common/ runs in the browser too, so it may not use Node built-ins: keep Node code in db/ or server/.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,ts,tsx}'],
    ignores: ['tests/**', 'db/environment.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'db/environment.ts is the only module that reads process.env: take the environment as an argument, or call processEnvironment() from there.',
        },
      ],
    },
  },
  restrictImports(
    ['common/**/*.{ts,tsx}'],
    [
      {
        regex: into('db', 'server', 'seeds', 'client'),
        message: 'common/ imports nothing from db/, server/, seeds/ or client/: both sides run it, so it depends only on itself.',
      },
      { regex: '^node:', message: nodeBuiltIns },
    ],
    builtinModules.map((name) => ({ name, message: nodeBuiltIns })),
  ),
  restrictImports(
    ['db/**/*.ts'],
    [
      {
        regex: into('server'),
        message: 'db/ may not import server/: move what db/ needs into db/ (or into common/ when the browser needs it too).',
      },
      {
        regex: into('seeds'),
        message: 'db/ may not import seeds/: data every database needs belongs in db/reference-data.ts.',
      },
      { regex: into('client'), message: `db/ may not import client/: ${toCommon}.` },
    ],
  ),
  restrictImports(
    ['server/**/*.ts'],
    [
      {
        regex: into('seeds'),
        message:
          'server/ may not import seeds/: data the server needs at start belongs in db/ (db/reference-data.ts); ' +
          'sample data is seeded before the server starts (seeds/cli-seed.ts --if-empty).',
      },
      { regex: into('client'), message: `server/ may not import client/: ${toCommon}.` },
    ],
  ),
  restrictImports(['seeds/**/*.ts'], [{ regex: into('client'), message: `seeds/ may not import client/: ${toCommon}.` }]),
  restrictImports(
    ['client/**/*.{ts,tsx}'],
    [
      {
        regex: into('server'),
        allowTypeImports: true,
        message: `client/ may import only types from server/ (\`import type\`): for code that runs in the browser, ${toCommon}.`,
      },
      {
        regex: into('db', 'seeds'),
        message: `client/ may not import db/ or seeds/: it reads the data through the API; ${toCommon}.`,
      },
    ],
  ),
);
