import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SessionUser } from '../../common/roles';
import { canEditMeasure } from '../../common/roles';
import { columnOfIssue, evaluateRows } from '../domain/import-rows';
import type { CandidateReport, MeasureState, RawRow, RowError } from '../domain/import-rows';
import type { ImportLang } from '../domain/import-sheet';
import type { AppDeps } from '../app-env';
import { ApiError, requireUser } from '../errors';
import { findImport, insertImport } from '../repositories/import-repository';
import type { ImportRecord } from '../repositories/import-repository';
import { findWriteTarget } from '../repositories/measure-writes-repository';
import type { WriteTarget } from '../repositories/measure-writes-repository';
import { importChangeDto, importConflictDto, importErrorDto } from '../schemas/imports';
import type { ImportChangeDto, ImportResponse } from '../schemas/imports';
import type { MeasureDetailResponse } from '../schemas/responses';
import { reportBody } from '../schemas/writes';
import { importNotFound, mayUseImport, requireKnownMinistry, uploadMinistry } from './import-access';
import { readUpload } from './import-file';
import { planReport } from './measure-write-plans';
import { currentView } from './measure-write-service';
import { readMeasure } from './measures-service';

// The dry run of a survey-form upload (docs/product.md §4): read the file, check every row with the
// rules of the write path (the report body schema, then planReport against the measure's state, so
// an import can never write what POST /measures/:code/reports would refuse), and keep the result
// for 24 hours. Nothing is written to measures or reports here.

export const IMPORT_LIFETIME_MS = 24 * 60 * 60 * 1000;

type ImportDeps = Pick<AppDeps, 'db' | 'now' | 'taxonomy'>;

export interface MeasureAtNow {
  target: WriteTarget;
  before: MeasureDetailResponse;
}

/** The measures the rows name, as they are now (unknown codes are left out). */
export async function measuresNamed(deps: ImportDeps, codes: Iterable<string>): Promise<Map<string, MeasureAtNow>> {
  const view = currentView(deps.now());
  const found = new Map<string, MeasureAtNow>();
  for (const code of codes) {
    const [target, before] = await Promise.all([findWriteTarget(deps.db, code), readMeasure(deps.db, code, view)]);
    if (target && before) found.set(target.code, { target, before });
  }
  return found;
}

function statesOf(measures: ReadonlyMap<string, MeasureAtNow>, user: SessionUser): Map<string, MeasureState> {
  const states = new Map<string, MeasureState>();
  for (const [code, { target, before }] of measures) {
    states.set(code, {
      code,
      leadMinistry: target.leadMinistry,
      version: before.version,
      status: before.status,
      reportedHealth: before.reportedHealth,
      writable: canEditMeasure(user, target.leadMinistry),
      withdrawnOn: before.withdrawnOn,
    });
  }
  return states;
}

/** The report a change asks for, as the write path's body. */
export function reportInputOf(change: ImportChangeDto) {
  return {
    status: change.status.to,
    health: change.health.to ?? undefined,
    note: change.note,
    evidenceUrl: change.evidenceUrl,
    milestonesCompleted: change.milestonesCompleted.map((m) => ({ milestoneId: m.milestoneId, completedDate: m.completedDate })),
  };
}

/** A candidate checked by the write path's rules: the change it makes, or the errors it has. */
function checkCandidate(
  candidate: CandidateReport,
  measure: MeasureAtNow,
  user: SessionUser,
  now: Date,
  lang: ImportLang,
): ImportChangeDto | RowError[] {
  const rowOfIssue = (path: readonly (string | number)[]) =>
    path[0] === 'milestonesCompleted' && typeof path[1] === 'number'
      ? (candidate.milestoneRows[path[1]] ?? candidate.row)
      : candidate.row;
  const toErrors = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
    issues.map((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      return { row: rowOfIssue(path), column: columnOfIssue(path), message: i.message };
    });
  const parsed = reportBody.safeParse(candidate.body);
  if (!parsed.success) return toErrors(parsed.error.issues);
  try {
    planReport(parsed.data)({ user, target: measure.target, before: measure.before, now });
  } catch (error) {
    if (error instanceof ApiError && error.issues) return toErrors(error.issues);
    throw error;
  }
  const { before } = measure;
  const title = (t: { titleJa: string; titleEn: string }) => (lang === 'ja' ? t.titleJa : t.titleEn);
  return {
    row: candidate.row,
    code: candidate.code,
    title: title(before),
    version: before.version,
    status: { from: before.status, to: parsed.data.status },
    health: { from: before.reportedHealth, to: parsed.data.health },
    note: parsed.data.note,
    evidenceUrl: parsed.data.evidenceUrl ?? null,
    milestonesCompleted: (parsed.data.milestonesCompleted ?? []).map((m, i) => {
      const milestone = before.milestoneList.find((x) => x.id === m.milestoneId);
      return { ...m, row: candidate.milestoneRows[i] ?? candidate.row, title: milestone ? title(milestone) : '' };
    }),
  };
}

