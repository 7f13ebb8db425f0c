import { Hono } from 'hono';
import { jstDateOf } from '../../common/calendar';
import { deadlineInForce } from '../domain/derived-figures';
import { HEALTHS, STATUSES } from '../../common/taxonomy';
import { hasSampleData } from '../repositories/taxonomy-repository';
import type { TaxonomyRow } from '../repositories/taxonomy-repository';
import type { AppDeps, AppEnv } from '../app-env';
import type { MetaResponse } from '../schemas/responses';

const DEFAULT_REPORTING_CYCLE_DAYS = 30;

function publicItem({ code, nameJa, nameEn }: TaxonomyRow) {
  return { code, nameJa, nameEn };
}

export function metaRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const [t, sampleData] = await Promise.all([deps.taxonomy(), hasSampleData(deps.db)]);
    const today = jstDateOf(deps.now());
    const body: MetaResponse = {
      fields: t.fields.map(publicItem),
      ministries: t.ministries.map(publicItem),
      pillars: t.pillars.map(publicItem),
      instruments: t.instruments.map(publicItem),
      statuses: STATUSES.map((s) => ({ ...s })),
      healths: HEALTHS.map((h) => ({ ...h })),
      deadlines: t.deadlines.map((d) => ({ ...publicItem(d), date: d.date })),
      defaultDeadline: deadlineInForce(t.deadlines, today)?.code ?? null,
      today,
      reportingCycleDays: DEFAULT_REPORTING_CYCLE_DAYS,
      sampleData,
    };
    return c.json(body, 200);
  });
}
