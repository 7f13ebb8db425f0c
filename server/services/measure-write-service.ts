import type { SessionUser } from '../../common/roles';
import { canEditMeasure, canVerifyMilestones } from '../../common/roles';
import { jstDateOf } from '../../common/calendar';
import type { AppDeps } from '../app-env';
import { ApiError } from '../errors';
import { parseIfMatch } from '../preconditions';
import { writeAudit } from '../repositories/audit-repository';
import { claimVersion, findWriteTarget } from '../repositories/measure-writes-repository';
import type { MeasureDetailResponse } from '../schemas/responses';
import type { KpiCreateBody, KpiObservationBody, KpiPatchBody } from '../schemas/kpi-inputs';
import type {
  MeasurePatchBody,
  MilestoneCreateBody,
  MilestonePatchBody,
  MilestoneVerificationBody,
  ReportBody,
  WithdrawalBody,
} from '../schemas/writes';
import { planRestore, planWithdraw } from './measure-withdrawal-plans';
import { readMeasure } from './measures-service';
import {
  planKpiCreate,
  planKpiObservation,
  planKpiUpdate,
  planMeasurePatch,
  planMilestoneCreate,
  planMilestoneUpdate,
  planMilestoneVerification,
  planReport,
} from './measure-write-plans';
import type { WriteState, WritePlan } from './measure-write-plans';

// One measure write, the same for every kind of write (docs/decisions/006-writes-versions-and-audit.md):
//   load the measure → authorise → check If-Match (428 / 412) → let the plan validate the body
//   against that state and say what changes → in ONE transaction: claim the version (the atomic
//   compare-and-bump that makes concurrent writers lose with 412), apply the change, read the new
//   state, append the audit rows → answer with the new state.
// Validation runs against the state read before the transaction; that is sound because the
// transaction only commits if the version is still the one that state was read at, and every
// change to a measure or its milestones bumps that version.

type WriteDeps = Pick<AppDeps, 'db' | 'now' | 'taxonomy'>;

/** Who writes to which measure, and on which version (what HTTP carried, read by the route). */
export interface MeasureWriteRequest {
  /** The signed-in user (the route's guard has refused anonymous callers and read-only roles). */
  user: SessionUser;
  code: string;
  /** The If-Match header as sent, if any. */
  ifMatch: string | undefined;
  requestId: string;
}

export type MeasureWriteOutcome =
  | { kind: 'written'; measure: MeasureDetailResponse }
  /** The If-Match named an older version (or a concurrent writer won): answer 412 with `current`. */
  | { kind: 'stale'; current: MeasureDetailResponse };

/** Thrown inside the transaction when the version gate matched no row; rolls everything back. */
class StaleVersion extends Error {}

/**
 * A withdrawn measure (廃止) is read-only until restored (docs/decisions/024): 409 for any write but
 * its restoration. A survey-form upload never gets this far: its dry run names the withdrawn measure's
 * row (import-rows.ts), and a withdrawal after the dry run moved the version the apply checks.
 */
export function refuseWhileWithdrawn(measure: Pick<MeasureDetailResponse, 'code' | 'withdrawnOn'>): void {
  if (measure.withdrawnOn === null) return;
  throw new ApiError(
    409,
    'measure_withdrawn',
    `${measure.code} was withdrawn on ${measure.withdrawnOn}; restore it (POST /api/v1/measures/${measure.code}/restore) before changing it`,
  );
}

/** Today's view of a measure, the one writes are made against. */
export function currentView(now: Date) {
  return { asOf: jstDateOf(now), asOfInstant: now.toISOString(), historical: false } as const;
}

/**
 * Who may make a write to a measure with this lead ministry. Most writes are the measure's own
 * (its lead ministry, or an administrator); the secretariat's verification of a milestone is a
 * write to the measure too (same version gate and audit) but the centre's right, not the ministry's.
 */
type WriteRight = (user: SessionUser, leadMinistry: string) => boolean;

const EDIT_RIGHT: WriteRight = (user, leadMinistry) => canEditMeasure(user, leadMinistry);
const VERIFY_RIGHT: WriteRight = (user) => canVerifyMilestones(user);

interface WriteOptions {
  right?: WriteRight;
  /**
   * Whether the write may be made while the measure stands withdrawn (廃止): only its restoration
   * (and a withdrawal, which refuses itself with a clearer 409). A withdrawn measure is read-only
   * (docs/decisions/024).
   */
  whileWithdrawn?: boolean;
}

