import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { routeNotFound } from '../errors/platform.errors';

/** Vite names every file under assets/ by its content's hash: a changed file gets a new name. */
const immutableAsset = { maxAge: 365 * 24 * 60 * 60 * 1000, immutable: true } as const;
/** index.html names the current assets, so the browser asks again every time (a 304 when unchanged). */
const revalidate = { cacheControl: false } as const;

/**
 * Serves the built micro-app. Unknown paths get index.html so the app's history routing works on a
 * reload; /api paths never do, they get a problem+json 404. The build writes brotli and gzip copies
 * beside each file (scripts/build-miniapp.mjs), sent as they are to a browser that accepts them;
 * anything without a copy is compressed on the fly (compression.ts).
 */
export async function miniappRoutes(app: FastifyInstance) {
  const root = resolve(app.deps.config.server.miniappDist);
  const isBuilt = existsSync(resolve(root, 'index.html'));
  // @fastify/static's own cache-control (`public, max-age=0` by default) would replace any header set
  // before sendFile, so each call says which policy applies.
  if (isBuilt) await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'] ?? '';
    if (path === 'api' || path.startsWith('api/')) throw routeNotFound(request.method, `/${path}`);
    if (!isBuilt) return reply.type('text/plain; charset=utf-8').send('The micro-app is not built yet: run `npm start` (or `pnpm build`).');
    const file = resolve(root, path);
    if (path && file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      if (path.startsWith('assets/')) return reply.sendFile(path, immutableAsset);
      return reply.header('cache-control', 'no-cache').sendFile(path, revalidate);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', revalidate);
  });
}
