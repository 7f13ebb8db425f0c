import { canCreateMeasure } from '../../common/roles';
import type { SessionUser } from '../../common/roles';
import type { AppDeps } from '../app-env';
import { measureSearchText } from '../domain/search-text';
import { forbidden } from '../errors';
import type { ApiIssue } from '../errors';
import { writeAudit } from '../repositories/audit-repository';
import { formatMeasureCode, insertMeasure, nextMeasureNumber } from '../repositories/measure-create-repository';
import type { MeasureDetailResponse } from '../schemas/responses';
import type { MeasureCreateBody } from '../schemas/writes';
import { readMeasure } from './measures-service';
import { DEFAULT_REPORTING_CYCLE_DAYS } from './meta-service';
import { currentView } from './measure-write-service';
import { bodyError, measureSnapshot, resolveCodes } from './measure-write-plans';

// Registering a new measure (POST /measures, docs/decisions/023): checked against the taxonomy and the
// caller's right for the lead ministry, then in ONE transaction: the next code of that ministry, the
// measure, its links and first milestones, and the audit row. A new measure is version 1, not started,
// with its first report due at once; as of any instant before its creation it does not exist.

type CreateDeps = Pick<AppDeps, 'db' | 'now' | 'taxonomy'>;

export interface MeasureCreateRequest {
  user: SessionUser;
  body: MeasureCreateBody;
  requestId: string;
}

export async function createMeasure(deps: CreateDeps, request: MeasureCreateRequest): Promise<MeasureDetailResponse> {
  const { user, body } = request;
  const taxonomy = await deps.taxonomy();
  const issues: ApiIssue[] = [];
  const [leadMinistryId = -1] = resolveCodes(taxonomy, 'ministries', 'leadMinistry', [body.leadMinistry], issues);
  const [pillarId = -1] = resolveCodes(taxonomy, 'pillars', 'pillar', [body.pillar], issues);
  const fieldIds = resolveCodes(taxonomy, 'fields', 'fields', body.fields, issues);
  const coMinistries = body.coMinistries ?? [];
  if (coMinistries.includes(body.leadMinistry)) {
    issues.push({ path: ['coMinistries'], message: `must not include the lead ministry (${body.leadMinistry})` });
  }
  const coMinistryIds = resolveCodes(taxonomy, 'ministries', 'coMinistries', coMinistries, issues);
  const instrumentIds = resolveCodes(taxonomy, 'instruments', 'instruments', body.instruments, issues);
  const startDate = body.startDate ?? null;
  const targetDate = body.targetDate ?? null;
  if (startDate !== null && targetDate !== null && targetDate < startDate) {
    issues.push({
      path: ['targetDate'],
      message: `the target date (${targetDate}) must not be before the start date (${startDate})`,
    });
  }
  if (issues.length > 0) throw bodyError(issues);
  if (!canCreateMeasure(user, body.leadMinistry)) {
    throw forbidden(
      `A ministry lead registers measures of their own ministry (${user.ministry ?? 'none'}), not ${body.leadMinistry}`,
    );
  }

  const now = deps.now();
  const at = now.toISOString();
  const prefix = body.leadMinistry.toUpperCase();
  const summaryJa = body.summaryJa ?? '';
  const summaryEn = body.summaryEn ?? '';
  const kpiJa = body.kpiJa ?? '';
  const kpiEn = body.kpiEn ?? '';
  return deps.db.transaction().execute(async (trx) => {
    const code = formatMeasureCode(prefix, await nextMeasureNumber(trx, leadMinistryId, prefix));
    await insertMeasure(trx, {
      code,
      titleJa: body.titleJa,
      titleEn: body.titleEn,
      summaryJa,
      summaryEn,
      leadMinistryId,
      pillarId,
      startDate,
      targetDate,
      budgetYen: body.budgetYen ?? null,
      budgetFiscalYear: body.budgetFiscalYear ?? null,
      ownerName: body.ownerName ?? '',
      kpiJa,
      kpiEn,
      // The cycle /meta announces (reportingCycleDays).
      reportingCycleDays: DEFAULT_REPORTING_CYCLE_DAYS,
      // The same parts, in the same order, as every other writer of search_text.
      searchText: measureSearchText([code, body.titleJa, body.titleEn, summaryJa, summaryEn, kpiJa, kpiEn]),
      fieldIds,
      coMinistryIds,
      instrumentIds,
      milestones: body.milestones,
      now: at,
    });
    const measure = await readMeasure(trx, code, currentView(now));
    if (!measure) throw new Error(`Measure ${code} vanished while it was registered`);
    await writeAudit(trx, {
      actor: user,
      action: 'measure.create',
      entityType: 'measure',
      entityCode: code,
      before: null,
      after: measureSnapshot(measure),
      requestId: request.requestId,
      now,
    });
    return measure;
  });
}
