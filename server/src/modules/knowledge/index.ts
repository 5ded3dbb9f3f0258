import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Executor } from '../../db/client';
import type { AuditContext } from '../../platform/audit/audit.service';
import { createKnowledgeRepository } from './knowledge.repository';
import { setupCreateArticleRoute, setupGetArticleRoute, setupHelpfulRoute, setupListArticlesRoute, setupSuggestionsRoute, setupUpdateArticleRoute } from './knowledge.routes';
import { createKnowledgeService } from './knowledge.service';

export { createKnowledgeRepository } from './knowledge.repository';

declare module 'fastify' {
  interface FastifyInstance {
    /** What other modules may ask of the knowledge base (they never import it). */
    knowledge: {
      publishFromTicket(
        input: { ticketId: bigint; title: string; symptom: string; cause: string | null; resolution: string; category: string; author: { id: string; name: string } },
        tx: Executor,
        context: AuditContext,
      ): Promise<{ id: bigint }>;
    };
  }
}

/**
 * Knowledge articles (知识库): IT's written resolutions, searched by character bigrams while a person
 * types a report (rules F6, F7, T6). Wrapped with fastify-plugin so `app.knowledge` reaches sibling
 * modules (tickets publishes on resolve); the routes sit in their own prefixed context.
 */
export const knowledgeModule = fp(
  async (app: FastifyInstance, { routePrefix }: { routePrefix: string }) => {
    const { database, clock } = app.deps;
    const service = createKnowledgeService({ db: database.db, repo: createKnowledgeRepository({ db: database.db }), audit: app.audit, clock });
    app.decorate('knowledge', { publishFromTicket: (input, tx, context) => service.publishFromTicket(input, tx, context) });

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