async function runMeasureWrite<R>(
  deps: WriteDeps,
  request: MeasureWriteRequest,
  plan: (state: WriteState) => WritePlan<R> | Promise<WritePlan<R>>,
  { right = EDIT_RIGHT, whileWithdrawn = false }: WriteOptions = {},
): Promise<MeasureWriteOutcome> {
  const { code, user } = request;
  const now = deps.now();
  const view = currentView(now);
  const [target, before] = await Promise.all([findWriteTarget(deps.db, code), readMeasure(deps.db, code, view)]);
  if (!target || !before) throw new ApiError(404, 'not_found', `No measure with code ${code}`);
  // The route's guard checked this already; checked again here so that no write path can skip it.
  if (!right(user, target.leadMinistry)) throw new ApiError(403, 'forbidden', `You may not change ${target.code}`);

  const precondition = parseIfMatch(request.ifMatch);
  if (precondition.kind !== 'versions') {
    throw new ApiError(
      428,
      'precondition_required',
      `Send If-Match with the measure's ETag (from GET /api/v1/measures/${target.code}) so that no one else's change is overwritten`,
    );
  }
  if (!precondition.versions.includes(before.version)) return { kind: 'stale', current: before };
  if (!whileWithdrawn) refuseWhileWithdrawn(before);

  const planned = await plan({ user, target, before, now });
  try {
    const measure = await deps.db.transaction().execute(async (trx) => {
      const claimed = await claimVersion(trx, target.id, before.version, { ...planned.changes, updated_at: now.toISOString() });
      if (!claimed) throw new StaleVersion();
      const result = await planned.apply(trx);
      const after = await readMeasure(trx, target.code, view);
      if (!after) throw new Error(`Measure ${target.code} vanished during a write`);
      for (const entry of planned.audit(after, result)) {
        await writeAudit(trx, { ...entry, actor: user, requestId: request.requestId, now });
      }
      return after;
    });
    return { kind: 'written', measure };
  } catch (error) {
    if (!(error instanceof StaleVersion)) throw error;
    const current = await readMeasure(deps.db, target.code, view);
    if (!current) throw new ApiError(404, 'not_found', `No measure with code ${code}`);
    return { kind: 'stale', current };
  }
}

/** The measure's withdrawal (廃止), from a day (POST /measures/:code/withdraw; docs/decisions/024). */
export function withdrawMeasure(
  deps: WriteDeps,
  request: MeasureWriteRequest,
  body: WithdrawalBody,
): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planWithdraw(deps.db, body), { whileWithdrawn: true });
}

/** The restoration of a withdrawn measure (POST /measures/:code/restore). */
export function restoreMeasure(
  deps: WriteDeps,
  request: MeasureWriteRequest,
  body: WithdrawalBody,
): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planRestore(deps.db, body), { whileWithdrawn: true });
}

/** A status report on the measure (POST /measures/:code/reports). */
export function submitReport(deps: WriteDeps, request: MeasureWriteRequest, body: ReportBody): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planReport(body));
}

/** An edit of the measure's own fields (PATCH /measures/:code). */
export async function editMeasure(
  deps: WriteDeps,
  request: MeasureWriteRequest,
  body: MeasurePatchBody,
): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planMeasurePatch(body, await deps.taxonomy()));
}

/** A new milestone on the measure (POST /measures/:code/milestones). */
export function addMilestone(
  deps: WriteDeps,
  request: MeasureWriteRequest,
  body: MilestoneCreateBody,
): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planMilestoneCreate(body));
}

/** An edit or reschedule of one of the measure's milestones (PATCH /measures/:code/milestones/:id). */
export function editMilestone(
  deps: WriteDeps,
  request: MeasureWriteRequest,
  milestoneId: number,
  body: MilestonePatchBody,
): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planMilestoneUpdate(milestoneId, body));
}

/** The secretariat's verification or rejection of a milestone's completion (POST …/milestones/:id/verification). */
export function decideMilestoneVerification(
  deps: WriteDeps,
  request: MeasureWriteRequest,
  milestoneId: number,
  body: MilestoneVerificationBody,
): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planMilestoneVerification(milestoneId, body), { right: VERIFY_RIGHT });
}

/** A new structured KPI on the measure (POST /measures/:code/kpis). */
export function addKpi(deps: WriteDeps, request: MeasureWriteRequest, body: KpiCreateBody): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planKpiCreate(body));
}

/** An edit of one of the measure's KPIs (PATCH /measures/:code/kpis/:id). */
export function editKpi(
  deps: WriteDeps,
  request: MeasureWriteRequest,
  kpiId: number,
  body: KpiPatchBody,
): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planKpiUpdate(kpiId, body));
}

/** An observed value of one of the measure's KPIs (POST /measures/:code/kpis/:id/observations). */
export function observeKpi(
  deps: WriteDeps,
  request: MeasureWriteRequest,
  kpiId: number,
  body: KpiObservationBody,
): Promise<MeasureWriteOutcome> {
  return runMeasureWrite(deps, request, planKpiObservation(kpiId, body));
}
