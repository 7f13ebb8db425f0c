import { DatabaseOpenError } from '../connection';
import { ConfigError } from '../database-url';
import { UsageError } from './cli-args';

// The one runner of the operator CLIs (db:migrate, db:seed, user:create). It reads the command line,
// answers --help, runs the command and turns any failure into one line on stderr and exit code 1,
// never a stack trace. It lives in db/ because db/, seeds/ and server/ may all import from here.

export interface CliCommand<Args> {
  /** The npm script, printed before every error line: `db:seed: …`. */
  name: string;
  /** Printed for --help. */
  usage: string;
  /** Reads and checks the command line (throwing UsageError); `{ help: true }` asks for the usage. */
  parse(argv: readonly string[]): Args | { help: true };
  run(args: Args): Promise<void>;
}

function asksForHelp<Args>(parsed: Args | { help: true }): parsed is { help: true } {
  return typeof parsed === 'object' && parsed !== null && 'help' in parsed && parsed.help === true;
}

/**
 * The line printed for a failure: the message alone for a mistake the operator can fix (a bad
 * option, a bad DATABASE_URL, a database that cannot be opened); the error's class first for
 * anything else, so that a bug does not pass for an operator's mistake. Only the first line.
 */
export function describeFailure(error: unknown): string {
  const expected = error instanceof UsageError || error instanceof ConfigError || error instanceof DatabaseOpenError;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  const prefix = expected || !(error instanceof Error) ? '' : `${error.name}: `;
  return `${prefix}${firstLine}`;
}

export async function runCli<Args>(command: CliCommand<Args>, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    const parsed = command.parse(argv);
    if (asksForHelp(parsed)) {
      process.stdout.write(`${command.usage}\n`);
      return;
    }
    await command.run(parsed);
  } catch (error) {
    process.stderr.write(`${command.name}: ${describeFailure(error)}\n`);
    process.exitCode = 1;
  }
}
