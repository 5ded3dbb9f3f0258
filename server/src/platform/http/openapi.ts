import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

const description = [
  'IT maintenance desk inside DingTalk.',
  'Every error is application/problem+json (RFC 9457) with status, code and instance (the request id); a refused field is named in errors[].path (body.title, querystring.q, params.ticketId).',
  'Text that Postgres cannot store, U+0000 or an unpaired UTF-16 surrogate, is refused with 400 http.unstorable_text naming each field; the monitoring webhooks replace it with U+FFFD instead and accept the alerts.',
].join('\n\n');

/** The OpenAPI document is generated from the same zod schemas that validate requests. */
export const openApiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        info: { title: 'DingOps API', version: '1.0.0', description },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
    });
    app.get('/api/docs/json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
