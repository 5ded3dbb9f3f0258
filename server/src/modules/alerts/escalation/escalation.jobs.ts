import type { Job } from '../../../platform/scheduler/scheduler.service';
import type { Escalation } from './escalation.service';

/** Rule F4 / issue 5 item 5: unacknowledged level-1 groups walk their escalation policy. */
export const escalateJob = ({ escalation, cron }: { escalation: Escalation; cron: string }): Job => ({ name: 'alerts.escalate', cron, run: async () => `${await escalation.escalate()} steps` });
