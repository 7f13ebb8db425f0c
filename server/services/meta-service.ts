import { jstDateOf } from '../../common/calendar';
import { HEALTHS, STATUSES } from '../../common/taxonomy';
import type { AppDeps } from '../app-env';
import { codeAndNames } from '../domain/breakdowns';
import { deadlineInForce } from '../domain/derived-figures';
import { hasSampleData } from '../repositories/taxonomy-repository';
import type { MetaResponse } from '../schemas/responses';

export const DEFAULT_REPORTING_CYCLE_DAYS = 30;

/** What the client needs before anything else: the code lists, the deadlines, today's date. */
export async function describeMeta(deps: Pick<AppDeps, 'db' | 'taxonomy' | 'now'>): Promise<MetaResponse> {
  const [t, sampleData] = await Promise.all([deps.taxonomy(), hasSampleData(deps.db)]);
  const today = jstDateOf(deps.now());
  return {
    fields: t.fields.map(codeAndNames),
    ministries: t.ministries.map(codeAndNames),
    pillars: t.pillars.map(codeAndNames),
    instruments: t.instruments.map(codeAndNames),
    statuses: STATUSES.map((s) => ({ ...s })),
    healths: HEALTHS.map((h) => ({ ...h })),
    deadlines: t.deadlines.map((d) => ({ ...codeAndNames(d), date: d.date })),
    defaultDeadline: deadlineInForce(t.deadlines, today)?.code ?? null,
    meetings: t.meetings.map((m) => ({ ...codeAndNames(m), date: m.date })),
    lastMeeting: t.meetings.filter((m) => m.date <= today).at(-1)?.code ?? null,
    nextMeeting: t.meetings.find((m) => m.date > today)?.code ?? null,
    today,
    reportingCycleDays: DEFAULT_REPORTING_CYCLE_DAYS,
    sampleData,
  };
}
