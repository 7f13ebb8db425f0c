import { addDays, jstDateOf, minIso, startOfJstDay } from '../../common/calendar';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { nextReportDueAfter, readDataVersion } from '../repositories/data-version-repository';

// The response cache of the dashboard's reads (docs/decisions/019-data-version-cache.md). An answer
// is kept under a *frame*: the data version it was read at, and the instant until which an answer
// about today stays true without any write (the end of the JST day, or the next moment a report
// falls due and its measure turns stale). Every request reads the version once, so a write by any
// process, committed before the request began, is never answered from an older frame.

export interface CacheFrame {
  version: number;
  referenceVersion: number;
  /** Names the frame in keys and ETags: the version and the end of the frame's validity. */
  tag: string;
}

export interface CachedBody {
  /** The encoded body: sent as it is, with no per-request encoding of a string. */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

export interface ResponseCache {
  /** The frame a request made now is answered in: one read of the counter, rarely a second query. */
  frame(): Promise<CacheFrame>;
  get(frame: CacheFrame, key: string): CachedBody | undefined;
  /**
   * The answer another request of the same frame and key is computing, if any: concurrent misses
   * compute once (a dashboard opened by many executives after a write).
   */
  pending(frame: CacheFrame, key: string): Promise<CachedBody | null> | undefined;
  /** Marks the key as being computed; the returned function stores the outcome (null: nothing to keep). */
  begin(frame: CacheFrame, key: string): (outcome: CachedBody | null) => void;
  stats(): CacheStats;
}

export interface ResponseCacheOptions {
  db: Kysely<Database>;
  now: () => Date;
  /** At most this many answers are kept (least recently used go first). */
  maxEntries?: number;
  /** …and at most this many bytes of them. */
  maxBytes?: number;
}

export function createResponseCache({
  db,
  now,
  maxEntries = 1000,
  maxBytes = 32 * 1024 * 1024,
}: ResponseCacheOptions): ResponseCache {
  // The newest frame seen: a request that read an older version (it began before a write another
  // request has already seen committed) is answered in the newer one, whose data it will read anyway.
  let current: (CacheFrame & { validUntil: string }) | null = null;
  const entries = new Map<string, CachedBody>();
  const inFlight = new Map<string, Promise<CachedBody | null>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  function isCurrent(frame: CacheFrame): boolean {
    return current !== null && current.tag === frame.tag;
  }

  function evict(): void {
    for (const [key, value] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) return;
      entries.delete(key);
      bytes -= sizeOf(value);
    }
  }

  return {
    async frame() {
      const at = now();
      const instant = at.toISOString();
      const { version, referenceVersion } = await readDataVersion(db);
      if (current && version <= current.version && instant < current.validUntil) return frameOf(current);
      const endOfDay = startOfJstDay(addDays(jstDateOf(at), 1));
      const nextDue = await nextReportDueAfter(db, instant);
      const validUntil = nextDue === null ? endOfDay : minIso(endOfDay, nextDue);
      const next = { version, referenceVersion, validUntil, tag: `${version}.${Date.parse(validUntil).toString(36)}` };
      // Another request may have moved on meanwhile; the frames only go forward.
      if (
        !current ||
        next.version > current.version ||
        (next.version === current.version && next.validUntil > current.validUntil)
      ) {
        current = next;
        entries.clear();
        inFlight.clear();
        bytes = 0;
      }
      return frameOf(next);
    },
    get(frame, key) {
      const hit = isCurrent(frame) ? entries.get(key) : undefined;
      if (hit) {
        hits += 1;
        // Most recently used last: eviction walks from the front.
        entries.delete(key);
        entries.set(key, hit);
      } else {
        misses += 1;
      }
      return hit;
    },
    pending(frame, key) {
      return isCurrent(frame) ? inFlight.get(key) : undefined;
    },
    begin(frame, key) {
      if (!isCurrent(frame)) return () => undefined;
      let settle: (outcome: CachedBody | null) => void = () => undefined;
      const promise = new Promise<CachedBody | null>((resolve) => {
        settle = resolve;
      });
      inFlight.set(key, promise);
      return (outcome) => {
        settle(outcome);
        // A newer frame cleared the maps: this outcome belongs to no one any more.
        if (!isCurrent(frame)) return;
        if (inFlight.get(key) === promise) inFlight.delete(key);
        if (outcome === null) return;
        const previous = entries.get(key);
        if (previous) bytes -= sizeOf(previous);
        entries.set(key, outcome);
        bytes += sizeOf(outcome);
        evict();
      };
    },
    stats() {
      return { hits, misses, entries: entries.size, bytes };
    },
  };
}

function frameOf(f: CacheFrame): CacheFrame {
  return { version: f.version, referenceVersion: f.referenceVersion, tag: f.tag };
}

function sizeOf(value: CachedBody): number {
  return value.body.byteLength;
}

/**
 * Values computed once per frame and key, for an answer that the HTTP cache cannot keep whole because
 * one part of it moves with the clock while the rest holds for the frame (the changes up to now: their
 * items hold until the next write or the frame's end; `to` is now). Concurrent callers share one
 * computation; a failed one is not kept.
 */
export interface FrameMemo<T> {
  get(frame: CacheFrame, key: string, compute: () => Promise<T>): Promise<T>;
}

export interface FrameMemoOptions<T> {
  /** At most this many values are kept (least recently used go first)… */
  capacity?: number;
  /** …and at most this much of their weight, as `weigh` counts it. */
  maxWeight?: number;
  weigh?: (value: T) => number;
}

export function createFrameMemo<T>({
  capacity = 16,
  maxWeight = Infinity,
  weigh = () => 1,
}: FrameMemoOptions<T> = {}): FrameMemo<T> {
  const entries = new Map<string, { tag: string; value: Promise<T>; weight: number }>();
  let total = 0;
  function drop(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    total -= entry.weight;
  }
  function evict(): void {
    for (const key of entries.keys()) {
      if (entries.size <= capacity && total <= maxWeight) return;
      drop(key);
    }
  }
  return {
    get(frame, key, compute) {
      const hit = entries.get(key);
      if (hit && hit.tag === frame.tag) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      drop(key);
      const entry = { tag: frame.tag, value: compute(), weight: 0 };
      entries.set(key, entry);
      entry.value.then(
        (value) => {
          if (entries.get(key) !== entry) return;
          entry.weight = weigh(value);
          total += entry.weight;
          evict();
        },
        () => {
          if (entries.get(key) === entry) drop(key);
        },
      );
      evict();
      return entry.value;
    },
  };
}
