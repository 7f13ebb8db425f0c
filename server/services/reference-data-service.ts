import { canManageReferenceData } from '../../common/roles';
import type { SessionUser } from '../../common/roles';
import { isUniqueViolation } from '../../db/dialect';
import type { AppDeps } from '../app-env';
import { ApiError, forbidden } from '../errors';
import { writeAudit } from '../repositories/audit-repository';
import { insertReferenceRow, listReferenceRecords, updateReferenceRow } from '../repositories/reference-data-repository';
import type { ReferenceChange, ReferenceKind, ReferenceRecord } from '../repositories/reference-data-repository';
import type { CreateReferenceBody, ReferenceItem, ReferenceListResponse, UpdateReferenceBody } from '../schemas/reference-data';

// Deadlines and meetings in the browser, for administrators (docs/product.md §4,
// docs/decisions/026-reference-data-in-the-browser.md): add, rename, move a date, retire and restore.
// Nothing is deleted and a code never changes, so every link, edition and round that names one keeps
// resolving. Each change and its audit row commit together; the tables' triggers move the reference
// data version, so every process's taxonomy and figures caches (decision 019) see it on the next request.

type ReferenceDeps = Pick<AppDeps, 'db' | 'now'>;

export type { ReferenceKind };

export interface AdminRequest {
  actor: SessionUser;
  requestId: string;
}

/** The audit's entity type and the word the messages use. */
const ENTITY: Record<ReferenceKind, 'deadline' | 'meeting'> = { deadlines: 'deadline', meetings: 'meeting' };

function toItem(r: ReferenceRecord): ReferenceItem {
  return {
    code: r.code,
    nameJa: r.nameJa,
    nameEn: r.nameEn,
    date: r.date,
    retired: r.retiredAt !== null,
    retiredAt: r.retiredAt,
    usedBy: { editions: r.editions, rounds: r.rounds },
  };
}

/** What the audit row keeps of a row, before and after. */
function audited(r: { nameJa: string; nameEn: string; date: string; retiredAt: string | null }) {
  return { nameJa: r.nameJa, nameEn: r.nameEn, date: r.date, retired: r.retiredAt !== null };
}

function guard(actor: SessionUser): void {
  // The route's guard checked this already; checked again so that no path can skip it.
  if (!canManageReferenceData(actor)) throw forbidden('Only administrators may manage deadlines and meetings');
}

function notFound(kind: ReferenceKind, code: string): ApiError {
  return new ApiError(404, 'not_found', `No ${ENTITY[kind]} with code ${code}`);
}

function codeTaken(kind: ReferenceKind, code: string): ApiError {
  return new ApiError(409, 'code_taken', `A ${ENTITY[kind]} with code ${code} already exists`, [
    { path: ['code'], message: `is taken by another ${ENTITY[kind]}` },
  ]);
}

/** Every deadline (or meeting), retired ones included, with what names it. */
export async function referenceList(deps: ReferenceDeps, kind: ReferenceKind): Promise<ReferenceListResponse> {
  return { items: (await listReferenceRecords(deps.db, kind)).map(toItem) };
}

/** One deadline or meeting; 404 for an unknown code (where POST's Location points). */
export async function referenceDetail(deps: ReferenceDeps, kind: ReferenceKind, code: string): Promise<ReferenceItem> {
  const [row] = await listReferenceRecords(deps.db, kind, code);
  if (!row) throw notFound(kind, code);
  return toItem(row);
}

/** Adds a deadline or meeting in force; 409 code_taken when the code exists (retired ones included). */
export async function createReference(
  deps: ReferenceDeps,
  request: AdminRequest,
  kind: ReferenceKind,
  body: CreateReferenceBody,
): Promise<ReferenceItem> {
  guard(request.actor);
  const now = deps.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      if ((await listReferenceRecords(trx, kind, body.code)).length > 0) throw codeTaken(kind, body.code);
      await insertReferenceRow(trx, kind, body);
      await writeAudit(trx, {
        actor: request.actor,
        action: `${ENTITY[kind]}.create`,
        entityType: ENTITY[kind],
        entityCode: body.code,
        before: null,
        after: { code: body.code, ...audited({ ...body, retiredAt: null }) },
        requestId: request.requestId,
        now,
      });
    });
  } catch (error) {
    // Another administrator added the same code meanwhile.
    if (isUniqueViolation(error)) throw codeTaken(kind, body.code);
    throw error;
  }
  return referenceDetail(deps, kind, body.code);
}

/**
 * Renames, moves or retires / restores a deadline or meeting; the code never changes. The last
 * deadline in force cannot be retired (409 last_deadline_in_force): the dashboard measures against
 * one. A request that changes nothing writes nothing, audit included.
 */
export async function updateReference(
  deps: ReferenceDeps,
  request: AdminRequest,
  kind: ReferenceKind,
  code: string,
  body: UpdateReferenceBody,
): Promise<ReferenceItem> {
  guard(request.actor);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const [row] = await listReferenceRecords(trx, kind, code);
    if (!row) throw notFound(kind, code);
    const retiring = body.retired === true && row.retiredAt === null;
    const change: ReferenceChange = {};
    if (body.nameJa !== undefined && body.nameJa !== row.nameJa) change.nameJa = body.nameJa;
    if (body.nameEn !== undefined && body.nameEn !== row.nameEn) change.nameEn = body.nameEn;
    if (body.date !== undefined && body.date !== row.date) change.date = body.date;
    if (retiring) change.retiredAt = now.toISOString();
    if (body.retired === false && row.retiredAt !== null) change.retiredAt = null;
    if (Object.keys(change).length === 0) return;
    if (retiring && kind === 'deadlines') {
      const inForce = (await listReferenceRecords(trx, kind)).filter((r) => r.retiredAt === null);
      if (inForce.length <= 1)
        throw new ApiError(409, 'last_deadline_in_force', 'The last deadline in force cannot be retired: add another first', [
          { path: ['retired'], message: 'the dashboard needs one deadline in force' },
        ]);
    }
    await updateReferenceRow(trx, kind, code, change);
    await writeAudit(trx, {
      actor: request.actor,
      action: `${ENTITY[kind]}.update`,
      entityType: ENTITY[kind],
      entityCode: code,
      before: audited(row),
      after: audited({ ...row, ...change }),
      requestId: request.requestId,
      now,
    });
  });
  return referenceDetail(deps, kind, code);
}
