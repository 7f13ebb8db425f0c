import { UsageError } from '../../db/cli/cli-args';
import { runCli } from '../../db/cli/run-cli';
import { openDatabase } from '../../db/connection';
import { describeDatabaseTarget, loadDatabaseTarget } from '../../db/database-url';
import { isUniqueViolation } from '../../db/dialect';
import { migrateToLatest } from '../../db/migrate';
import { ensureTaxonomy } from '../../db/reference-data';
import { hashPassword } from '../auth/password';
import { createUser, findUserByEmail } from '../repositories/auth-repository';
import { MIN_PASSWORD_LENGTH, USAGE, checkPassword, parseUserCreateArgs } from './user-create-options';
import type { UserCreateArgs } from './user-create-options';

// `npm run user:create -- --email E --role R [--ministry CODE] [--name NAME]`: how operators add
// users (docs/product.md §4). The password comes from standard input, never the command line, where it would
// sit in the shell history and in every `ps` listing.

/** The first line of a piped standard input (without waiting for its end once the line is there). */
function readFirstLine(stream: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', reject);
      stream.pause();
      resolve((text.split('\n')[0] ?? '').replace(/\r$/, ''));
    };
    const onData = (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) finish();
    };
    stream.setEncoding('utf8');
    stream.on('data', onData);
    stream.on('end', finish);
    stream.on('error', reject);
  });
}

/** Asks on the terminal with echo off: the password never shows on screen or in a scrollback. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    process.stderr.write(prompt);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await promptHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
    checkPassword(password);
    if ((await promptHidden('Repeat the password: ')) !== password) throw new UsageError('the two passwords differ');
  } else {
    password = await readFirstLine(process.stdin);
    checkPassword(password);
  }
  return password;
}

async function run(parsed: UserCreateArgs): Promise<void> {
  const args = { email: parsed.email, role: parsed.role, ministry: parsed.ministry, displayName: parsed.displayName };
  const target = loadDatabaseTarget();
  const handle = await openDatabase(target);
  try {
    await migrateToLatest(handle.db);
    // The ministry codes must exist before a lead can be bound to one, even in a brand-new database.
    await ensureTaxonomy(handle.db);
    if (args.ministry !== null) {
      const known = (await handle.db.selectFrom('ministries').select('code').orderBy('sort_order').execute()).map((m) => m.code);
      if (!known.includes(args.ministry)) throw new UsageError(`unknown ministry "${args.ministry}"; one of ${known.join(', ')}`);
    }
    // Checked before asking for the password, so nobody types one in vain.
    if (await findUserByEmail(handle.db, args.email)) throw new UsageError(`a user with email ${args.email} already exists`);
    const password = await readPassword();
    const passwordHash = await hashPassword(password);
    let id: number;
    try {
      id = await createUser(handle.db, { ...args, passwordHash }, new Date());
    } catch (error) {
      // A second operator created the same email meanwhile.
      if (isUniqueViolation(error)) throw new UsageError(`a user with email ${args.email} already exists`);
      throw error;
    }
    const ministry = args.ministry ? `, ministry ${args.ministry}` : '';
    process.stdout.write(
      `Created user ${args.email} (${args.role}${ministry}) with id ${id} in ${describeDatabaseTarget(target)}.\n`,
    );
  } finally {
    await handle.close();
  }
}

void runCli({ name: 'user:create', usage: USAGE, parse: parseUserCreateArgs, run });
