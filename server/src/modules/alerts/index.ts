import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client';
import { cardCallbackTopic } from '../../dingtalk/stream';
import { createAlertMetrics } from './alerts.metrics';
import { setupSourceRoutes } from './sources/sources.routes';
import { setupWebhookRoutes } from './sources/webhooks.routes';
import { type AlertsService, createSourcesService, type SourcesService } from './sources/sources.service';
import { escalateJob } from './escalation/escalation.jobs';
import { createEscalation } from './escalation/escalation.service';
import { createPeopleDirectory } from './escalation/people';
import { createCardSettings } from './group-state/card-settings';
import { createGroupStateRepository } from './group-state/group-state.repository';
import { createGroupStatePass } from './group-state/group-state.service';
import { createCardActions } from './groups/card-actions';
import { digestJob, flushCardsJob } from './groups/cards.jobs';
import { createCardRuns } from './groups/cards.service';
import { createGroupActions } from './groups/group-actions.service';
import { createGroupsRepository } from './groups/groups.repository';
import { setupGroupRoutes } from './groups/groups.routes';
import { createGroupsService } from './groups/groups.service';
import { createIngestBatcher } from './ingest/ingest-batcher';
import { createIngestRepository } from './ingest/ingest.repository';
import { createIngestService, type PreparedRequest } from './ingest/ingest.service';
import { createAlertNotifier } from './notify/alert-notifier';
import { setupProbesModule } from './probes/probes.module';
import { createRobotPoolRepository } from './robot-pool/robot-pool.repository';
import { setupRobotPoolModule } from './robot-pool/robot-pool.module';
import type { RobotPoolService } from './robot-pool/robot-pool.service';
import { createRulesRepository } from './rules/rules.repository';
import { setupRuleRoutes, setupSilenceRoutes } from './rules/rules.routes';
import { createRulesService } from './rules/rules.service';
import { createSilencesService } from './rules/silences.service';
import { createSourcesRepository } from './sources/sources.repository';
import { createStormRepository } from './storm/storm.repository';
import { createStormFolding } from './storm/storm.service';
import { createWarRoomDeliveredHook } from './war-room/war-room.hook';
import { createMaintenanceModule } from './windows/maintenance.module';
export { createProbesRepository } from './probes/probes.repository';
import type { OncallContract } from '../oncall';
import type { TicketsContract } from '../tickets';

/**
 * What start-up (the sandbox demo) may ask of alerts: the monitoring sources an admin would set up,
 * and adding a robot to a chat's pool.
 */
export interface AlertsContract {
  sources: Pick<SourcesService, 'listSources' | 'createSource' | 'rotateSource'>;
  robotPool: Pick<RobotPoolService, 'addIfNew'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertsContract;
  }
}

export interface AlertsOptions {
  prefix: string;
  tickets: TicketsContract;
  oncall: OncallContract;
}

/**
 * Alerts (issue 5; rules F1, F2, F4): monitoring webhooks in, classified into three levels, grouped
 * and deduplicated like Alertmanager, one interactive card per group in DingTalk, escalation of
 * unacknowledged level-1 groups. app.ts hands over the tickets and on-call contracts it calls.
 *
 * The ingest path runs one way: webhook → batcher → ingest (stores alerts and per-group changes) →
 * group-state pass (folds the changes into groups, storms, escalation and cards) → notifier (outbox).
 */
