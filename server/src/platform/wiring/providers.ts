import type { FastifyInstance } from 'fastify';

/**
 * A module's contract as app.ts hands it to a consumer. A module that provides one decorates the root
 * instance with it (fastify-plugin); a consumer registered before its provider would otherwise get
 * `undefined` and fail on first use, so start-up stops here instead, naming both modules.
 */
export function requireProvider<K extends keyof FastifyInstance>(app: FastifyInstance, { provider, consumer }: { provider: K & string; consumer: string }): FastifyInstance[K] {
  if (!app.hasDecorator(provider)) throw new Error(`${consumer} needs ${provider}: register the ${provider} module first`);
  return app[provider];
}
