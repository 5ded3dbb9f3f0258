import type { Executor } from '../../../db/client';
import type { TimingService } from '../timing/timing.service';
import type { CardSettings } from './group-state.rules';

/** What `cardPlan` needs now: the timing per level (read inside a transaction when given one: PGlite has one connection) and the flap damping. */
export function createCardSettings({ timing, flapDampSeconds }: { timing: Pick<TimingService, 'get'>; flapDampSeconds: number }) {
  return async (executor?: Executor): Promise<CardSettings> => ({ timing: await timing.get(executor), flapDampSeconds });
}

export type CardSettingsNow = ReturnType<typeof createCardSettings>;
