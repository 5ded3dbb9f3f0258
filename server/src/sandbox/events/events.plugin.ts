import type { FastifyPluginAsync } from 'fastify';
import type { SandboxState } from '../state';
import { botMessageRoutes } from './bot-messages.routes';
import { eventRoutes } from './events.routes';
import { gatewayRoutes } from './gateway.routes';

/** Event delivery: the Stream gateway, robot messages and their reply URL, and the sandbox's view of what it pushed. */
export const eventsPlugin: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  await app.register(gatewayRoutes, { state });
  await app.register(botMessageRoutes, { state });
  await app.register(eventRoutes, { state, prefix: '/sandbox/api' });
};
