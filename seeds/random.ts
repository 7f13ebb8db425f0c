// A small seeded pseudo-random generator for the data generators (sample and synthetic). Seed data
// must be reproducible, so nothing here touches Math.random: the same seed gives the same sequence
// on every machine and Node version.
//
// The core is mulberry32 (32-bit state, period 2^32): plenty for generating test data, fast, and
// simple enough to keep stable. This API is shared by several generators; add to it rather than
// change what an existing method returns, or every generated data set changes.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p` (0 → never, 1 → always). */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A value chosen with probability proportional to its weight (weights ≥ 0, not all zero). */
  weighted<T>(entries: readonly (readonly [value: T, weight: number])[]): T;
  /** A shuffled copy of `items` (Fisher–Yates); the input is left as it is. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct elements of `items` (by position) in random order; all of them when count ≥ length. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** Mixes several integers into one well-spread 32-bit seed, e.g. a run's seed and an item's number. */
export function mixSeed(...parts: readonly number[]): number {
  // murmur3's finaliser over each part: nearby inputs (seed 1 and 2, item 41 and 42) give unrelated seeds.
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (Math.trunc(part) >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

// noUncheckedIndexedAccess types every read as `T | undefined`, even at an index just checked to be
// in range; this one helper carries the check so the methods below need no casts of their own.
function elementAt<T>(items: readonly T[], index: number): T {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) throw new RangeError(`index ${index} out of range`);
  return items[index] as T;
}

/** A generator seeded with `seed` (any finite number; its integer part modulo 2^32 is used). */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`Random seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;

  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  function int(min: number, max: number): number {
    const lo = Math.ceil(min);
    const hi = Math.floor(max);
    if (hi < lo) throw new RangeError(`Random.int: empty range [${min}, ${max}]`);
    return lo + Math.floor(next() * (hi - lo + 1));
  }

  function pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Random.pick: empty array');
    return elementAt(items, Math.floor(next() * items.length));
  }

  function shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const a = elementAt(out, i);
      out[i] = elementAt(out, j);
      out[j] = a;
    }
    return out;
  }

  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, weight] of entries) {
        if (!(weight >= 0)) throw new RangeError(`Random.weighted: negative or invalid weight ${weight}`);
        total += weight;
      }
      if (total <= 0) throw new RangeError('Random.weighted: no positive weight');
      let point = next() * total;
      for (const [value, weight] of entries) {
        point -= weight;
        if (point < 0) return value;
      }
      // Floating-point rounding can leave `point` at a hair above zero: the last positive entry wins.
      const last = entries.findLast(([, weight]) => weight > 0);
      if (!last) throw new RangeError('Random.weighted: no positive weight');
      return last[0];
    },
    shuffle,
    sample<T>(items: readonly T[], count: number): T[] {
      return shuffle(items).slice(0, Math.max(0, Math.floor(count)));
    },
  };
}
