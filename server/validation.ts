import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiError, validationError } from './errors';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** zValidator whose failures become the API's 400 body naming the parameter (docs/product.md §4). */
export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error);
  });
  if (target !== 'json') return validator;
  // Hono's validator answers a malformed JSON body with an HTTPException, which the app would turn
  // into a 500: parse it first (the text is cached for the validator) and answer 400 instead.
  const withJsonCheck: typeof validator = async (c, next) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (JSON_MEDIA_TYPE.test(mediaType)) {
      try {
        JSON.parse(await c.req.text());
      } catch {
        throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON', [
          { path: ['body'], message: 'not valid JSON' },
        ]);
      }
    }
    return validator(c, next);
  };
  return withJsonCheck;
}
