import type { FastifyInstance } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import type { Db } from '../../db/client';
import { cardCallbackTopic } from '../../dingtalk/stream';
import { createCardActions } from './alerts.chat';
import { digestJob, escalateJob, flushCardsJob } from './alerts.jobs';
import { createAlertNotifier } from './alerts.notify';
import { createPeopleDirectory } from './alerts.people';
import { createAlertsRepository } from './alerts.repository';
import { setupGroupRoutes, setupRuleRoutes, setupSilenceRoutes } from './alerts.routes';
import { createAlertsService } from './alerts.service';
import { createIngestBatcher } from './alerts.ingest-batcher';
import { setupSandboxAlertmanager } from './alerts.sandbox-alertmanager';
import { setupSourceRoutes } from './sources/sources.routes';
import { setupWebhookRoutes } from './sources/webhooks.routes';
import { createMaintenanceModule } from './maintenance.module';
import { createRobotPoolRepository } from './robot-pool.repository';
import { createWarRoomDeliveredHook } from './war-room.hook';
import { setupProbesModule } from './probes.module';
import { setupRobotPoolModule } from './robot-pool.module';
import { createStormRepository } from './storm.repository';
import { createStormFolding } from './storm.service';

/**
 * Alerts (issue 5; rules F1, F2, F4): monitoring webhooks in, classified into three levels, grouped
 * and deduplicated like Alertmanager, one interactive card per group in DingTalk, escalation of
 * unacknowledged level-1 groups. Registered after tickets and oncall, whose decorators it uses when present.
 */
export async function alertsModule(app: FastifyInstance) {
  const { database, clock, config, directory } = app.deps;
  const { registry } = app.metrics;
  const ingested = new Counter({ name: 'dingops_alerts_ingested_total', help: 'Alerts received, by source kind and level.', labelNames: ['source_kind', 'level'], registers: [registry] });
  const escalations = new Counter({ name: 'dingops_alert_escalations_total', help: 'Escalation notifications sent, by target.', labelNames: ['target'], registers: [registry] });

  const repo = createAlertsRepository({ db: database.db });
  const settings = config.alerts;
  const notifier = createAlertNotifier({
    outbox: app.outbox,
    settings: { publicUrl: config.server.publicUrl, robotCode: config.dingtalk.clientId, itGroupId: directory.itOpsGroupId, leadershipGroupId: directory.leadershipGroupId, cardTemplateId: directory.cardTemplates.alert, sceneGroupTemplateId: directory.sceneGroupTemplateId },
    onEscalation: (target) => escalations.inc({ target }),
    oncall: app.hasDecorator('oncall') ? app.oncall : null,
  });
  const storms = createStormFolding({
    repo: createStormRepository({ db: database.db }),
    outbox: app.outbox,
    settings: { cardsPerMinute: settings.stormCardsPerMinute, publicUrl: config.server.publicUrl, robotCode: config.dingtalk.clientId, itGroupId: directory.itOpsGroupId, cardTemplateId: directory.cardTemplates.alert },
  });
  const windows = createMaintenanceModule(app);
  const people = createPeopleDirectory({ oncall: app.hasDecorator('oncall') ? app.oncall : null, identity: app.identity, cacheMs: settings.cacheMs, clock });
  const service = createAlertsService({
    db: database.db,
    repo,
    audit: app.audit,
    notifier,
    people,
    tickets: app.hasDecorator('tickets') ? app.tickets : null,
    clock,
    settings: { groupBy: settings.groupBy, groupWaitSeconds: settings.groupWaitSeconds, groupIntervalSeconds: settings.groupIntervalSeconds, flap: settings.flap, inhibitEqual: settings.inhibitEqual, cacheMs: settings.cacheMs, tokenAlgorithm: config.crypto.algorithm, chats: { itOps: directory.itOpsGroupId, security: directory.securityGroupId, leadership: directory.leadershipGroupId } },
    metrics: { ingested: (kind, level, count) => ingested.inc({ source_kind: kind, level: String(level) }, count) },
    timing: windows.timing,
    maintenance: windows.maintenance,
    storms,
    log: app.log.child({ module: 'alerts' }),
  });

  new Gauge({
    name: 'dingops_alert_groups_open',
    help: 'Alert groups not yet resolved, by level.',
    labelNames: ['level'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const level of [1, 2, 3]) this.set({ level: String(level) }, 0);
      for (const row of await repo.openGroupStates()) this.set({ level: String(row.level) }, row.unacknowledged + row.silenced + row.acknowledged);
    },
  });

  // Self-monitoring of the two-step ingest: batches stored but not yet folded into their groups.
  const pendingChanges = () => repo.pendingGroupChanges(clock());
  new Gauge({
    name: 'dingops_alert_group_changes_pending',
    help: 'Stored alert batches (per group) the group-state pass has not folded in yet.',
    registers: [registry],
    async collect() {
      this.set((await pendingChanges()).pending);
    },
  });
  new Gauge({
    name: 'dingops_alert_group_changes_oldest_seconds',
    help: 'Age of the oldest change waiting for the group-state pass (0 when none wait).',
    registers: [registry],
    async collect() {
      this.set(Math.max(0, (await pendingChanges()).oldestSeconds));
    },
  });

  setupSourceRoutes(app, service);
  setupWebhookRoutes(app, service, createIngestBatcher({ store: (input) => service.storePrepared(input), settle: () => service.settleGroupChanges(), sizeOf: (request) => request.accepted, maxAlertsPerBatch: 1000, lingerMs: 2 }));
  setupRuleRoutes(app, service);
  setupSilenceRoutes(app, service);
  setupGroupRoutes(app, service);
  setupSandboxAlertmanager(app, service);
  windows.register({ alerts: repo, notifier, people });

  app.outbox.onDelivered('dingtalk.scene_group_create', createWarRoomDeliveredHook({ repo, notifier, clock }));
  app.inbox.on(cardCallbackTopic, createCardActions({ service, identity: app.identity, audit: app.audit, log: app.log.child({ module: 'alerts' }) }));
  app.scheduler.register(escalateJob({ service, cron: settings.escalateCron }));
  app.scheduler.register(flushCardsJob({ service, cron: settings.flushCron }));
  app.scheduler.register(digestJob({ service, cron: settings.digestCron }));
  // Probes post no webhook: each result is stored and folded into its group before the check finishes.
  setupProbesModule(app, {
    ingest: async (input) => {
      const result = await service.record(input);
      await service.applyGroupChanges();
      return result;
    },
  });
  setupRobotPoolModule(app);
}

/** Rule S3 key rotation: the pool robots' URLs and secrets, for the re-encryption run at start. */
export const robotPoolEncryptedColumn = (db: Db) => createRobotPoolRepository({ db }).encryptedColumn();
