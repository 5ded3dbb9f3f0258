import type { FastifyInstance } from 'fastify';
import { cardCallbackTopic, robotMessageTopic } from '../../dingtalk/stream';
import { setupAttachmentRoutes } from './attachments.routes';
import { createChatIntake } from './tickets.chat';
import { autoCloseJob, slaSweepJob } from './tickets.jobs';
import { createTicketsRepository } from './tickets.repository';
import { setupCommentRoute, setupCreateTicketRoute, setupGetTicketRoute, setupListTicketsRoute, setupTransitionRoute } from './tickets.routes';
import { createTicketsService } from './tickets.service';

/** Fault tickets: report (micro-app or chat), IT queue, lifecycle with SLA clocks, notifications (rules F3–F6, R5, T5). */
export async function ticketsModule(app: FastifyInstance) {
  const { database, clock, config, dingtalk, directory } = app.deps;
  const repo = createTicketsRepository({ db: database.db });
  const service = createTicketsService({
    db: database.db,
    repo,
    identity: app.identity,
    audit: app.audit,
    outbox: app.outbox,
    clock,
    settings: { publicUrl: config.server.publicUrl, robotCode: config.dingtalk.clientId, itGroupId: directory.itOpsGroupId, cardTemplateId: directory.cardTemplates.general },
  });
  setupCreateTicketRoute(app, service);
  setupListTicketsRoute(app, service);
  setupGetTicketRoute(app, service);
  setupTransitionRoute(app, service);
  setupCommentRoute(app, service);
  await setupAttachmentRoutes(app, service);

  const chat = createChatIntake({ service, dingtalk, notifier: service.notifier, log: app.log.child({ module: 'tickets' }) });
  app.inbox.on(robotMessageTopic, chat.onRobotMessage);
  app.inbox.on(cardCallbackTopic, chat.onCardClick);

  const { autoCloseCron, autoCloseDays, slaSweepCron } = config.tickets;
  app.scheduler.register(autoCloseJob({ service, cron: autoCloseCron, days: autoCloseDays }));
  app.scheduler.register(slaSweepJob({ service, cron: slaSweepCron }));
}
