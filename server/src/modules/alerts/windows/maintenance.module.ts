import type { FastifyInstance } from 'fastify';
import type { AlertNotifier } from '../notify/alert-notifier';
import type { PeopleDirectory } from '../escalation/people';
import type { GroupsRepository } from '../groups/groups.repository';
import { createMaintenanceRepository } from './maintenance.repository';
import { setupMaintenanceRoutes } from './maintenance.routes';
import { createMaintenanceService } from './maintenance.service';
import { repeatJob } from '../timing/timing.jobs';
import { createRepeatReminders } from '../timing/timing.reminders';
import { createTimingRepository } from '../timing/timing.repository';
import { setupTimingRoutes } from '../timing/timing.routes';
import { createTimingService } from '../timing/timing.service';

/**
 * Maintenance windows (维护窗口) and notification timing per level (通知节奏), with repeat reminders.
 * Ingest, the group-state pass and the card runs need both services, so they are built first; `register` adds the routes and the job.
 */
export function createMaintenanceModule(app: FastifyInstance) {
  const { database, clock, config } = app.deps;
  const settings = config.alerts;
  const maintenance = createMaintenanceService({ db: database.db, repo: createMaintenanceRepository({ db: database.db }), audit: app.audit, clock, cacheMs: settings.cacheMs });
  const timingRepo = createTimingRepository({ db: database.db });
  const timing = createTimingService({ db: database.db, repo: timingRepo, audit: app.audit, clock, defaults: { groupWaitSeconds: settings.groupWaitSeconds, groupIntervalSeconds: settings.groupIntervalSeconds }, cacheMs: settings.cacheMs });

  return {
    maintenance,
    timing,
    register({ alerts, notifier, people }: { alerts: GroupsRepository; notifier: AlertNotifier; people: PeopleDirectory }) {
      setupMaintenanceRoutes(app, maintenance);
      setupTimingRoutes(app, timing);
      const reminders = createRepeatReminders({ db: database.db, alerts, repo: timingRepo, timing, notifier, people, clock, publicUrl: config.server.publicUrl });
      app.scheduler.register(repeatJob({ reminders, cron: settings.repeatCron }));
    },
  };
}
