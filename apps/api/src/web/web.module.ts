import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { webAppMiddleware } from './web-app.middleware';

/** `npm run build` puts the web app (apps/web) in dist/web at the repository root, for the built API and for tests alike. */
function builtWebApp(): string | undefined {
  let directory = __dirname;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
  const root = join(directory, 'dist', 'web');
  return existsSync(join(root, 'index.html')) ? root : undefined;
}

/** The finance team's web app at `/`, served by this process in every mode (SPEC 8). */
@Module({})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    const root = builtWebApp();
    if (!root) {
      new Logger('Web').warn('The web app is not built (dist/web): `npm run build` builds it; the API works without it');
      return;
    }
    consumer.apply(webAppMiddleware(root)).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
