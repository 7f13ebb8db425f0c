// How failed sign-ins are slowed down and then refused (docs/product.md §4), per account and per address.
// Pure policy: the counting lives in the auth repository, the waiting in the session service.

export interface LoginThrottlePolicy {
  /** Failed sign-ins are counted over this sliding window. */
  windowMinutes: number;
  /** From this many failures on an account, each further attempt waits a little longer. */
  slowAfterAccountFailures: number;
  /** From this many failures from one address (any accounts), each further attempt waits too. */
  slowAfterIpFailures: number;
  /** From this many failures on an account, sign-in is refused with 429 until the window passes. */
  lockAfterAccountFailures: number;
  /** From this many failures from one address, sign-in is refused with 429 for every account. */
  lockAfterIpFailures: number;
  /** The added wait grows by this much per failure past the slow-down threshold… */
  delayStepMs: number;
  /** …up to this much, so that a slowed request still ends well inside any proxy timeout. */
  maxDelayMs: number;
}

/** Failed sign-ins counted over this window, per account and per address. */
export const THROTTLE_WINDOW_MINUTES = 15;
/** From this many failures on an account on, each attempt is slowed down a little more. */
export const SLOW_AFTER_FAILURES = 3;
/**
 * An address is slowed later than an account: several people behind one office NAT mistyping their
 * own passwords must not slow each other down after three typos.
 */
export const SLOW_AFTER_IP_FAILURES = 10;
/** From this many failures on an account, sign-in is refused with 429 until the window passes. */
export const LOCK_AFTER_ACCOUNT_FAILURES = 10;
/** An address trying many accounts (password spraying) is refused too. */
export const LOCK_AFTER_IP_FAILURES = 30;

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  windowMinutes: THROTTLE_WINDOW_MINUTES,
  slowAfterAccountFailures: SLOW_AFTER_FAILURES,
  slowAfterIpFailures: SLOW_AFTER_IP_FAILURES,
  lockAfterAccountFailures: LOCK_AFTER_ACCOUNT_FAILURES,
  lockAfterIpFailures: LOCK_AFTER_IP_FAILURES,
  delayStepMs: 250,
  maxDelayMs: 2000,
};

export type ThrottleDecision = { kind: 'refuse'; retryAfterSeconds: number } | { kind: 'proceed'; delayMs: number };

/** What to do with a sign-in attempt, given the failures already counted against its account and address. */
export function throttleDecision(failures: { byEmail: number; byIp: number }, policy: LoginThrottlePolicy): ThrottleDecision {
  if (failures.byEmail >= policy.lockAfterAccountFailures || failures.byIp >= policy.lockAfterIpFailures) {
    // The whole window: an upper bound, so a client that honours it is not refused again.
    return { kind: 'refuse', retryAfterSeconds: policy.windowMinutes * 60 };
  }
  const over = Math.max(
    failures.byEmail - policy.slowAfterAccountFailures + 1,
    failures.byIp - policy.slowAfterIpFailures + 1,
    0,
  );
  return { kind: 'proceed', delayMs: Math.min(policy.maxDelayMs, over * policy.delayStepMs) };
}
