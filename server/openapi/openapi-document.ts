import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { OPTIONAL_SESSION, registerCommon } from './openapi-common';
import { registerAuditPaths } from './openapi-audit';
import { registerAuthPaths } from './openapi-auth';
import { registerChangesPaths } from './openapi-changes';
import { registerEditionsPaths } from './openapi-editions';
import { registerExportsPaths } from './openapi-exports';
import { registerImportsPaths } from './openapi-imports';
import { registerKpisPaths } from './openapi-kpis';
import { registerMeasuresPaths } from './openapi-measures';
import { registerReferenceDataPaths } from './openapi-reference-data';
import { registerReviewsPaths } from './openapi-reviews';
import { registerRoundsPaths } from './openapi-rounds';
import { registerStatsPaths } from './openapi-stats';
import { registerSystemPaths } from './openapi-system';
import { registerUsersPaths } from './openapi-users';
import { documentRequestLimits } from './openapi-limits';

// The API document (OpenAPI 3.1), generated from the zod schemas the routes validate with, so it cannot
// say something the validators do not. tests/server/openapi.test.ts holds it to the routes the app serves.

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

function buildDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerCommon(registry);
  registerSystemPaths(registry);
  registerAuthPaths(registry);
  registerAuditPaths(registry);
  registerMeasuresPaths(registry);
  registerKpisPaths(registry);
  registerStatsPaths(registry);
  registerUsersPaths(registry);
  registerReferenceDataPaths(registry);
  registerExportsPaths(registry);
  registerImportsPaths(registry);
  registerRoundsPaths(registry);
  registerReviewsPaths(registry);
  registerChangesPaths(registry);
  registerEditionsPaths(registry);
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Measure Tracker API',
      version: '1',
      description:
        'JSON over HTTP with camelCase keys and ISO-8601 dates. Reads are public unless the server runs with ' +
        'REQUIRE_LOGIN=true; writes need the session cookie of POST /auth/login, a same-origin JSON body and ' +
        'If-Match with the ETag of the version they are based on. Every error is `{ error: { code, message, issues? } }`.',
    },
    servers: [{ url: '/api/v1' }],
    security: OPTIONAL_SESSION,
  });
  return documentRequestLimits(document);
}

let cached: OpenApiDocument | undefined;

/** The document, built on first use and kept: the schemas do not change while the process runs. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}
