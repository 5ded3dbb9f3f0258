import type { FastifyInstance } from 'fastify';
import { accessLinks, type AccessLinks } from './access.messages';
import { createLeaverHandler, leaveTopic } from './access.leavers';
import { createAccessNotifier, type AccessNotifier } from './access.notify';
import { createPeople, type People } from './access.people';
import { setupGrantRoutes, setupRequestRoutes } from './access.routes';
import { setupCatalogRoutes } from './catalog/catalog.routes';
import { createCatalogService } from './catalog/catalog.service';
import { setupEvidenceRoutes } from './evidence/evidence.routes';
import { createEvidenceService } from './evidence/evidence.service';
import { createGrantsService, type GrantsService } from './grants/grants.service';
import { dingtalkApprovalUrl } from './requests/requests.form';
import { approvalInstanceTopic, createApprovalEvents } from './requests/requests.events';
import { createRequestsService } from './requests/requests.service';
import { createReviewDecisions } from './reviews/reviews.decisions';
import { createReviewJobs } from './reviews/reviews.jobs';
import { createMoverReviews } from './reviews/reviews.movers';
import { createReviewReports } from './reviews/reviews.report';
import { createReviewsRepository } from './reviews/reviews.repository';
import { setupReviewRoutes } from './reviews/reviews.routes';
import { createReviewsService } from './reviews/reviews.service';
import { createTasksService } from './tasks/tasks.service';

function createAccess(app: FastifyInstance) {
  const { database, clock, config, dingtalk, directory } = app.deps;
  const db = database.db;
  const people = createPeople({ db, dingtalk });
  const links = accessLinks(config.server.publicUrl);
  const notify = createAccessNotifier({ outbox: app.outbox, robotCode: config.dingtalk.clientId, itGroupId: directory.itOpsGroupId, securityGroupId: directory.securityGroupId });
  const catalog = createCatalogService({ db, audit: app.audit, people, clock });
  const grants = createGrantsService({ db, audit: app.audit, people, notify, links, clock, reminderDays: config.access.reminderDays });
  const requests = createRequestsService({
    db,
    audit: app.audit,
    outbox: app.outbox,
    people,
    catalog,
    notify,
    links,
    clock,
    settings: { processCode: directory.approvalProcessCode, securityLeadUserId: directory.securityLeadUserId, approvalUrl: dingtalkApprovalUrl(config.dingtalk.corpId), instanceWaitMs: config.outbox.worker ? 1500 : 0 },
  });
  const tasks = createTasksService({ db, audit: app.audit, people, grants, clock });
  const evidence = createEvidenceService({ db, audit: app.audit, people, grants, requests });
  return { db, people, notify, catalog, grants, requests, tasks, evidence, ...createReviews(app, { people, notify, links, grants }) };
}

/** Review campaigns, their decisions, reports and jobs (issue 12 items 5 and 6). */
function createReviews(app: FastifyInstance, { people, notify, links, grants }: { people: People; notify: AccessNotifier; links: AccessLinks; grants: GrantsService }) {
  const { database, clock, config, directory } = app.deps;
  const db = database.db;
  const repo = createReviewsRepository({ db });
  const fallbackReviewer = directory.securityLeadUserId;
  const reviews = createReviewsService({ db, repo, audit: app.audit, notify, people, links, clock, fallbackReviewer });
  const decisions = createReviewDecisions({ db, repo, audit: app.audit, grants, clock });
  const reports = createReviewReports({ repo, people, audit: app.audit });
  const reviewJobs = createReviewJobs({ db, repo, reviews, audit: app.audit, notify, people, links, fallbackReviewer, reviewDays: config.access.reviewDays });
  return { reviews, decisions, reports, reviewJobs };
}

/**
 * Access governance (issue 12; rules S1, S2, S4, S5): the catalog, requests approved in DingTalk's
 * approval app, grants that end, IT's manual steps, leavers, and the evidence auditors read. It
 * offers other modules no contract, so it stays an encapsulated plugin under its prefix.
 */
export async function accessModule(app: FastifyInstance) {
  const services = createAccess(app);
  const { config, dingtalk, directory } = app.deps;

  const approvals = createApprovalEvents({ db: services.db, dingtalk, processCode: directory.approvalProcessCode, requests: services.requests, grants: services.grants, audit: app.audit, log: app.log.child({ module: 'access' }) });
  app.inbox.on(approvalInstanceTopic, approvals.handler);
  app.outbox.onDelivered('dingtalk.approval_start', approvals.onStarted);
  app.outbox.onDeadLetter('dingtalk.approval_start', approvals.onStartFailed);
  app.inbox.on(leaveTopic, createLeaverHandler({ grants: services.grants, requests: services.requests, notify: services.notify, log: app.log.child({ module: 'access' }) }));

  app.identity.onProfileChanged(createMoverReviews({ reviews: services.reviews, clock: app.deps.clock, reviewDays: config.access.reviewDays, log: app.log.child({ module: 'access' }) }));
  app.scheduler.register({ name: 'access.review_nudges', cron: config.access.reviewCron, run: async ({ now }) => services.reviewJobs.nudge(now) });
  app.scheduler.register({ name: 'access.quarterly_review', cron: config.access.quarterlyReviewCron, run: async ({ now }) => services.reviewJobs.openQuarterly(now) });
  app.scheduler.register({ name: 'access.expire_grants', cron: config.access.expiryCron, run: async () => `${await services.grants.expireDue()} ended, ${await services.grants.remindDue()} reminded` });

  setupCatalogRoutes(app, services.catalog);
  setupRequestRoutes(app, services.requests);
  setupGrantRoutes(app, services.grants, services.tasks);
  setupEvidenceRoutes(app, services.evidence);
  setupReviewRoutes(app, services);
}
