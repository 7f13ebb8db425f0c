import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';

/** Write bodies are small JSON objects; anything larger is refused before it is read. */
export const MAX_WRITE_BODY_BYTES = 64 * 1024;

/** The 413 every JSON write route answers for a body over MAX_WRITE_BODY_BYTES. */
export function writeBodyLimit() {
  return bodyLimit({
    maxSize: MAX_WRITE_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Request bodies must be at most ${MAX_WRITE_BODY_BYTES} bytes`);
    },
  });
}
