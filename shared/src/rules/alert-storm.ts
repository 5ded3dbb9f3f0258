/**
 * Storm safety (告警风暴): a chat takes at most `cardsPerMinute` new level-2 group cards a minute;
 * past that, new level-2 groups are folded into one summary card per chat and storm. Level 1 is never
 * folded: its cards and pages always go first.
 */

/** A storm with no fold for this long is over; the next fold starts a new summary card. */
export const stormQuietMinutes = 10;

/** The window the per-chat card count looks back over. */
export const stormWindowSeconds = 60;

/**
 * Counts the cards one batch (an ingest request or a flush run) creates per chat, starting from what
 * the database says each chat received in the last minute, and says for each new card whether it
 * may go out or is folded.
 */
export function createStormGuard({ recentCards, cardsPerMinute }: { recentCards: ReadonlyMap<string, number>; cardsPerMinute: number }) {
  const sent = new Map(recentCards);
  return {
    /** Call once per group about to get its own card, in order; a card that goes out is counted. */
    decide({ level, chatId }: { level: number; chatId: string | null }): 'card' | 'fold' {
      if (level !== 2 || chatId === null) return 'card';
      const count = sent.get(chatId) ?? 0;
      if (count >= cardsPerMinute) return 'fold';
      sent.set(chatId, count + 1);
      return 'card';
    },
  };
}

export type StormGuard = ReturnType<typeof createStormGuard>;

/** A storm is over once nothing was folded into it for `stormQuietMinutes`. */
export function stormIsOver({ lastFoldAt, now }: { lastFoldAt: Date; now: Date }): boolean {
  return now.getTime() - lastFoldAt.getTime() >= stormQuietMinutes * 60_000;
}

/** The summary card is updated in place at most once per level-2 group interval. */
export function stormSummaryDue({ dirty, lastUpdateAt, now, intervalSeconds }: { dirty: boolean; lastUpdateAt: Date; now: Date; intervalSeconds: number }): boolean {
  return dirty && now.getTime() - lastUpdateAt.getTime() >= intervalSeconds * 1000;
}

/** The summary card's outTrackId: one per chat and storm start (conversation ids may hold '+', '/', '=': kept URL-safe). */
export const stormCardId = (chatId: string, startedAt: Date) => `alert-storm-${chatId.replace(/[^A-Za-z0-9_-]/g, '_')}-${Math.floor(startedAt.getTime() / 1000)}`;
