import { ingestResultSchema } from '@dingops/shared/alerts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IngestBatcher } from '../ingest/ingest-batcher';
import type { AlertsService } from './sources.service';
import type { PreparedRequest } from '../ingest/ingest.service';
import { webhookSources } from './source-kinds';
import type { WebhookSource } from './webhook-source';

const description = 'U+0000 and unpaired UTF-16 surrogates anywhere in the payload (label names included) are replaced with U+FFFD and the alerts accepted: a monitor retries a refused batch forever.';

/**
 * Webhooks monitors post to, one per kind (sources/source-kinds.ts), authenticated by the source's
 * own token (not a login). The body is validated first, so a probe without a body learns nothing
 * about tokens. No browser security headers: monitors read only the status, and helmet builds its
 * headers anew for every request. U+0000 and lone surrogates in a payload become U+FFFD
 * (`repairText`) rather than a refusal: a monitor retries a refused batch forever.
 */
export function setupWebhookRoutes(app: FastifyInstance, service: AlertsService, batcher: IngestBatcher<PreparedRequest>) {
  for (const source of webhookSources) setupWebhookRoute(app, { source, service, batcher });
}

function setupWebhookRoute(app: FastifyInstance, { source, service, batcher }: { source: WebhookSource; service: AlertsService; batcher: IngestBatcher<PreparedRequest> }) {
  const clock = app.deps.clock;
  app.withTypeProvider<ZodTypeProvider>().post(source.path, {
    config: { access: 'public', repairText: true },
    helmet: false,
    schema: { tags: ['alerts'], summary: source.summary, description, body: source.payload, response: { 202: ingestResultSchema } },
    handler: async (request, reply) => {
      const from = await service.authenticate(source.kind, source.authorization(request));
      const alerts = source.normalize(request.body, clock());
      // A monitor's test message carries no alert: answered as accepted, nothing stored.
      if (alerts.length === 0) return reply.status(202).send({ accepted: 0, groups: 0 });
      return reply.status(202).send(await batcher.submit(from, await service.prepare({ alerts })));
    },
  });
}
