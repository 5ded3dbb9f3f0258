import type { FastifyPluginAsync } from 'fastify';
import type { SandboxState } from '../state';
import { cardClickRoutes } from './card-click.routes';
import { cardRoutes } from './card.routes';
import { dingApiRoutes, dingRoutes } from './ding.routes';
import { messagingApiRoutes } from './messaging-api.routes';
import { robotRoutes } from './robot.routes';
import { sceneGroupRoutes } from './scene-group.routes';
import { webhookRoutes } from './webhook.routes';
import { workNotificationRoutes } from './work-notification.routes';

/** DingTalk's messaging endpoints: enterprise robot, custom robot webhook, work notifications, cards. */
export const messagingRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  await app.register(robotRoutes, { state });
  await app.register(cardRoutes, { state });
  await app.register(webhookRoutes, { state });
  await app.register(workNotificationRoutes, { state });
  await app.register(sceneGroupRoutes, { state });
  await app.register(dingRoutes, { state });
};

/** The sandbox's own messaging API, under /sandbox/api. */
export const messagingSandboxApiRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  await app.register(messagingApiRoutes, { state });
  await app.register(cardClickRoutes, { state });
  await app.register(dingApiRoutes, { state });
};
