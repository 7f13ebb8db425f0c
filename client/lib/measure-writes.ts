import { queryOptions } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { MeasureDetailResponse } from '../../server/schemas/responses';
import { api, readApiError } from './api-client';

// Writes to one measure (docs/product.md §5): every write names, in If-Match, the version (ETag) the user's
// edit was based on. When someone changed the measure in between, the server answers 412 with the
// measure as it is now, and the UI shows both versions instead of overwriting (docs/product.md §7).

export type MeasureDetail = MeasureDetailResponse;
type ReportInput = Parameters<(typeof api.measures)[':code']['reports']['$post']>[0]['json'];
type MilestoneCreateInput = Parameters<(typeof api.measures)[':code']['milestones']['$post']>[0]['json'];
type MilestonePatchInput = Parameters<(typeof api.measures)[':code']['milestones'][':id']['$patch']>[0]['json'];
type MeasurePatchInput = Parameters<(typeof api.measures)[':code']['$patch']>[0]['json'];
export type MeasurePatchBody = MeasurePatchInput;
export type ReportBody = ReportInput;
export type MilestoneCreateBody = MilestoneCreateInput;
export type MilestonePatchBody = MilestonePatchInput;
/** A withdrawal (廃止) or a restoration: why, and from which day (docs/decisions/024). */
export type WithdrawalBody = Parameters<(typeof api.measures)[':code']['withdraw']['$post']>[0]['json'];

/** A measure as loaded for editing, with the ETag a write must send back. */
export interface EditableMeasure {
  measure: MeasureDetail;
  etag: string;
}

export type WriteOutcome =
  | { kind: 'saved'; measure: MeasureDetail; etag: string }
  /** Someone else changed the measure since it was loaded: here it is as it is now. */
  | { kind: 'conflict'; current: MeasureDetail; etag: string };

export const editableMeasureKeys = {
  all: ['measure-edit'] as const,
  detail: (code: string) => [...editableMeasureKeys.all, code] as const,
};

export async function fetchEditableMeasure(code: string): Promise<EditableMeasure> {
  const res = await api.measures[':code'].$get({ param: { code }, query: {} });
  if (!res.ok) throw await readApiError(res);
  const measure = await res.json();
  return { measure, etag: res.headers.get('ETag') ?? `"v${measure.version}"` };
}

/**
 * The measure for a form. Loaded afresh whenever a form opens, and never refreshed behind the
 * user's back: a form keeps the version it was filled in against until the user decides otherwise.
 */
export function editableMeasureQuery(code: string) {
  return queryOptions({
    queryKey: editableMeasureKeys.detail(code),
    queryFn: () => fetchEditableMeasure(code),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnMount: 'always',
  });
}

interface WriteResponse {
  ok: boolean;
  status: number;
  headers: Headers;
  json(): Promise<unknown>;
}

function etagOrVersion(res: WriteResponse, measure: MeasureDetail): string {
  return res.headers.get('ETag') ?? `"v${measure.version}"`;
}

function isMeasureDetail(value: unknown): value is MeasureDetail {
  return typeof value === 'object' && value !== null && 'code' in value && 'version' in value && 'milestoneList' in value;
}

/** 2xx → saved; 412 → conflict with the current state; anything else → ApiRequestError. */
async function outcomeOf(res: WriteResponse): Promise<WriteOutcome> {
  if (res.status === 412) {
    const body: unknown = await res.json().catch(() => null);
    const current =
      typeof body === 'object' && body !== null && 'current' in body ? (body as { current: unknown }).current : null;
    if (isMeasureDetail(current)) return { kind: 'conflict', current, etag: etagOrVersion(res, current) };
    throw await readApiError({ status: res.status, headers: res.headers, json: async () => body });
  }
  if (!res.ok) throw await readApiError(res);
  const measure: unknown = await res.json();
  if (!isMeasureDetail(measure)) throw new Error('The server answered a write without the measure');
  return { kind: 'saved', measure, etag: etagOrVersion(res, measure) };
}

function ifMatch(etag: string) {
  return { headers: { 'If-Match': etag } };
}

export async function submitReport(code: string, etag: string, body: ReportBody): Promise<WriteOutcome> {
  return outcomeOf(await api.measures[':code'].reports.$post({ param: { code }, json: body }, ifMatch(etag)));
}

export async function patchMeasure(code: string, etag: string, body: MeasurePatchBody): Promise<WriteOutcome> {
  return outcomeOf(await api.measures[':code'].$patch({ param: { code }, json: body }, ifMatch(etag)));
}

export async function createMilestone(code: string, etag: string, body: MilestoneCreateBody): Promise<WriteOutcome> {
  return outcomeOf(await api.measures[':code'].milestones.$post({ param: { code }, json: body }, ifMatch(etag)));
}

export async function updateMilestone(code: string, id: number, etag: string, body: MilestonePatchBody): Promise<WriteOutcome> {
  return outcomeOf(
    await api.measures[':code'].milestones[':id'].$patch({ param: { code, id: String(id) }, json: body }, ifMatch(etag)),
  );
}

export async function withdrawMeasure(code: string, etag: string, body: WithdrawalBody): Promise<WriteOutcome> {
  return outcomeOf(await api.measures[':code'].withdraw.$post({ param: { code }, json: body }, ifMatch(etag)));
}

export async function restoreMeasure(code: string, etag: string, body: WithdrawalBody): Promise<WriteOutcome> {
  return outcomeOf(await api.measures[':code'].restore.$post({ param: { code }, json: body }, ifMatch(etag)));
}

/**
 * After a write every figure that may include this measure is out of date: the dashboard, the
 * lists, the detail. All of it is refetched (the taxonomy and the session are not affected).
 */
export async function invalidateAfterWrite(queryClient: QueryClient): Promise<void> {
  const predicate = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== 'meta' && query.queryKey[0] !== 'session';
  // What no page shows now is dropped rather than marked stale: the page a write navigates to (the
  // measure) would otherwise show its state from before the write until the refetch came back.
  queryClient.removeQueries({ predicate, type: 'inactive' });
  await queryClient.invalidateQueries({ predicate });
}
