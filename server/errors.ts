import type { z } from 'zod';
import type { SessionUser } from '../common/roles';

export interface ApiIssue {
  path: (string | number)[];
  message: string;
}

/** An error the client caused or must know about; rendered as `{ error: { code, message, issues? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 428 | 429,
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
  }
}

/** A refusal the client may repeat after waiting: answered 429 with `Retry-After`. */
export class RetryLaterError extends ApiError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message);
  }
}

export function unauthenticated(): ApiError {
  return new ApiError(401, 'unauthenticated', 'Sign in to do this');
}

export function forbidden(message: string): ApiError {
  return new ApiError(403, 'forbidden', message);
}

/** The signed-in user, or 401. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw unauthenticated();
  return user;
}

export function invalidParameter(parameter: string, message: string): ApiError {
  return new ApiError(400, 'invalid_parameter', `${parameter}: ${message}`, [{ path: [parameter], message }]);
}

/** Turns a zod failure into the API's 400 body, naming every offending parameter. */
export function validationError(error: { issues: readonly z.core.$ZodIssue[] }): ApiError {
  const issues: ApiIssue[] = error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = keys.length > 0 ? keys : issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return { path, message: issue.message };
  });
  const message = issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  return new ApiError(400, 'invalid_parameter', message, issues);
}
