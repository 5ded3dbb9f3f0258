import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { cardCallbackTopic, robotMessageTopic } from '../../dingtalk/stream';
import { setupAttachmentRoutes } from './attachments.routes';
import { createAttachmentsService } from './attachments.service';
import { createAttachmentVault } from './attachments.vault';
import { createSlaSettingsService } from './sla-settings.service';
import { createTicketCategoriesRepository } from './ticket-categories.repository';
import { createTicketCategoriesService } from './ticket-categories.service';
import { setupTicketSettingsRoutes } from './ticket-settings.routes';
import { createChatIntake } from './tickets.chat';
import { createTicketCollaboration } from './tickets.collaboration';
import { autoCloseJob, slaSweepJob } from './tickets.jobs';
import { createTicketRecords, type TicketFromAlert } from './tickets.records';
import { createTicketReports } from './tickets.reports';
import { createTicketsRepository } from './tickets.repository';
import { setupCommentRoute, setupCreateTicketRoute, setupGetTicketRoute, setupListTicketsRoute, setupTransitionRoute } from './tickets.routes';
import { createTicketsService, type PublishArticle } from './tickets.service';
import { setupTicketWorkRoutes } from './tickets.work.routes';
import type { Executor } from '../../db/client';
import type { AuditContext } from '../../platform/audit/audit.service';

/** For start-up (runtime.ts): sealing old plain screenshots and rewrapping their keys after a rotation (rule S3). */
export { ticketAttachmentsEncryption } from './attachments.encryption';

/** What sibling modules (alerts) may ask of tickets. */
export interface TicketsApi {
  createFromAlert(input: TicketFromAlert, tx: Executor, context: AuditContext): Promise<{ id: bigint; number: string }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    tickets: TicketsApi;
  }
}

type TicketServices = ReturnType<typeof buildServices>;
/** Both plugins below share one set of services per app (keyed by its dependencies). */
const servicesByApp = new WeakMap<object, TicketServices>();

function buildServices(app: FastifyInstance) {
  const { database, clock, config, directory } = app.deps;
  const db = database.db;
  const categories = createTicketCategoriesService({ db, repo: createTicketCategoriesRepository({ db }), audit: app.audit, clock });
  const slaSettings = createSlaSettingsService({ db, audit: app.audit, clock });
  // The knowledge module decorates the root instance; looked up per call, so the order of registration does not matter.
  const knowledge = () => (app as unknown as { knowledge?: { publishFromTicket: PublishArticle } }).knowledge ?? null;
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
    publishArticle: () => {
      const found = knowledge();
      return found ? (input, tx, context) => found.publishFromTicket(input, tx, context) : null;
    },
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

function servicesOf(app: FastifyInstance): TicketServices {
  let services = servicesByApp.get(app.deps);
  if (!services) {
    services = buildServices(app);
    servicesByApp.set(app.deps, services);
  }
  return services;
}

/** Fault tickets: report (micro-app or chat), IT queue, lifecycle with SLA clocks, notifications (rules F3–F6, R5, T5). */
export async function ticketsModule(app: FastifyInstance) {
  const { config, dingtalk } = app.deps;
  const services = servicesOf(app);
  const service = services.core;
  await services.categories.seedDefaults();
  setupCreateTicketRoute(app, service);
  setupListTicketsRoute(app, service);
  setupGetTicketRoute(app, service);
  setupTransitionRoute(app, service);
  setupCommentRoute(app, service);
  setupTicketWorkRoutes(app, services);
  await setupAttachmentRoutes(app, services.attachments);

  const chat = createChatIntake({ service, dingtalk, notifier: service.notifier, log: app.log.child({ module: 'tickets' }) });
  app.inbox.on(robotMessageTopic, chat.onRobotMessage);
  app.inbox.on(cardCallbackTopic, chat.onCardClick);

  const { autoCloseCron, autoCloseDays, slaSweepCron } = config.tickets;
  app.scheduler.register(autoCloseJob({ service, cron: autoCloseCron, days: autoCloseDays }));
  app.scheduler.register(slaSweepJob({ service, cron: slaSweepCron }));
}

/**
 * The ticket settings (category tree, SLA calendar) under the given prefix, and `app.tickets` on the
 * root instance for the alerts module. fastify-plugin keeps the decoration visible to siblings, so the
 * prefix is applied to the inner routes by hand.
 */
export const ticketSettingsModule = fp(
  async (app: FastifyInstance, options: { prefix?: string }) => {
    const services = servicesOf(app);
    app.decorate('tickets', { createFromAlert: (input: TicketFromAlert, tx: Executor, context: AuditContext) => services.records.createFromAlert(input, tx, context) });
    await app.register(async (scope) => setupTicketSettingsRoutes(scope, services), { prefix: options.prefix ?? '/api/v1' });
  },
  { name: 'tickets-settings' },
);
