// Sample statistics of the bench: medians and p95 of a few dozen timings, rounded for the table.

export interface Figure {
  medianMs: number;
  p95Ms: number;
  samples: number;
}

export function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export function figureOf(samples: readonly number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: round(quantile(sorted, 0.5)), p95Ms: round(quantile(sorted, 0.95)), samples: sorted.length };
}

export interface SamplePlan {
  /** At most this many samples… */
  max: number;
  /** …but no more once this much time has gone, as long as `min` samples are in: a 600 ms call need not take 30 s. */
  budgetMs: number;
  min: number;
}

/**
 * Times `fn` until the plan is met; `before` (untimed) runs ahead of every sample, e.g. a write for a
 * cold sample. When `fn` answers a number, that is the sample (an export's time to its first byte,
 * measured inside a read that goes on to the end); otherwise the time `fn` took.
 */
export async function sample(
  plan: SamplePlan,
  fn: () => Promise<number | void>,
  before?: () => Promise<unknown>,
): Promise<Figure> {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < plan.max && (samples.length < plan.min || performance.now() - started < plan.budgetMs)) {
    if (before) await before();
    const start = performance.now();
    const measured = await fn();
    samples.push(typeof measured === 'number' ? measured : performance.now() - start);
  }
  return figureOf(samples);
}
