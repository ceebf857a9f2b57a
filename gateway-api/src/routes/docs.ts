import express, { Router } from 'express';
import path from 'node:path';

/** A browsable Swagger UI at /docs over the generated /openapi.json. */
export function docsRouter(): Router {
  const router = Router();
  const assets = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.get('/docs', (_req, res) => {
    res.locals.routeTemplate = '/docs';
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rxchain gateway API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send("window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });");
  });
  router.use('/docs/assets', express.static(assets, { index: false }));
  return router;
}
