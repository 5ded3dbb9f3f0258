import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { cardCallbackTopic, robotMessageTopic } from '../../dingtalk/stream';
import { setupAttachmentRoutes } from './attachments/attachments.routes';
import { createAttachmentsService } from './attachments/attachments.service';
import { createAttachmentVault } from './attachments/attachments.vault';
import { createSlaSettingsService } from './settings/sla-settings.service';
import { createTicketCategoriesRepository } from './settings/ticket-categories.repository';
import { createTicketCategoriesService } from './settings/ticket-categories.service';
import { setupTicketSettingsRoutes } from './settings/ticket-settings.routes';
import { createChatIntake } from './tickets.chat';
import { createTicketCollaboration } from './tickets.collaboration';
import { autoCloseJob, slaSweepJob } from './tickets.jobs';
import { createTicketRecords, type TicketRecords } from './tickets.records';
import { createTicketReports } from './export/tickets.reports';
import { createTicketsRepository } from './tickets.repository';
import { setupCommentRoute, setupCreateTicketRoute, setupGetTicketRoute, setupListTicketsRoute, setupTransitionRoute } from './tickets.routes';
import { createTicketsService } from './tickets.service';
import { setupTicketWorkRoutes } from './tickets.work.routes';
import type { KnowledgeContract } from '../knowledge';

/** For start-up (runtime.ts): sealing old plain screenshots and rewrapping their keys after a rotation (rule S3). */
export { ticketAttachmentsEncryption } from './attachments/attachments.encryption';

/** What other modules (alerts) may ask of tickets: open a ticket for an alert group. */
export type TicketsContract = Pick<TicketRecords, 'createFromAlert'>;

declare module 'fastify' {
  interface FastifyInstance {
    tickets: TicketsContract;
  }
}

export interface TicketsOptions {
  /** Where the tickets routes live (/api/v1/tickets). */
  prefix: string;
  /** Where the ticket settings (category tree, SLA calendar) live (/api/v1). */
  settingsPrefix: string;
  knowledge: KnowledgeContract;
}

function createTickets(app: FastifyInstance, { knowledge }: Pick<TicketsOptions, 'knowledge'>) {
  const { database, clock, config, directory } = app.deps;
  const db = database.db;
  const categories = createTicketCategoriesService({ db, repo: createTicketCategoriesRepository({ db }), audit: app.audit, clock });
  const slaSettings = createSlaSettingsService({ db, audit: app.audit, clock });
  const core = createTicketsService({
    db,
    repo: createTicketsRepository({ db }),
    identity: app.identity,
    audit: app.audit,
    outbox: app.outbox,
    clock,
    settings: { publicUrl: config.server.publicUrl, robotCode: config.dingtalk.clientId, itGroupId: directory.itOpsGroupId, cardTemplateId: directory.cardTemplates.general },
    categories,
    slaSettings,
    knowledge,
  });
  const shared = { db, core, audit: app.audit, clock };
  const vault = createAttachmentVault({ cipher: app.deps.cipher, algorithm: config.crypto.algorithm });
  return {
    core,
    categories,
    slaSettings,
    attachments: createAttachmentsService({ ...shared, vault }),
    collaboration: createTicketCollaboration(shared),
    records: createTicketRecords(shared),
    reports: createTicketReports(shared),
  };
}

type TicketServices = ReturnType<typeof createTickets>;

async function setupTicketRoutes(app: FastifyInstance, services: TicketServices) {
  const service = services.core;
  setupCreateTicketRoute(app, service);
  setupListTicketsRoute(app, service);
  setupGetTicketRoute(app, service);
  setupTransitionRoute(app, service);
  setupCommentRoute(app, service);
  setupTicketWorkRoutes(app, services);
  await setupAttachmentRoutes(app, services.attachments);
}

/**
 * Fault tickets: report (micro-app or chat), IT queue, lifecycle with SLA clocks, notifications (rules
 * F3–F6, R5, T5), and their settings (category tree, SLA calendar). Wrapped with fastify-plugin so the
 * contract lands on the root instance, where app.ts picks it up for alerts; the routes sit in their
 * own prefixed contexts.
 */
export const ticketsModule = fp(
  async (app: FastifyInstance, options: TicketsOptions) => {
    const { config, dingtalk } = app.deps;
    const services = createTickets(app, options);
    const service = services.core;
    await services.categories.seedDefaults();
    const contract: TicketsContract = { createFromAlert: (input, tx, context) => services.records.createFromAlert(input, tx, context) };
    app.decorate('tickets', contract);
    await app.register(async (scoped) => setupTicketRoutes(scoped, services), { prefix: options.prefix });
    await app.register(async (scoped) => setupTicketSettingsRoutes(scoped, services), { prefix: options.settingsPrefix });

    const chat = createChatIntake({ service, dingtalk, notifier: service.notifier, log: app.log.child({ module: 'tickets' }) });
    app.inbox.on(robotMessageTopic, chat.onRobotMessage);
    app.inbox.on(cardCallbackTopic, chat.onCardClick);

    const { autoCloseCron, autoCloseDays, slaSweepCron } = config.tickets;
    app.scheduler.register(autoCloseJob({ service, cron: autoCloseCron, days: autoCloseDays }));
    app.scheduler.register(slaSweepJob({ service, cron: slaSweepCron }));
  },
  { name: 'tickets', dependencies: ['deps', 'audit', 'identity', 'outbox', 'inbox', 'scheduler'] },
);
