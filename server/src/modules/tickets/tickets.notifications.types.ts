import type { Executor } from '../../db/client';

// The notifier's settings and category lookup, apart from it so the card and reminder helpers it builds need not import it.

export interface NotifierSettings {
  publicUrl: string;
  /** The enterprise robot (an internal app's robotCode is its AppKey). */
  robotCode: string;
  /** The IT on-call group that gets a card for each new level-1/2 ticket; null to send none. */
  itGroupId: string | null;
  /** Null when no card template is configured: then no cards, only messages. */
  cardTemplateId: string | null;
}

/** The category's Chinese name from the tree IT edits. */
export type CategoryNameOf = (code: string, tx: Executor) => Promise<string>;
