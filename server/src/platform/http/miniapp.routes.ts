import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { routeNotFound } from '../errors/platform.errors';

/**
 * Serves the built micro-app. Unknown paths get index.html so the app's history routing works on a
 * reload; /api paths never do, they get a problem+json 404.
 */
export async function miniappRoutes(app: FastifyInstance) {
  const root = resolve(app.deps.config.server.miniappDist);
  const isBuilt = existsSync(resolve(root, 'index.html'));
  if (isBuilt) await app.register(fastifyStatic, { root, serve: false });

  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'] ?? '';
    if (path === 'api' || path.startsWith('api/')) throw routeNotFound(request.method, `/${path}`);
    if (!isBuilt) return reply.type('text/plain; charset=utf-8').send('The micro-app is not built yet: run `npm start` (or `pnpm build`).');
    const file = resolve(root, path);
    if (path && file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(path);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
