import type { Job } from '../../platform/scheduler/scheduler.service';
import type { TicketsService } from './tickets.service';

/** Rule F4: resolved tickets nobody confirmed close themselves after the configured days. */
export function autoCloseJob({ service, cron, days }: { service: TicketsService; cron: string; days: number }): Job {
  return { name: 'tickets.auto_close', cron, run: async () => `${await service.autoCloseResolved({ olderThanDays: days })} closed` };
}

/** Rule P3: reminders when a ticket's response or resolution clock is due soon, then escalation to the IT lead once breached. */
export function slaSweepJob({ service, cron }: { service: TicketsService; cron: string }): Job {
  return { name: 'tickets.sla_sweep', cron, run: async () => `${await service.sweepSla()} reminded` };
}
