import { z } from 'zod';
import { UsageError, parseCliOptions } from '../../db/cli/cli-args';
import { ROLES, isBoundToMinistry, isRole } from '../../common/roles';
import type { Role } from '../../common/roles';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../../common/password-rule';

// The command line of `npm run user:create` (server/cli/user-create.ts), kept apart from the runner
// so that every mistake it refuses can be tested without starting a process.

// The strength rule is common/password-rule.ts, shared with the API and the client (decision 025).
export { MIN_PASSWORD_LENGTH };

export const USAGE = `Usage: npm run user:create -- --email E --role R [--ministry CODE] [--name NAME]

Creates a user in DATABASE_URL (unset → data/tracker.db, sqlite:PATH, postgres://…), migrating it first.
The password is read from standard input (its first line; at least ${MIN_PASSWORD_LENGTH} characters);
on a terminal it is asked for without echo.

Options:
  --email E          the sign-in email (unique)
  --role R           ${ROLES.join(', ')}
  --ministry CODE    the ministry of a ministry_lead (required for that role, refused for others)
  --name NAME        the display name (default: the part of the email before @)
  --help             show this help

Example:
  printf '%s\\n' "$PASSWORD" | npm run user:create -- --email lead@meti.example.jp --role ministry_lead --ministry meti`;

export interface UserCreateArgs {
  email: string;
  role: Role;
  ministry: string | null;
  displayName: string;
}

function readOptions(argv: readonly string[]) {
  return parseCliOptions(argv, {
    help: { type: 'boolean', short: 'h' },
    email: { type: 'string' },
    role: { type: 'string' },
    ministry: { type: 'string' },
    name: { type: 'string' },
  });
}

const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** The arguments, checked; `help` when --help was given (nothing else is checked then). */
export function parseUserCreateArgs(argv: readonly string[]): { help: true } | ({ help: false } & UserCreateArgs) {
  const values = readOptions(argv);
  if (values.help) return { help: true };
  if (values.email === undefined) throw new UsageError('--email is required (see --help)');
  const email = emailSchema.safeParse(values.email);
  if (!email.success) throw new UsageError(`--email must be an email address, got "${values.email}"`);
  if (values.role === undefined) throw new UsageError(`--role is required: one of ${ROLES.join(', ')}`);
  const role = values.role.trim();
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${values.role}"`);
  const ministry = values.ministry?.trim().toLowerCase() || null;
  // A lead reports for exactly one ministry; any other role is ministry-neutral (common/roles.ts).
  if (isBoundToMinistry(role) && ministry === null) throw new UsageError('--ministry CODE is required for a ministry_lead');
  if (!isBoundToMinistry(role) && values.ministry !== undefined)
    throw new UsageError(`--ministry applies only to a ministry_lead, not to ${role}`);
  const displayName = (values.name ?? email.data.split('@')[0] ?? email.data).trim();
  if (displayName.length === 0 || displayName.length > 100) throw new UsageError('--name must be 1–100 characters');
  return { help: false, email: email.data, role, ministry, displayName };
}

/** Refuses an empty, short or overlong password with the reason. */
export function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem?.kind === 'empty') throw new UsageError('no password on standard input (its first line is the password)');
  if (problem?.kind === 'too_short')
    throw new UsageError(`the password must have at least ${problem.min} characters (got ${problem.length})`);
  if (problem?.kind === 'too_long') throw new UsageError(`the password must have at most ${MAX_PASSWORD_LENGTH} characters`);
}
