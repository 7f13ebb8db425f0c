import type { StatusCode } from '../../common/taxonomy';
import type { Random } from '../random';
import type { SeedMilestone } from '../seed-types';
import { clamp, dateOfDay, dayOf } from './day-numbers';
import { COMPLETION_DELAY, DUE_FROM, DUE_UNTIL, SLIP_CHANCE, TARGET_DATES } from './distributions';
import type { ReportTimeline } from './report-timeline';
import { MILESTONE_STEPS } from './word-lists';
import type { Pair } from './word-lists';

// A synthetic measure's milestones: planned between its start and its target date, some slipped
// (a later due date than the baseline), each completed around its due date (later when the measure
// is unhealthy) and recorded by the first report on or after that day.

export interface MilestonePlan {
  targetDay: number;
  /** The step of each milestone, by index: its title, and the report note that completes it. */
  steps: Pair[];
  /** `completedDate` is null until `recordCompletions` fills it in. */
  milestones: SeedMilestone[];
}

/** Plans the milestones of a measure on `topic`. The order of the draws is part of the generated data. */
export function planMilestones(rng: Random, timeline: ReportTimeline, referenceDay: number, topic: Pair): MilestonePlan {
  const { finalStatus, finalHealth, createdDay, lastDay } = timeline;
  const [topicJa, topicEn] = topic;
  const startDay = createdDay;
  // An unfinished measure aims at a date still ahead; a finished one was planned to end near when it did.
  const futureTargets = TARGET_DATES.filter(([date]) => dayOf(date) > referenceDay + 30);
  const targetDay =
    finalStatus === 'completed'
      ? clamp(lastDay + rng.int(-20, 60), startDay + 60, dayOf(DUE_UNTIL))
      : futureTargets.length > 0
        ? Math.max(dayOf(rng.weighted(futureTargets)), startDay + 120)
        : Math.max(dayOf(DUE_UNTIL), referenceDay + 90);
  const milestoneCount = rng.weighted([
    [2, 10],
    [3, 20],
    [4, 25],
    [5, 20],
    [6, 12],
    [7, 8],
    [8, 5],
  ] as const);
  const planFrom = startDay + rng.int(5, 45);
  const slot = Math.max(1, targetDay - planFrom) / (milestoneCount - 1);
  const baselineDays: number[] = [];
  for (let i = 0; i < milestoneCount; i++) {
    const base = i === milestoneCount - 1 ? targetDay : Math.round(planFrom + slot * i + (rng.next() - 0.5) * 0.5 * slot);
    baselineDays.push(clamp(base, dayOf(DUE_FROM), dayOf(DUE_UNTIL)));
  }
  baselineDays.sort((a, b) => a - b);
  // MILESTONE_STEPS is in the order policy work happens; keeping it makes each plan read sensibly.
  const steps = rng
    .sample(MILESTONE_STEPS, milestoneCount)
    .sort((a, b) => MILESTONE_STEPS.indexOf(a) - MILESTONE_STEPS.indexOf(b));
  const milestones: SeedMilestone[] = baselineDays.map((baseline, i) => {
    const slip = rng.chance(SLIP_CHANCE[finalHealth]) ? rng.int(14, 150) : 0;
    const due = Math.min(baseline + slip, dayOf(DUE_UNTIL));
    const [stepJa, stepEn] = steps[i] ?? ['マイルストーン', 'Milestone'];
    return {
      titleJa: `${topicJa}：${stepJa}`,
      titleEn: `${stepEn} (${topicEn})`,
      baselineDueDate: dateOfDay(baseline),
      dueDate: dateOfDay(due),
      weight: rng.weighted([
        [1, 80],
        [2, 14],
        [3, 6],
      ] as const),
      completedDate: null,
    };
  });
  return { targetDay, steps, milestones };
}

/**
 * Completes milestones (setting their `completedDate`) and returns, for each report of the timeline,
 * the indexes of the milestones it records.
 */
export function recordCompletions(rng: Random, milestones: SeedMilestone[], timeline: ReportTimeline): number[][] {
  const { finalStatus, finalHealth, createdDay, firstDay, lastDay, days, statuses } = timeline;
  // Each milestone is done around its due date (later when the measure is unhealthy) and
  // recorded by the first report on or after that day whose status allows work.
  const canComplete = (status: StatusCode | undefined): boolean =>
    status === 'planning' || status === 'in_progress' || status === 'completed';
  const completedBy: number[][] = days.map(() => []);
  const lastIndex = days.length - 1;
  milestones.forEach((milestone, index) => {
    const [early, late] = COMPLETION_DELAY[finalHealth];
    let doneDay = Math.max(createdDay, dayOf(milestone.dueDate) + rng.int(early, late));
    if (finalStatus === 'completed') {
      // A finished measure finished everything, by its closing report at the latest.
      const previous = days[lastIndex - 1] ?? firstDay;
      if (doneDay > lastDay) doneDay = rng.int(Math.min(previous + 1, lastDay), lastDay);
    } else if (finalHealth === 'off_track' && rng.chance(0.2)) {
      return;
    }
    let at = days.findIndex((day) => day >= doneDay);
    if (at < 0) return;
    if (!canComplete(statuses[at])) {
      // Work waited for the measure to be under way: completed on the day that was reported.
      at = statuses.findIndex((status, i) => i > at && canComplete(status));
      if (at < 0) return;
      doneDay = days[at] ?? doneDay;
    }
    milestone.completedDate = dateOfDay(doneDay);
    completedBy[at]?.push(index);
  });
  return completedBy;
}
