import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { ApiError } from '../errors';
import { openApiDocument } from '../openapi/openapi-document';

// The API document and its reference page, both served by the app itself: the CSP allows no CDN and no
// inline script, so the page loads swagger-ui from node_modules and starts it from an external file.

export function openApiRoutes() {
  return new Hono<AppEnv>().get('/', (c) => c.json(openApiDocument(), 200));
}

const DOCS = '/api/docs';
const DOCUMENT_URL = '/api/v1/openapi.json';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The swagger-ui files the page needs, by the name it asks for them under. */
const SWAGGER_UI_ASSETS: ReadonlyMap<string, string> = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'text/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
]);

const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${DOCUMENT_URL}',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Measure Tracker API</title>
<link rel="icon" type="image/png" href="${DOCS}/assets/favicon-32x32.png">
<link rel="stylesheet" href="${DOCS}/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS}/assets/swagger-ui-bundle.js"></script>
<script src="${DOCS}/assets/swagger-ui-standalone-preset.js"></script>
<script src="${DOCS}/assets/initializer.js"></script>
</body>
</html>
`;

const ASSET_CACHE = 'public, max-age=86400';

export function docsRoutes() {
  const files = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  /** Read once per process; swagger-ui's bundle is about 1.5 MB and never changes while we run. */
  const asset = (name: string) => {
    let file = files.get(name);
    if (!file) {
      file = readFile(join(SWAGGER_UI_DIR, name)).then((bytes) => new Uint8Array(bytes));
      files.set(name, file);
    }
    return file;
  };
  return new Hono<AppEnv>()
    .get('/', (c) => c.html(PAGE, 200))
    .get('/assets/initializer.js', (c) =>
      c.body(INITIALIZER, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': ASSET_CACHE }),
    )
    .get('/assets/:name', async (c) => {
      const name = c.req.param('name');
      const type = SWAGGER_UI_ASSETS.get(name);
      if (!type) throw new ApiError(404, 'not_found', `No asset ${name}`);
      return c.body(await asset(name), 200, { 'Content-Type': type, 'Cache-Control': ASSET_CACHE });
    });
}
