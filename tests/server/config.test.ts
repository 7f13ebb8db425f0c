import { describe, expect, it } from 'vitest';
import { DEFAULT_POOL_MAX } from '../../db/connection';
import { ConfigError, loadDatabaseTarget } from '../../db/database-url';
import {
  DEFAULT_CHROMIUM_PATH,
  DEFAULT_WRITE_RATE_LIMIT,
  MAX_WORKERS,
  chromiumPath,
  isCi,
  loadConfig,
} from '../../server/config';

// The two switches the browser tests read (tests/e2e/support/global-setup.ts): where Chromium is,
// and whether a missing one is a failure (CI) or a skip.

describe('chromiumPath', () => {
  it("is Debian's package unless CHROMIUM_PATH says otherwise", () => {
    expect(chromiumPath({})).toBe(DEFAULT_CHROMIUM_PATH);
    expect(DEFAULT_CHROMIUM_PATH).toBe('/usr/bin/chromium');
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chromium/chrome' })).toBe('/opt/chromium/chrome');
    expect(chromiumPath({ CHROMIUM_PATH: '  ' })).toBe(DEFAULT_CHROMIUM_PATH);
  });
});

describe('isCi', () => {
  it('is true for CI=true or CI=1 only', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({})).toBe(false);
  });
});

// WORKERS and DATABASE_POOL_MAX (decision 017): a bad value stops the start with one line naming the
// variable and the value; unset means today's single process and node-postgres's pool of ten.

const PG = 'postgres://tracker@db.internal:5432/tracker';

describe('WORKERS', () => {
  it('is one process unless set', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ WORKERS: '' }).workers).toBe(1);
    expect(loadConfig({ WORKERS: '  ' }).workers).toBe(1);
  });

  it('takes a whole number from 1 to 64', () => {
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ WORKERS: '4' }).workers).toBe(4);
    expect(loadConfig({ WORKERS: ' 2 ' }).workers).toBe(2);
    expect(loadConfig({ WORKERS: String(MAX_WORKERS) }).workers).toBe(64);
  });

  it.each(['0', '-1', 'abc', '65', '1.5', '2e1', '0x4', '4 workers'])('refuses "%s" with a line naming it', (value) => {
    expect(() => loadConfig({ WORKERS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKERS: value })).toThrow(`WORKERS must be a whole number from 1 to 64, got "${value}"`);
  });
});

describe('DATABASE_POOL_MAX', () => {
  it('sets the PostgreSQL pool size; unset leaves the default of ten', () => {
    expect(DEFAULT_POOL_MAX).toBe(10);
    expect(loadConfig({ DATABASE_URL: PG }).database).toEqual({ kind: 'postgres', url: PG });
    expect(loadConfig({ DATABASE_URL: PG, DATABASE_POOL_MAX: '25' }).database).toEqual({
      kind: 'postgres',
      url: PG,
      poolMax: 25,
    });
    expect(loadDatabaseTarget({ DATABASE_URL: PG, DATABASE_POOL_MAX: '1000' })).toEqual({
      kind: 'postgres',
      url: PG,
      poolMax: 1000,
    });
  });

  it('means nothing on SQLite, but a bad value is still refused', () => {
    expect(loadDatabaseTarget({ DATABASE_URL: 'sqlite::memory:', DATABASE_POOL_MAX: '5' })).toEqual({
      kind: 'sqlite',
      path: ':memory:',
    });
    expect(() => loadDatabaseTarget({ DATABASE_URL: 'sqlite::memory:', DATABASE_POOL_MAX: '0' })).toThrow(ConfigError);
  });

  it.each(['0', '-1', 'abc', '1001', '2.5', 'ten'])('refuses "%s" with a line naming it, in the server and the CLIs', (value) => {
    const message = `DATABASE_POOL_MAX must be a whole number from 1 to 1000, got "${value}"`;
    expect(() => loadConfig({ DATABASE_URL: PG, DATABASE_POOL_MAX: value })).toThrow(message);
    expect(() => loadDatabaseTarget({ DATABASE_URL: PG, DATABASE_POOL_MAX: value })).toThrow(message);
  });
});

// WRITE_RATE_LIMIT and METRICS_PUBLIC (decision 020).

describe('WRITE_RATE_LIMIT', () => {
  it('is 120 writes a minute unless set, and 0 turns it off', () => {
    expect(loadConfig({}).writeRateLimit).toBe(DEFAULT_WRITE_RATE_LIMIT);
    expect(DEFAULT_WRITE_RATE_LIMIT).toBe(120);
    expect(loadConfig({ WRITE_RATE_LIMIT: ' ' }).writeRateLimit).toBe(120);
    expect(loadConfig({ WRITE_RATE_LIMIT: '0' }).writeRateLimit).toBe(0);
    expect(loadConfig({ WRITE_RATE_LIMIT: '30' }).writeRateLimit).toBe(30);
  });

  it.each(['-1', 'abc', '1.5', '100001', '2e3', 'off'])('refuses "%s" with a line naming it', (value) => {
    expect(() => loadConfig({ WRITE_RATE_LIMIT: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WRITE_RATE_LIMIT: value })).toThrow(`WRITE_RATE_LIMIT must be a whole number of writes per minute`);
  });
});

describe('METRICS_PUBLIC', () => {
  it('keeps the metrics for administrators unless set to true', () => {
    expect(loadConfig({}).metricsPublic).toBe(false);
    expect(loadConfig({ METRICS_PUBLIC: 'false' }).metricsPublic).toBe(false);
    expect(loadConfig({ METRICS_PUBLIC: 'true' }).metricsPublic).toBe(true);
    expect(loadConfig({ METRICS_PUBLIC: '1' }).metricsPublic).toBe(true);
  });
});
