// The roles (docs/product.md §4, "Accounts, sessions and roles") and what each may do: one table of
// rights that the server enforces on every write and admin read, and that the client reads to show
// only what a user may do (the server checks again).

export const ROLES = ['admin', 'ministry_lead', 'executive', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  /** The ministry a ministry lead is bound to; null for other roles. */
  ministry: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles that write to measures at all (which measures: canEditMeasure); the others only read. */
export function writesMeasures(role: Role): boolean {
  return role === 'admin' || role === 'ministry_lead';
}

/** A ministry lead is bound to one ministry; every other role to none. */
export function isBoundToMinistry(role: Role): boolean {
  return role === 'ministry_lead';
}

/**
 * May this user edit or report on a measure owned by these ministries? Admins may edit any; a
 * ministry lead only a measure whose lead ministry is their own (co-owners read but do not report:
 * one ministry is accountable for each measure's status).
 */
export function canEditMeasure(user: SessionUser | null, leadMinistry: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'ministry_lead' && user.ministry === leadMinistry;
}

export function canReadAudit(user: SessionUser | null): boolean {
  return user?.role === 'admin';
}

/** Listing users and signing them out: administrators only. */
export function canManageUsers(user: SessionUser | null): boolean {
  return user?.role === 'admin';
}
