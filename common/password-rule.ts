// The one password strength rule (docs/product.md §4 "Accounts, sessions and roles"): `npm run user:create`,
// POST /api/v1/auth/password and the client's inline validation all apply it, so a password the
// form accepts is one the server accepts (decision 025).

export const MIN_PASSWORD_LENGTH = 12;
/** The sign-in form accepts no longer password (server/schemas/auth.ts). */
export const MAX_PASSWORD_LENGTH = 1024;

export type PasswordProblem =
  { kind: 'empty' } | { kind: 'too_short'; min: number; length: number } | { kind: 'too_long'; max: number };

/** Counted in characters as people see them, not UTF-16 units: 12 kanji are 12 characters. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** What is wrong with a new password, or null when it meets the rule. */
export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length === 0) return { kind: 'empty' };
  const length = passwordLength(password);
  if (length < MIN_PASSWORD_LENGTH) return { kind: 'too_short', min: MIN_PASSWORD_LENGTH, length };
  if (length > MAX_PASSWORD_LENGTH) return { kind: 'too_long', max: MAX_PASSWORD_LENGTH };
  return null;
}
