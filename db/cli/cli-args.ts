import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

// Shared by the operator CLIs (db:migrate, db:seed, user:create): one way to read options and one
// kind of error that is printed as a single line with exit code 1.

/** A mistake in the command line or in what it asks for; printed as one line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Strict option parsing whose errors name the offending option instead of parseArgs' long text. */
export function parseCliOptions<const O extends ParseArgsOptionsConfig>(argv: readonly string[], options: O) {
  try {
    return parseArgs<{ args: string[]; strict: true; allowPositionals: false; options: O }>({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options,
    }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `unknown option ${unknown[1]} (see --help)` : `${message.split('. ')[0]} (see --help)`);
  }
}
