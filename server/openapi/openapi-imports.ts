import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  importApplyResponse,
  importIdParam,
  importLangQuery,
  importResponse,
  importTemplateQuery,
  importUploadQuery,
} from '../schemas/imports';
import { REQUIRED_SESSION, errorResponses, jsonResponse, queryParameters } from './openapi-common';

// The survey-form round trip (docs/product.md §4, "The survey form"): the template, the upload that
// answers a dry run, the dry run again, and applying it. Every route needs a session.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const LANG = { lang: 'Language of the form, its drop-downs and the messages (ja by default; else Accept-Language)' };
const MINISTRY = { ministry: "Ministry code: a ministry lead's own by default; an administrator names one" };

const dryRun = importResponse.meta({ id: 'ImportDryRun' });

/** A refused file says so in the uploader's language; a multipart body is the only one accepted. */
const uploadErrors = {
  ...errorResponses(400, 401, 403, 413),
  415: { ...errorResponses(415)[415], description: 'The body is not multipart/form-data, or the file is not an XLSX or CSV' },
};

export function registerImportsPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/imports/template.xlsx',
    tags: ['imports'],
    summary: "A ministry's survey form, prefilled with the current state of the measures it leads",
    security: REQUIRED_SESSION,
    request: { query: queryParameters(importTemplateQuery, { ...LANG, ...MINISTRY }) },
    responses: {
      200: {
        description: 'The workbook, as an attachment named in `lang` (RFC 6266 filename*)',
        headers: z.object({
          'Content-Disposition': z.string().meta({ example: "attachment; filename*=UTF-8''%E8%AA%BF%E6%9F%BB%E7%A5%A8.xlsx" }),
        }),
        content: { [XLSX]: { schema: z.string().meta({ format: 'binary', description: 'An Excel workbook' }) } },
      },
      ...errorResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/imports',
    tags: ['imports'],
    summary: 'Upload a filled-in survey form: a dry run, checked like the report API; nothing is written',
    security: REQUIRED_SESSION,
    request: {
      query: queryParameters(importUploadQuery, { ...LANG, ministry: 'An administrator may bind the upload to one ministry' }),
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              file: z.string().meta({ format: 'binary', description: 'The XLSX (or a CSV with the same columns), at most 5 MB' }),
            }),
          },
        },
      },
    },
    responses: { 201: jsonResponse('The dry run, kept for 24 hours', dryRun), ...uploadErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/imports/{id}',
    tags: ['imports'],
    summary: 'A stored dry run (its uploader and administrators only)',
    security: REQUIRED_SESSION,
    request: { params: importIdParam, query: queryParameters(importLangQuery, LANG) },
    responses: { 200: jsonResponse('The dry run', dryRun), ...errorResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: '/imports/{id}/apply',
    tags: ['imports'],
    summary: "Write a dry run's reports, all in one transaction, once",
    security: REQUIRED_SESSION,
    request: { params: importIdParam },
    responses: {
      200: jsonResponse('The measures that got a report', importApplyResponse.meta({ id: 'ImportApplied' })),
      ...errorResponses(400, 401, 403, 404, 409, 422),
    },
  });
}
