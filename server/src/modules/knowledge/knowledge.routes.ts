import { articleParamsSchema, articlePageSchema, articleSchema, createArticleBodySchema, listArticlesQuerySchema, suggestionsQuerySchema, suggestionsSchema, updateArticleBodySchema } from '@dingops/shared/knowledge';
import type { Role } from '@dingops/shared/roles';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import type { KnowledgeActor, KnowledgeService } from './knowledge.service';

const itRoles: readonly Role[] = ['it_staff', 'it_admin'];
const tags = ['knowledge'];

/** The auth hook loaded the caller for this request; access rules guarantee there is one. */
function actorOf(request: FastifyRequest): KnowledgeActor {
  const user = request.actor!;
  return { id: user.id, name: user.name, isIt: user.roles.some((role) => itRoles.includes(role)) };
}

export function setupListArticlesRoute(app: FastifyInstance, service: KnowledgeService) {
  app.withTypeProvider<ZodTypeProvider>().get('', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Browse the knowledge base newest first, or search it with q (archived: IT only)', querystring: listArticlesQuerySchema, response: { 200: articlePageSchema } },
    handler: async (request) => service.list({ query: request.query, actor: actorOf(request) }),
  });
}

export function setupSuggestionsRoute(app: FastifyInstance, service: KnowledgeService) {
  app.withTypeProvider<ZodTypeProvider>().get('/suggestions', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Published articles matching a report being typed (rule T6)', querystring: suggestionsQuerySchema, response: { 200: suggestionsSchema } },
    handler: async (request) => service.suggest(request.query),
  });
}

export function setupGetArticleRoute(app: FastifyInstance, service: KnowledgeService) {
  app.withTypeProvider<ZodTypeProvider>().get('/:articleId', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One article; counts the view', params: articleParamsSchema, response: { 200: articleSchema } },
    handler: async (request) => service.get({ id: BigInt(request.params.articleId), actor: actorOf(request) }),
  });
}

export function setupCreateArticleRoute(app: FastifyInstance, service: KnowledgeService) {
  app.withTypeProvider<ZodTypeProvider>().post('', {
    config: { access: itRoles },
    schema: { tags, summary: 'Write an article (IT)', body: createArticleBodySchema, response: { 201: articleSchema } },
    handler: async (request, reply) => {
      const article = await service.create({ body: request.body, actor: actorOf(request), context: auditContextOf(request) });
      return reply.status(201).send(article);
    },
  });
}

export function setupUpdateArticleRoute(app: FastifyInstance, service: KnowledgeService) {
  app.withTypeProvider<ZodTypeProvider>().patch('/:articleId', {
    config: { access: itRoles },
    schema: { tags, summary: 'Edit, archive or restore an article (IT)', params: articleParamsSchema, body: updateArticleBodySchema, response: { 200: articleSchema } },
    handler: async (request) => service.update({ id: BigInt(request.params.articleId), body: request.body, actor: actorOf(request), context: auditContextOf(request) }),
  });
}

export function setupHelpfulRoute(app: FastifyInstance, service: KnowledgeService) {
  app.withTypeProvider<ZodTypeProvider>().post('/:articleId/helpful', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '“这个有用”: counted once per person', params: articleParamsSchema, response: { 200: articleSchema } },
    handler: async (request) => service.markHelpful({ id: BigInt(request.params.articleId), actor: actorOf(request), context: auditContextOf(request) }),
  });
}
