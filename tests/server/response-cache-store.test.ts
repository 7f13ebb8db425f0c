import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrameMemo, createResponseCache } from '../../server/services/response-cache';
import type { CacheFrame } from '../../server/services/response-cache';
import { createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

// The bounds of the per-process caches (docs/decisions/019-data-version-cache.md): memory stays
// bounded whatever is asked, and nothing kept survives its frame.

const frameA: CacheFrame = { version: 1, referenceVersion: 1, tag: '1.a' };
const frameB: CacheFrame = { version: 2, referenceVersion: 1, tag: '2.a' };

describe('the frame memo', () => {
  it('computes once per frame and key, shared by concurrent callers, and again in a new frame', async () => {
    const memo = createFrameMemo<number>();
    let calls = 0;
    const compute = async () => ++calls;
    const [x, y] = await Promise.all([memo.get(frameA, 'k', compute), memo.get(frameA, 'k', compute)]);
    expect([x, y, calls]).toEqual([1, 1, 1]);
    expect(await memo.get(frameA, 'k', compute)).toBe(1);
    expect(await memo.get(frameB, 'k', compute)).toBe(2);
    expect(await memo.get(frameA, 'other', compute)).toBe(3);
  });

  it('keeps no failure', async () => {
    const memo = createFrameMemo<number>();
    await expect(memo.get(frameA, 'k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.resolve();
    expect(await memo.get(frameA, 'k', async () => 7)).toBe(7);
  });

  it('drops the least recently used beyond its capacity and its weight', async () => {
    const memo = createFrameMemo<number>({ capacity: 2, maxWeight: 10, weigh: (n) => n });
    let calls = 0;
    const value = (n: number) => async () => {
      calls += 1;
      return n;
    };
    await memo.get(frameA, 'a', value(1));
    await memo.get(frameA, 'b', value(2));
    await memo.get(frameA, 'c', value(3));
    expect(calls).toBe(3);
    await memo.get(frameA, 'a', value(1));
    expect(calls).toBe(4); // 'a' had gone: two at most
    await memo.get(frameA, 'heavy', value(50));
    await Promise.resolve();
    await memo.get(frameA, 'heavy', value(50));
    expect(calls).toBe(6); // heavier than the bound: never kept
  });
});

describe('the response cache store', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });

  const body = (bytes: number) => ({ body: new Uint8Array(bytes), contentType: 'application/json' });

  it('keeps bodies up to its byte bound, the most recently used first, and none of an older frame', async () => {
    const cache = createResponseCache({ db: database.db, now: () => new Date(), maxBytes: 1000 });
    const frame = await cache.frame();
    cache.begin(frame, 'a')(body(400));
    cache.begin(frame, 'b')(body(400));
    expect(cache.get(frame, 'a')).toBeDefined();
    cache.begin(frame, 'c')(body(400));
    // 1,200 bytes: 'b', the least recently used, went.
    expect(cache.get(frame, 'b')).toBeUndefined();
    expect(cache.get(frame, 'a')).toBeDefined();
    cache.begin(frame, 'huge')(body(5000));
    expect(cache.get(frame, 'huge')).toBeUndefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(1000);
    const older: CacheFrame = { ...frame, version: frame.version - 1, tag: 'older' };
    expect(cache.get(older, 'a')).toBeUndefined();
  });

  it('starts empty when the data version moves', async () => {
    const cache = createResponseCache({ db: database.db, now: () => new Date() });
    const frame = await cache.frame();
    cache.begin(frame, 'a')(body(10));
    await database.db
      .insertInto('seed_runs')
      .values({ name: 'cache-store-test', reference_date: '2026-12-01', seeded_at: new Date().toISOString() })
      .execute();
    const next = await cache.frame();
    expect(next.version).toBeGreaterThan(frame.version);
    expect(cache.get(next, 'a')).toBeUndefined();
    expect(cache.get(frame, 'a')).toBeUndefined();
  });
});
