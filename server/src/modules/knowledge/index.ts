import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createKnowledgeRepository } from './knowledge.repository';
import { setupCreateArticleRoute, setupGetArticleRoute, setupHelpfulRoute, setupListArticlesRoute, setupSuggestionsRoute, setupUpdateArticleRoute } from './knowledge.routes';
import { createKnowledgeService, type KnowledgeService } from './knowledge.service';

export { createKnowledgeRepository } from './knowledge.repository';

/** What other modules may ask of the knowledge base: tickets publishes a resolution as an article. */
export type KnowledgeContract = Pick<KnowledgeService, 'publishFromTicket'>;

declare module 'fastify' {
  interface FastifyInstance {
    knowledge: KnowledgeContract;
  }
}

/**
 * Knowledge articles (知识库): IT's written resolutions, searched by character bigrams while a person
 * types a report (rules F6, F7, T6). Wrapped with fastify-plugin so the contract lands on the root
 * instance, where app.ts picks it up for tickets; the routes sit in their own prefixed context.
 */
export const knowledgeModule = fp(
  async (app: FastifyInstance, { routePrefix }: { routePrefix: string }) => {
    const { database, clock } = app.deps;
    const service = createKnowledgeService({ db: database.db, repo: createKnowledgeRepository({ db: database.db }), audit: app.audit, clock });
    const contract: KnowledgeContract = { publishFromTicket: (input, tx, context) => service.publishFromTicket(input, tx, context) };
    app.decorate('knowledge', contract);

    await app.register(
      async (routes) => {
        setupListArticlesRoute(routes, service);
        setupSuggestionsRoute(routes, service);
        setupGetArticleRoute(routes, service);
        setupCreateArticleRoute(routes, service);
        setupUpdateArticleRoute(routes, service);
        setupHelpfulRoute(routes, service);
      },
      { prefix: routePrefix },
    );
  },
  { name: 'knowledge', dependencies: ['deps', 'audit', 'rbac'] },
);
