import type { Job } from '../../../platform/scheduler/scheduler.service';
import type { AlertsService } from '../alerts.service';

/** Rule F4 / issue 5 item 5: unacknowledged level-1 groups walk their escalation policy. */
export const escalateJob = ({ service, cron }: { service: AlertsService; cron: string }): Job => ({ name: 'alerts.escalate', cron, run: async () => `${await service.escalate()} steps` });

/** Cards that waited out their group wait, and updates held back by damping. */
export const flushCardsJob = ({ service, cron }: { service: AlertsService; cron: string }): Job => ({ name: 'alerts.flush_cards', cron, run: async () => `${await service.flushCards()} cards` });

/** Level 3: a digest card instead of one card per group. */
export const digestJob = ({ service, cron }: { service: AlertsService; cron: string }): Job => ({ name: 'alerts.digest', cron, run: async () => `${await service.digest()} groups` });
