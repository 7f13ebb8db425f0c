import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createScratchPostgres } from '../../db/scratch-database';
import { createApp } from '../../server/app';
import { testDatabaseUrl } from '../../server/config';
import { UsageError } from '../../db/cli/cli-args';
import { checkPassword, parseUserCreateArgs } from '../../server/cli/user-create-options';
import { meResponse } from '../../server/schemas/auth';
import { signIn } from '../support/sessions';

// `npm run user:create` as an operator runs it: a real process, the password on standard input,
// one clear line and exit code 1 for every mistake.

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-user-cli-'));
const PASSWORD = 'a long enough pass phrase';
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const newSqliteUrl = () => `sqlite:${join(dir, `users-${++files}.db`)}`;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `stdin` piped in (null: standard input closed at once). */
function runCli(args: string[], stdin: string | null, databaseUrl: string): Promise<RunResult> {
  return new Promise((done, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
    delete env.NODE_OPTIONS;
    const child = spawn(TSX, ['server/cli/user-create.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`user:create did not finish: ${stderr}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // the CLI may exit before reading (a bad option)
    child.stdin.end(stdin ?? undefined);
  });
}

function expectOneCleanLine(result: RunResult, pattern: RegExp) {
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^user:create: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

const targets: [string, () => Promise<{ url: string; drop: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ url: newSqliteUrl(), drop: async () => undefined })],
];
const serverUrl = testDatabaseUrl();
if (serverUrl) {
  targets.push([
    'PostgreSQL',
    async () => {
      const scratch = await createScratchPostgres(serverUrl, 'mt_test');
      const name = (await scratch.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow())
        .name;
      await scratch.close();
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        drop: async () => {
          const { Client } = (await import('pg')).default;
          const admin = new Client({ connectionString: serverUrl });
          await admin.connect();
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.end();
        },
      };
    },
  ]);
}

describe.each(targets)('npm run user:create on %s', (_name, makeTarget) => {
  it('migrates a new database and creates a user who can then sign in with the OWASP-hashed password; refuses the same email again', async () => {
    const target = await makeTarget();
    try {
      const result = await runCli(
        ['--email', 'Lead@METI.example.go.jp', '--role', 'ministry_lead', '--ministry', 'meti', '--name', '経産 太郎'],
        `${PASSWORD}\n`,
        target.url,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout.trim().split('\n')).toHaveLength(1);
      expect(result.stdout).toMatch(/^Created user lead@meti\.example\.go\.jp \(ministry_lead, ministry meti\) with id \d+/);
      expect(result.stdout).not.toContain(PASSWORD);

      const kind = target.url.startsWith('sqlite:')
        ? { kind: 'sqlite' as const, path: target.url.slice('sqlite:'.length) }
        : { kind: 'postgres' as const, url: target.url };
      const handle = await openDatabase(kind);
      try {
        const row = await handle.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
        expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
        expect(row.password_hash).not.toContain(PASSWORD);
        const app = createApp({ db: handle.db, dialect: handle.dialect });
        const cookie = await signIn(app, 'lead@meti.example.go.jp', PASSWORD);
        const me = meResponse.parse(await (await app.request('/api/v1/auth/me', { headers: { cookie } })).json());
        expect(me.user).toMatchObject({
          email: 'lead@meti.example.go.jp',
          displayName: '経産 太郎',
          role: 'ministry_lead',
          ministry: 'meti',
        });

        // The same email again: one line, exit 1, the first user untouched.
        const again = await runCli(['--email', 'lead@meti.example.go.jp', '--role', 'admin'], `${PASSWORD}\n`, target.url);
        expectOneCleanLine(again, /a user with email lead@meti\.example\.go\.jp already exists/);
        expect(await handle.db.selectFrom('users').select('role').execute()).toEqual([{ role: 'ministry_lead' }]);
      } finally {
        await handle.close();
      }
    } finally {
      await target.drop();
    }
  }, 180_000);
});