const storedChanges = z.array(importChangeDto);
const storedErrors = z.array(importErrorDto);
const storedConflicts = z.array(importConflictDto);

/** The stored import as the API shows it. */
export function importView(record: ImportRecord, now: Date): ImportResponse {
  const changes = storedChanges.parse(JSON.parse(record.changesJson));
  const errors = storedErrors.parse(JSON.parse(record.errorsJson));
  const conflicts = storedConflicts.parse(JSON.parse(record.conflictsJson));
  const pending = record.appliedAt === null && now.toISOString() < record.expiresAt;
  return {
    id: record.id,
    ministry: record.ministry,
    fileName: record.fileName,
    rows: record.rowCount,
    changes,
    unchanged: record.unchanged,
    errors,
    conflicts,
    canApply: pending && errors.length === 0 && conflicts.length === 0 && changes.length > 0,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    appliedAt: record.appliedAt,
  };
}

export interface UploadInput {
  user: SessionUser | null;
  ministry: string | undefined;
  lang: ImportLang;
  fileName: string;
  bytes: Uint8Array;
}

/** Reads, checks and keeps an upload; answers its dry run. */
export async function dryRunImport(deps: ImportDeps, input: UploadInput): Promise<ImportResponse> {
  const ministry = uploadMinistry(input.user, input.ministry);
  const user = requireUser(input.user);
  if (ministry !== null) await requireKnownMinistry(deps.taxonomy, ministry);
  const rows: RawRow[] = await readUpload(input.bytes, input.lang);
  const codes = new Set(rows.map((r) => (r.cells.code ?? '').trim().toUpperCase()).filter((c) => c !== ''));
  const measures = await measuresNamed(deps, codes);
  const evaluated = evaluateRows(rows, statesOf(measures, user), ministry, input.lang);
  const now = deps.now();
  const changes: ImportChangeDto[] = [];
  const errors = [...evaluated.errors];
  for (const candidate of evaluated.candidates) {
    const measure = measures.get(candidate.code);
    if (!measure) continue;
    const checked = checkCandidate(candidate, measure, user, now, input.lang);
    if (Array.isArray(checked)) errors.push(...checked);
    else changes.push(checked);
  }
  errors.sort((a, b) => a.row - b.row);
  const record: ImportRecord = {
    id: randomUUID(),
    uploaderUserId: user.id,
    ministry,
    fileName: input.fileName,
    lang: input.lang,
    rowCount: rows.length,
    unchanged: evaluated.unchanged,
    changesJson: JSON.stringify(changes),
    errorsJson: JSON.stringify(errors),
    conflictsJson: JSON.stringify(evaluated.conflicts),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + IMPORT_LIFETIME_MS).toISOString(),
    appliedAt: null,
  };
  await insertImport(deps.db, record);
  return importView(record, now);
}

/** A stored import, to its uploader or an administrator; 404 to anyone else. */
export async function findVisibleImport(deps: ImportDeps, signedIn: SessionUser | null, id: string): Promise<ImportRecord> {
  const user = requireUser(signedIn);
  const record = await findImport(deps.db, id);
  if (!record || !mayUseImport(user, record.uploaderUserId)) throw importNotFound(id);
  return record;
}

export async function showImport(deps: ImportDeps, user: SessionUser | null, id: string): Promise<ImportResponse> {
  return importView(await findVisibleImport(deps, user, id), deps.now());
}
