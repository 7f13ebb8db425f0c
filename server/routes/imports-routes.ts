import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError } from '../errors';
import { fileMessages } from '../domain/import-messages';
import type { ImportLang } from '../domain/import-sheet';
import { importIdParam, importLangQuery, importTemplateQuery, importUploadQuery } from '../schemas/imports';
import { uploadMinistry } from '../services/import-access';
import { applyImport } from '../services/import-apply-service';
import { MAX_UPLOAD_BYTES } from '../services/import-file';
import { dryRunImport, showImport } from '../services/import-service';
import { surveyTemplate } from '../services/import-template';
import { validate } from '../validation';
import { attachmentDisposition } from './content-disposition';

// The survey-form round trip (docs/product.md §4): the template, the upload (a dry run) and applying it.

/** Room for the multipart envelope around a file of the largest size accepted. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The language of messages: `lang`, else the first language of Accept-Language, else Japanese. */
function languageOf(c: Context<AppEnv>): ImportLang {
  const lang = c.req.query('lang');
  if (lang === 'en' || lang === 'ja') return lang;
  const first = (c.req.header('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}

async function uploadedFile(c: Context<AppEnv>, lang: ImportLang): Promise<File> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'multipart/form-data') throw new ApiError(415, 'unsupported_media_type', fileMessages.notMultipart()[lang]);
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, 'invalid_multipart', fileMessages.notMultipart()[lang]);
  }
  const file = body.file;
  if (!(file instanceof File)) throw new ApiError(400, 'missing_file', fileMessages.noFile()[lang]);
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError(413, 'payload_too_large', fileMessages.tooLarge(MAX_UPLOAD_BYTES)[lang]);
  return file;
}

export function importsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/template.xlsx', validate('query', importTemplateQuery), async (c) => {
      const query = c.req.valid('query');
      const template = await surveyTemplate(deps, { user: c.get('user'), ministry: query.ministry, lang: query.lang ?? 'ja' });
      return c.body(template.bytes.slice().buffer, 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': attachmentDisposition(template),
        'Cache-Control': 'no-store',
      });
    })
    .post(
      '/',
      // Refused before it is read: by Content-Length when sent, else while streaming.
      async (c, next) =>
        bodyLimit({
          maxSize: MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES,
          onError: () => {
            throw new ApiError(413, 'payload_too_large', fileMessages.tooLarge(MAX_UPLOAD_BYTES)[languageOf(c)]);
          },
        })(c, next),
      validate('query', importUploadQuery),
      async (c) => {
        const lang = languageOf(c);
        const user = c.get('user');
        const { ministry } = c.req.valid('query');
        // Who may upload is settled before the file is read (and checked again by the service).
        uploadMinistry(user, ministry);
        const file = await uploadedFile(c, lang);
        const bytes = new Uint8Array(await file.arrayBuffer());
        const result = await dryRunImport(deps, { user, ministry, lang, fileName: file.name, bytes });
        return c.json(result, 201);
      },
    )
    .get('/:id', validate('param', importIdParam), validate('query', importLangQuery), async (c) =>
      c.json(await showImport(deps, c.get('user'), c.req.valid('param').id), 200),
    )
    .post('/:id/apply', validate('param', importIdParam), async (c) => {
      const outcome = await applyImport(deps, {
        user: c.get('user'),
        id: c.req.valid('param').id,
        requestId: c.get('requestId'),
      });
      if (outcome.kind === 'unprocessable') return c.json(outcome.body, 422);
      return c.json(outcome.body, 200);
    });
}
