import type { Random } from '../random';
import type { SeedMeasure, SeedReport } from '../seed-types';
import { dateOfDay, officeInstant } from './day-numbers';
import { REPORTING_CYCLE_DAYS } from './distributions';
import { drawIdentity } from './measure-identity';
import { planMilestones, recordCompletions } from './milestone-plan';
import { planReportTimeline } from './report-timeline';
import type { HistoryWindow } from './report-timeline';
import { HEALTH_NOTES, KPI_METRICS, NOTES } from './word-lists';

// One synthetic measure with its whole history, put together from its identity, its report timeline
// and its milestones. Every value comes from `rng`, drawn in a fixed order (identity, timeline,
// milestones, completions, reports, KPI and budget): keep the order, or every data set changes.

export function generateSyntheticMeasure(number: number, rng: Random, window: HistoryWindow): SeedMeasure {
  const identity = drawIdentity(rng, number);
  const { code, lead, owner, colleagues } = identity;
  const timeline = planReportTimeline(rng, window);
  const { days, statuses, healths, finalHealth, createdDay } = timeline;
  const { targetDay, steps, milestones } = planMilestones(rng, timeline, window.referenceDay, identity.topic);
  const completedBy = recordCompletions(rng, milestones, timeline);

  const reports: SeedReport[] = days.map((day, i) => {
    const status = statuses[i] ?? 'in_progress';
    const health = healths[i] ?? finalHealth;
    const done = completedBy[i] ?? [];
    const doneNote = done.map((index) => `「${steps[index]?.[0] ?? 'マイルストーン'}」を完了。`).join('');
    return {
      reportedAt: officeInstant(rng, day),
      reporter: rng.chance(0.7) ? owner : rng.pick(colleagues),
      status,
      health,
      note: `${doneNote}${rng.pick(NOTES[status])}${status === 'completed' ? '' : HEALTH_NOTES[health]}`,
      evidenceUrl: rng.chance(0.3) ? `https://www.${lead}.example/measures/${code.toLowerCase()}/${dateOfDay(day)}` : null,
      completedMilestones: done,
    };
  });

  const [kpiMin, kpiMax, kpiPhrase] = rng.pick(KPI_METRICS);
  const [kpiPhraseJa, kpiPhraseEn] = kpiPhrase(rng.int(kpiMin, kpiMax).toLocaleString('en-US'));
  const kpiYear = Number(dateOfDay(targetDay).slice(0, 4)) - (dateOfDay(targetDay).slice(5) <= '03-31' ? 1 : 0);
  const hasBudget = rng.chance(0.65);
  const createdDate = dateOfDay(createdDay);
  const createdFiscalYear = Number(createdDate.slice(0, 4)) - (createdDate.slice(5) < '04-01' ? 1 : 0);

  return {
    code,
    titleJa: identity.titleJa,
    titleEn: identity.titleEn,
    summaryJa: identity.summaryJa,
    summaryEn: identity.summaryEn,
    lead,
    coMinistries: identity.coMinistries,
    fields: identity.fields,
    pillar: identity.pillar,
    instruments: identity.instruments,
    startDate: dateOfDay(createdDay),
    targetDate: dateOfDay(targetDay),
    // Log-uniform between 1 and about 2,000 億円: many small lines, a few large programmes.
    budgetYen: hasBudget ? Math.round(10 ** (rng.next() * 3.3)) * 100_000_000 : null,
    budgetFiscalYear: hasBudget ? createdFiscalYear + (rng.chance(0.3) ? 1 : 0) : null,
    ownerName: identity.ownerName,
    kpiJa: `${kpiYear}年度までに${kpiPhraseJa}`,
    kpiEn: `${kpiPhraseEn} by FY${kpiYear}`,
    reportingCycleDays: REPORTING_CYCLE_DAYS,
    createdAt: officeInstant(rng, createdDay),
    milestones,
    reports,
  };
}
