// The roles (docs/product.md §4, "Accounts, sessions and roles") and what each may do: one table of
// rights that the server enforces on every write and admin read, and that the client reads to show
// only what a user may do (the server checks again).

export const ROLES = ['admin', 'ministry_lead', 'secretariat', 'executive', 'analyst'] as const;
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

/**
 * May this user register a new measure led by this ministry (docs/decisions/023)? A ministry lead for
 * their own ministry; administrators and the secretariat for any.
 */
export function canCreateMeasure(user: SessionUser | null, leadMinistry: string): boolean {
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'secretariat') return true;
  return user.role === 'ministry_lead' && user.ministry === leadMinistry;
}

/** Roles that may register measures at all (for which ministry: canCreateMeasure). */
export function registersMeasures(role: Role): boolean {
  return role === 'admin' || role === 'secretariat' || role === 'ministry_lead';
}

/** The audit trail: administrators, and the secretariat, who reads everything to run the follow-up round. */
export function canReadAudit(user: SessionUser | null): boolean {
  return user?.role === 'admin' || user?.role === 'secretariat';
}

/**
 * The centre of the follow-up round (docs/product.md §4, "The follow-up round"): the secretariat
 * (事務局), and administrators, who may do all of it too. The secretariat files no ministry reports.
 */
function isCentre(user: SessionUser | null): boolean {
  return user?.role === 'admin' || user?.role === 'secretariat';
}

/** Opening and closing rounds (照会). */
export function canManageRounds(user: SessionUser | null): boolean {
  return isCentre(user);
}

/** Accepting a report or returning it (差し戻し) with a comment. */
export function canReviewReports(user: SessionUser | null): boolean {
  return isCentre(user);
}

/** Verifying a reported milestone completion against its evidence, or rejecting it. */
export function canVerifyMilestones(user: SessionUser | null): boolean {
  return isCentre(user);
}

/** Confirming or overriding a KPI's progress category (A / B / N). */
export function canConfirmKpiCategories(user: SessionUser | null): boolean {
  return isCentre(user);
}

/** Listing users and signing them out: administrators only. */
export function canManageUsers(user: SessionUser | null): boolean {
  return user?.role === 'admin';
}

/** Adding, renaming, moving and retiring deadlines and meetings (decision 026): administrators only. */
export function canManageReferenceData(user: SessionUser | null): boolean {
  return user?.role === 'admin';
}

/**
 * Reading the server's metrics (GET /metrics): administrators, or everyone when the operator sets
 * METRICS_PUBLIC=true for a scraper inside the network (decision 020).
 */
export function canReadMetrics(user: SessionUser | null, metricsPublic: boolean): boolean {
  return metricsPublic || user?.role === 'admin';
}

/**
 * Freezing an edition of the dashboard for a meeting (docs/product.md §2 "Meetings and editions"):
 * the secretariat prepares what is presented, and administrators may do it too.
 */
export function canFreezeEditions(user: SessionUser | null): boolean {
  return isCentre(user);
}
