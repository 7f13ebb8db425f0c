import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../../client/lib/api-client';
import { writeFailureOf } from '../../../client/lib/use-measure-write';

// What a failed write means to the form that sent it.

describe('writeFailureOf', () => {
  it('sorts a failed write into field issues, a lapsed session, a refusal or a failure', () => {
    const issues = [{ path: ['note'], message: 'Required' }];
    expect(writeFailureOf(new ApiRequestError(400, 'Invalid', 'invalid_request', issues))).toEqual({ kind: 'issues', issues });
    expect(writeFailureOf(new ApiRequestError(400, 'Invalid'))).toEqual({ kind: 'failed', message: 'Invalid' });
    expect(writeFailureOf(new ApiRequestError(401, 'Sign in'))).toEqual({ kind: 'unauthenticated' });
    expect(writeFailureOf(new ApiRequestError(403, 'Not yours'))).toEqual({ kind: 'forbidden', message: 'Not yours' });
    for (const status of [413, 429, 500, 503])
      expect(writeFailureOf(new ApiRequestError(status, `HTTP ${status}`))).toEqual({
        kind: 'failed',
        message: `HTTP ${status}`,
      });
    expect(writeFailureOf(new TypeError('Failed to fetch'))).toEqual({ kind: 'failed', message: 'Failed to fetch' });
  });
});
