import { extname, join } from 'node:path';
import { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import serveStatic from 'serve-static';

/** What the API answers itself: everything else is the web app's. `/docs` keeps Swagger UI's own needs. */
const API_PATH = /^\/(v1|health)(\/|$)|^\/docs/;

/**
 * The app's policy: its own scripts, styles and API calls only — no inline script, no other origin,
 * never framed. Swagger UI (`/docs`) is outside it.
 */
const contentSecurityPolicy = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      manifestSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  // Sign-in keys must not leak through a Referer to anywhere.
  referrerPolicy: { policy: 'no-referrer' },
});

/**
 * Serves the built web app (`root`, Vite's output) for every GET outside the API: files as they are
 * (hashed assets cached for good), and index.html for any other path without an extension, so the
 * app's own routes (`/clients/acme`) load it on a reload too.
 */
export function webAppMiddleware(root: string) {
  const index = join(root, 'index.html');
  const files = serveStatic(root, {
    index: false,
    setHeaders: (response, path) =>
      response.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || API_PATH.test(request.path)) return next();
    contentSecurityPolicy(request, response, (error?: unknown) => {
      if (error) return next(error);
      files(request, response, () => {
        if (extname(request.path) !== '') return next();
        response.setHeader('Cache-Control', 'no-cache');
        response.sendFile(index, (sendError?: Error) => sendError && next(sendError));
      });
    });
  };
}
