import type { Job } from '../../../platform/scheduler/scheduler.service';
import type { ProbesService } from './probes.service';

/** Every 10 s (a six-field cron): probes whose interval is up are checked; old results are pruned. */
export const probeCron = '*/10 * * * * *';

export const probesJob = ({ service }: { service: ProbesService }): Job => ({
  name: 'alerts.probes',
  cron: probeCron,
  run: async () => {
    const { checked, pruned } = await service.runDue();
    return `${checked} checks, ${pruned} pruned`;
  },
});
