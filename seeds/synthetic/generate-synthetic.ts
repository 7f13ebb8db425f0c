import { isIsoDate } from '../../common/calendar';
import { createRandom, mixSeed } from '../random';
import type { SeedMeasure } from '../seed-types';
import { clamp, dayOf } from './day-numbers';
import { SYNTHETIC_MAX_NUMBER } from './synthetic-codes';
import { generateSyntheticMeasure } from './synthetic-measure';

// Synthetic measures for scale testing (docs/product.md §7: 10,000 measures / 200,000 reports). Each
// measure is generated from its own PRNG, seeded by (run seed, measure number): measure 1234 is the
// same whether it comes from a run of 2,000 or an --append run starting at 1,001, and generating one
// never needs another, so the generator can stream any number of them in constant memory.
//
// The shape of the history is chosen to exercise the dashboard the way real data would: a health
// mix of about 60/25/15, about 15% of unfinished measures gone quiet (stale), milestones that slip,
// finish early or late, and completions recorded by the first report after them.
//
// This module is the generator's entry point: its options, their checks and the stream. The parts of
// one measure live beside it: measure-identity.ts (who and what), report-timeline.ts (when it
// reports, with which status and health), milestone-plan.ts (its plan and completions),
// synthetic-measure.ts (putting them together); synthetic-codes.ts names the measures.

export interface SyntheticOptions {
  count: number;
  seed: number;
  /** "Today" for the data set (YYYY-MM-DD): every report is on an earlier day. */
  referenceDate: string;
  /** Number of the first measure (codes are `<LEAD>-S<number, 6 digits>`); default 1. */
  firstNumber?: number;
}

/** First day reports are written on (the tracker's go-live). */
export const SYNTHETIC_REPORTS_FROM = '2025-11-01';
/** The earliest reference date that leaves room for a history. */
export const SYNTHETIC_MIN_REFERENCE_DATE = '2025-12-01';

/** Throws RangeError on options the generator cannot honour. */
function checkOptions(count: number, seed: number, referenceDate: string, firstNumber: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(firstNumber) || firstNumber < 1) throw new RangeError(`firstNumber must be ≥ 1, got ${firstNumber}`);
  if (firstNumber + count - 1 > SYNTHETIC_MAX_NUMBER) {
    throw new RangeError(`synthetic codes stop at S${SYNTHETIC_MAX_NUMBER}; ${count} measures from ${firstNumber} would pass it`);
  }
  if (!isIsoDate(referenceDate)) throw new RangeError(`referenceDate must be a date (YYYY-MM-DD), got "${referenceDate}"`);
  if (referenceDate < SYNTHETIC_MIN_REFERENCE_DATE) {
    throw new RangeError(
      `referenceDate must be ${SYNTHETIC_MIN_REFERENCE_DATE} or later (reports start ${SYNTHETIC_REPORTS_FROM})`,
    );
  }
}

/**
 * Streams `count` synthetic measures numbered from `firstNumber`, deterministic in `seed`,
 * `referenceDate` and each measure's number. Throws RangeError on options it cannot honour.
 */
export function* generateSyntheticMeasures(options: SyntheticOptions): Generator<SeedMeasure> {
  const { count, seed, referenceDate, firstNumber = 1 } = options;
  checkOptions(count, seed, referenceDate, firstNumber);
  const referenceDay = dayOf(referenceDate);
  const goLive = dayOf(SYNTHETIC_REPORTS_FROM);
  const fullSpan = referenceDay - 1 - goLive;
  const window = { referenceDay, goLive, fullSpan, maturity: clamp(fullSpan / 365, 0, 1) };
  for (let number = firstNumber; number < firstNumber + count; number++) {
    yield generateSyntheticMeasure(number, createRandom(mixSeed(seed, number)), window);
  }
}
