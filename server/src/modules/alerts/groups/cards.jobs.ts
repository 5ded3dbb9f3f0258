import type { Job } from '../../../platform/scheduler/scheduler.service';
import type { CardRuns } from './cards.service';

/** Cards that waited out their group wait, and updates held back by damping. */
export const flushCardsJob = ({ cards, cron }: { cards: CardRuns; cron: string }): Job => ({ name: 'alerts.flush_cards', cron, run: async () => `${await cards.flushCards()} cards` });

/** Level 3: a digest card instead of one card per group. */
export const digestJob = ({ cards, cron }: { cards: CardRuns; cron: string }): Job => ({ name: 'alerts.digest', cron, run: async () => `${await cards.digest()} groups` });
