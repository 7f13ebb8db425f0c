import type { SessionUser } from '../../common/roles';
import type { Taxonomy } from '../repositories/taxonomy-repository';
import { ApiError, forbidden, invalidParameter, requireUser } from '../errors';

// Who may take or hand in which ministry's survey form (docs/product.md §4): a ministry lead
// their own ministry's (the default), an administrator any ministry's; no other role.

/** The ministry a template is made for; 401 / 403 / 400 as the brief of each role says. */
export function templateMinistry(signedIn: SessionUser | null, requested: string | undefined): string {
  const user = requireUser(signedIn);
  if (user.role === 'admin') {
    if (requested === undefined) throw invalidParameter('ministry', 'an administrator must name the ministry');
    return requested;
  }
  if (user.role !== 'ministry_lead' || user.ministry === null) throw forbiddenImport(user);
  if (requested !== undefined && requested !== user.ministry) {
    throw forbidden(`A ministry lead may use only the form of their own ministry (${user.ministry})`);
  }
  return user.ministry;
}

/** The ministry an upload is bound to: a lead's own; an administrator's choice, or none (any measure). */
export function uploadMinistry(user: SessionUser | null, requested: string | undefined): string | null {
  if (user?.role === 'admin') return requested ?? null;
  return templateMinistry(user, requested);
}

function forbiddenImport(user: SessionUser): ApiError {
  return forbidden(`The ${user.role} role does not report through the survey form`);
}

/** An import that does not exist, or that this user may not see (the same answer, so ids leak nothing). */
export function importNotFound(id: string): ApiError {
  return new ApiError(404, 'not_found', `No import ${id}`);
}

/** Only its uploader or an administrator sees or applies an import. */
export function mayUseImport(user: SessionUser, uploaderUserId: number): boolean {
  return user.role === 'admin' || user.id === uploaderUserId;
}

/** A ministry of the taxonomy (read from its cache, not the database), or a 400 naming `ministry`. */
export async function requireKnownMinistry(taxonomy: () => Promise<Taxonomy>, code: string): Promise<void> {
  if (!(await taxonomy()).ministries.some((m) => m.code === code)) {
    throw invalidParameter('ministry', `no ministry with code ${code}`);
  }
}
