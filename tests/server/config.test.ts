import { describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM_PATH, chromiumPath, isCi } from '../../server/config';

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
