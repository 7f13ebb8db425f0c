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
  // Retired rows stay listed (flagged) so that old links keep their names, but are never the default
  // nor the last or next meeting (docs/decisions/026-reference-data-in-the-browser.md).
  const meetingsInForce = t.meetings.filter((m) => !m.retired);
  return {
    fields: t.fields.map(codeAndNames),
    ministries: t.ministries.map(codeAndNames),
    pillars: t.pillars.map(codeAndNames),
    instruments: t.instruments.map(codeAndNames),
    statuses: STATUSES.map((s) => ({ ...s })),
    healths: HEALTHS.map((h) => ({ ...h })),
    deadlines: t.deadlines.map((d) => ({ ...codeAndNames(d), date: d.date, retired: d.retired })),
    defaultDeadline:
      deadlineInForce(
        t.deadlines.filter((d) => !d.retired),
        today,
      )?.code ?? null,
    meetings: t.meetings.map((m) => ({ ...codeAndNames(m), date: m.date, retired: m.retired })),
    lastMeeting: meetingsInForce.filter((m) => m.date <= today).at(-1)?.code ?? null,
    nextMeeting: meetingsInForce.find((m) => m.date > today)?.code ?? null,
    today,
    reportingCycleDays: DEFAULT_REPORTING_CYCLE_DAYS,
    sampleData,
  };
}