describe('npm run user:create refuses mistakes with one line and exit code 1', () => {
  // Each is a real process (most of the time is its start-up): the cases the issue names.
  it.each<[string, string[], string | null, RegExp]>([
    [
      'an unknown role',
      ['--email', 'a@example.go.jp', '--role', 'superuser'],
      `${PASSWORD}\n`,
      /--role must be one of admin, ministry_lead, secretariat, executive, analyst/,
    ],
    [
      'a lead without a ministry',
      ['--email', 'a@example.go.jp', '--role', 'ministry_lead'],
      `${PASSWORD}\n`,
      /--ministry CODE is required for a ministry_lead/,
    ],
    [
      'an unknown ministry',
      ['--email', 'a@example.go.jp', '--role', 'ministry_lead', '--ministry', 'mxyz'],
      `${PASSWORD}\n`,
      /unknown ministry "mxyz"; one of cas, /,
    ],
    [
      'a short password',
      ['--email', 'a@example.go.jp', '--role', 'analyst'],
      'short pw 11\n',
      /at least 12 characters \(got 11\)/,
    ],
    ['no password at all', ['--email', 'a@example.go.jp', '--role', 'analyst'], null, /no password on standard input/],
  ])(
    '%s',
    async (_what, args, stdin, pattern) => {
      const result = await runCli(args, stdin, newSqliteUrl());
      expectOneCleanLine(result, pattern);
    },
    120_000,
  );

  it('reads only the first line of standard input: a trailing newline or CRLF is not part of the password', async () => {
    const url = newSqliteUrl();
    const result = await runCli(['--email', 'crlf@example.go.jp', '--role', 'analyst'], `${PASSWORD}\r\nsecond line\n`, url);
    expect(result.code, result.stderr).toBe(0);
    const handle = await openDatabase({ kind: 'sqlite', path: url.slice('sqlite:'.length) });
    try {
      const app = createApp({ db: handle.db, dialect: handle.dialect });
      await expect(signIn(app, 'crlf@example.go.jp', PASSWORD)).resolves.toMatch(/^mt_session=/);
    } finally {
      await handle.close();
    }
  }, 120_000);
});

describe('the command line of user:create', () => {
  it.each<[string, string[], RegExp]>([
    [
      'an unknown role',
      ['--email', 'a@example.go.jp', '--role', 'superuser'],
      /^--role must be one of admin, ministry_lead, secretariat, executive, analyst, got "superuser"$/,
    ],
    ['no role', ['--email', 'a@example.go.jp'], /^--role is required/],
    [
      'a lead without a ministry',
      ['--email', 'a@example.go.jp', '--role', 'ministry_lead'],
      /^--ministry CODE is required for a ministry_lead$/,
    ],
    [
      'a lead with an empty ministry',
      ['--email', 'a@example.go.jp', '--role', 'ministry_lead', '--ministry', ' '],
      /^--ministry CODE is required/,
    ],
    [
      'a ministry for an executive',
      ['--email', 'a@example.go.jp', '--role', 'executive', '--ministry', 'meti'],
      /^--ministry applies only to a ministry_lead, not to executive$/,
    ],
    [
      'a ministry for an admin',
      ['--email', 'a@example.go.jp', '--role', 'admin', '--ministry', 'meti'],
      /^--ministry applies only to a ministry_lead/,
    ],
    ['no email', ['--role', 'analyst'], /^--email is required/],
    [
      'a malformed email',
      ['--email', 'not-an-email', '--role', 'analyst'],
      /^--email must be an email address, got "not-an-email"$/,
    ],
    [
      'an unknown option (a password on the command line)',
      ['--email', 'a@example.go.jp', '--role', 'analyst', '--password', 'x'],
      /^unknown option --password \(see --help\)$/,
    ],
    ['a positional argument', ['a@example.go.jp'], /see --help/],
    [
      'an overlong name',
      ['--email', 'a@example.go.jp', '--role', 'analyst', '--name', 'x'.repeat(101)],
      /^--name must be 1–100 characters$/,
    ],
  ])('refuses %s', (_what, argv, pattern) => {
    expect(() => parseUserCreateArgs(argv)).toThrow(UsageError);
    expect(() => parseUserCreateArgs(argv)).toThrow(pattern);
  });

  it("normalises the email and the ministry, and defaults the name to the email's local part", () => {
    expect(
      parseUserCreateArgs(['--email', ' Lead@METI.example.go.jp ', '--role', 'ministry_lead', '--ministry', 'METI']),
    ).toEqual({
      help: false,
      email: 'lead@meti.example.go.jp',
      role: 'ministry_lead',
      ministry: 'meti',
      displayName: 'lead',
    });
    expect(parseUserCreateArgs(['--email', 'x@example.go.jp', '--role', 'analyst', '--name', '分析 花子'])).toMatchObject({
      ministry: null,
      displayName: '分析 花子',
    });
    expect(parseUserCreateArgs(['--help'])).toEqual({ help: true });
  });

  it.each([
    ['', /no password/],
    ['elevenchars', /at least 12 characters \(got 11\)/],
    ['x'.repeat(1025), /at most 1024/],
  ])('refuses the password %#', (password, pattern) => {
    expect(() => checkPassword(password)).toThrow(pattern);
  });

  it('counts characters, not UTF-16 units, and accepts 12 of them', () => {
    expect(() => checkPassword('量子量子量子量子量子量子')).not.toThrow();
    expect(() => checkPassword('😀'.repeat(11))).toThrow(/got 11/);
    expect(() => checkPassword('twelve chars')).not.toThrow();
  });
});