async function setupAlerts(app: FastifyInstance, { tickets, oncall }: Pick<AlertsOptions, 'tickets' | 'oncall'>): Promise<AlertsContract> {
  const { database, clock, config, directory } = app.deps;
  const { db } = database;
  const { audit } = app;
  const settings = config.alerts;
  const log = app.log.child({ module: 'alerts' });
  const groupsRepo = createGroupsRepository({ db });
  const groupStateRepo = createGroupStateRepository({ db });
  const metrics = createAlertMetrics({ registry: app.metrics.registry, groups: groupsRepo, groupState: groupStateRepo, clock });

  const notifier = createAlertNotifier({
    outbox: app.outbox,
    settings: { publicUrl: config.server.publicUrl, robotCode: config.dingtalk.clientId, itGroupId: directory.itOpsGroupId, leadershipGroupId: directory.leadershipGroupId, cardTemplateId: directory.cardTemplates.alert, sceneGroupTemplateId: directory.sceneGroupTemplateId },
    onEscalation: metrics.escalation,
    oncall,
  });
  const storms = createStormFolding({
    repo: createStormRepository({ db }),
    outbox: app.outbox,
    settings: { cardsPerMinute: settings.stormCardsPerMinute, publicUrl: config.server.publicUrl, robotCode: config.dingtalk.clientId, itGroupId: directory.itOpsGroupId, cardTemplateId: directory.cardTemplates.alert },
  });
  const windows = createMaintenanceModule(app);
  const people = createPeopleDirectory({ oncall, identity: app.identity, cacheMs: settings.cacheMs, clock });
  const rulesRepo = createRulesRepository({ db });
  const rules = createRulesService({ db, repo: rulesRepo, audit, clock, settings: { groupBy: settings.groupBy, cacheMs: settings.cacheMs } });
  const silences = createSilencesService({ db, repo: rulesRepo, audit, clock, cacheMs: settings.cacheMs });
  const sources = createSourcesService({ db, repo: createSourcesRepository({ db }), audit, clock, settings: { tokenAlgorithm: config.crypto.algorithm, cacheMs: settings.cacheMs } });

  const ingest = createIngestService({ repo: createIngestRepository({ db }), rules, silences, maintenance: windows.maintenance, settings: { groupBy: settings.groupBy, inhibitEqual: settings.inhibitEqual }, metrics, clock });
  const cardSettingsNow = createCardSettings({ timing: windows.timing, flapDampSeconds: settings.flap.dampSeconds });
  const escalation = createEscalation({ db, repo: groupsRepo, audit, people, notifier, clock });
  const groupState = createGroupStatePass({ db, repo: groupStateRepo, rules, cardSettingsNow, escalation, notifier, storms, maintenance: windows.maintenance, flap: settings.flap, clock, log });
  const groups = createGroupsService({ repo: groupsRepo, chats: { itOps: directory.itOpsGroupId, security: directory.securityGroupId, leadership: directory.leadershipGroupId } });
  const actions = createGroupActions({ db, repo: groupsRepo, audit, notifier, silences, storms, tickets, cardSettingsNow, clock });
  const cards = createCardRuns({ db, repo: groupsRepo, notifier, storms, groupState, cardSettingsNow, clock });

  const service: AlertsService = { ...sources, prepare: ingest.prepare };
  const batcher = createIngestBatcher<PreparedRequest>({ store: ingest.storePrepared, settle: groupState.settle, sizeOf: (request) => request.accepted, maxAlertsPerBatch: 1000, lingerMs: 2 });
  setupSourceRoutes(app, service);
  setupWebhookRoutes(app, service, batcher);
  setupRuleRoutes(app, rules);
  setupSilenceRoutes(app, silences);
  setupGroupRoutes(app, groups, actions);
  windows.register({ alerts: groupsRepo, notifier, people });

  app.outbox.onDelivered('dingtalk.scene_group_create', createWarRoomDeliveredHook({ repo: groupsRepo, notifier, clock }));
  app.inbox.on(cardCallbackTopic, createCardActions({ actions, identity: app.identity, audit, log }));
  app.scheduler.register(escalateJob({ escalation, cron: settings.escalateCron }));
  app.scheduler.register(flushCardsJob({ cards, cron: settings.flushCron }));
  app.scheduler.register(digestJob({ cards, cron: settings.digestCron }));
  // Probes post no webhook: each result is stored and folded into its group before the check finishes.
  setupProbesModule(app, {
    ingest: async (input) => {
      const result = await ingest.record(input);
      await groupState.flush();
      return result;
    },
  });
  const robotPool = setupRobotPoolModule(app);
  return { sources, robotPool };
}

/**
 * Wrapped with fastify-plugin so the contract lands on the root instance; the routes, hooks and jobs
 * sit in their own prefixed context.
 */
export const alertsModule = fp(
  async (app: FastifyInstance, options: AlertsOptions) => {
    await app.register(
      async (scoped) => {
        app.decorate('alerts', await setupAlerts(scoped, options));
      },
      { prefix: options.prefix },
    );
  },
  { name: 'alerts', dependencies: ['deps', 'audit', 'identity', 'outbox', 'inbox', 'scheduler', 'metrics'] },
);

/** Rule S3 key rotation: the pool robots' URLs and secrets, for the re-encryption run at start. */
export const robotPoolEncryptedColumn = (db: Db) => createRobotPoolRepository({ db }).encryptedColumn();
