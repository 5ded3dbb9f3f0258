import type { Job } from '../../../platform/scheduler/scheduler.service';
import type { RepeatReminders } from './timing.reminders';

/** Repeat reminders for groups nobody acknowledged (the per-level repeat interval decides when). */
export const repeatJob = ({ reminders, cron }: { reminders: RepeatReminders; cron: string }): Job => ({ name: 'alerts.repeat', cron, run: async () => `${await reminders.run()} reminders` });
