/**
 * The built console (a Vite build: index.html + hashed files under assets/) served by the
 * gateway: index.html at / and for every client-side route under /app/, the hashed assets
 * with a year's immutable cache, other top-level files of the build (favicon) for an hour. A
 * content security policy for the app: its own scripts only, no inline script. Until the
 * console is built, / says so. The folder is checked on every request, so a build made while
 * the gateway runs is served at once.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import fs from 'node:fs';
import path from 'node:path';

/** Styles may be inline: the component library writes its CSS-in-JS into <style> elements at run time. Scripts may not. */
const consoleCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rxchain gateway</title></head>
<body><h1>rxchain gateway</h1>
<p>The console is not built: there is no console/dist/index.html (or RXCHAIN_CONSOLE_DIR/index.html). Build the console workspace, then reload.</p>
<p>The REST API is documented at <a href="/docs">/docs</a> (<a href="/openapi.json">/openapi.json</a>).</p></body></html>`;

export function consoleRouter(consoleDir: string): Router {
  const router = Router();
  const index = path.join(consoleDir, 'index.html');
  const template = (name: string) => (_req: Request, res: Response, next: NextFunction) => {
    res.locals.routeTemplate = name;
    next();
  };
  const app = (notBuiltStatus: number) => (_req: Request, res: Response) => {
    if (!fs.existsSync(index)) {
      res.status(notBuiltStatus).type('html').send(NOT_BUILT);
      return;
    }
    // Always revalidated: a new build's index.html names new asset files.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  router.get('/', template('/'), consoleCsp, app(200));
  router.get(['/app', '/app/*'], template('/app/*'), consoleCsp, app(404));
  router.use('/assets', template('/assets/*'), consoleCsp, express.static(path.join(consoleDir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: true }));
  const topLevelFile = express.static(consoleDir, { index: false, maxAge: '1h', fallthrough: true });
  router.get(/^\/[^/]+\.[A-Za-z0-9]+$/, (req, res, next) => (req.path === '/index.html' ? next() : topLevelFile(req, res, next)));
  return router;
}
