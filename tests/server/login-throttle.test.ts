import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOGIN_THROTTLE,
  LOCK_AFTER_ACCOUNT_FAILURES,
  LOCK_AFTER_IP_FAILURES,
  SLOW_AFTER_FAILURES,
  SLOW_AFTER_IP_FAILURES,
  throttleDecision,
} from '../../server/auth/login-throttle';

// The policy alone: how long a sign-in attempt waits, and when it is refused.

const decide = (byEmail: number, byIp: number) => throttleDecision({ byEmail, byIp }, DEFAULT_LOGIN_THROTTLE);

describe('throttleDecision', () => {
  it('lets the first failures through at full speed', () => {
    for (let n = 0; n < SLOW_AFTER_FAILURES; n++) expect(decide(n, n)).toEqual({ kind: 'proceed', delayMs: 0 });
  });

  it('waits a step longer per failure on an account, up to the cap', () => {
    expect(decide(SLOW_AFTER_FAILURES, 0)).toEqual({ kind: 'proceed', delayMs: 250 });
    expect(decide(SLOW_AFTER_FAILURES + 1, 0)).toEqual({ kind: 'proceed', delayMs: 500 });
    expect(decide(LOCK_AFTER_ACCOUNT_FAILURES - 1, 0)).toEqual({ kind: 'proceed', delayMs: 1750 });
  });

  it('slows an address only later, and caps the wait', () => {
    expect(decide(0, SLOW_AFTER_IP_FAILURES - 1)).toEqual({ kind: 'proceed', delayMs: 0 });
    expect(decide(0, SLOW_AFTER_IP_FAILURES)).toEqual({ kind: 'proceed', delayMs: 250 });
    expect(decide(0, LOCK_AFTER_IP_FAILURES - 1)).toEqual({ kind: 'proceed', delayMs: DEFAULT_LOGIN_THROTTLE.maxDelayMs });
  });

  it('refuses for the whole window at the account or the address limit', () => {
    const refused = { kind: 'refuse', retryAfterSeconds: DEFAULT_LOGIN_THROTTLE.windowMinutes * 60 };
    expect(decide(LOCK_AFTER_ACCOUNT_FAILURES, 0)).toEqual(refused);
    expect(decide(0, LOCK_AFTER_IP_FAILURES)).toEqual(refused);
    expect(decide(LOCK_AFTER_ACCOUNT_FAILURES - 1, LOCK_AFTER_IP_FAILURES - 1).kind).toBe('proceed');
  });
});
