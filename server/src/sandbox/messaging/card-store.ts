// Card instances the app created: their current data, per-person private data, where they were
// delivered, every update and every button press.

export type CardSpaceType = 'IM_GROUP' | 'IM_ROBOT';

export interface CardDelivery {
  spaceType: CardSpaceType;
  /** openConversationId for a group, userId for a robot 1:1 chat. */
  spaceId: string;
  robotCode: string | null;
  /** `{ userId: displayName }`, `{ '@ALL': '@ALL' }` for everyone. */
  atUserIds: Record<string, string>;
  at: number;
}

export interface CardUpdate {
  at: number;
  /** 'api' = PUT /v1.0/card/instances; 'callback' = the reply to a button press. */
  source: 'api' | 'callback';
  cardParamMap: Record<string, string>;
  privateData: Record<string, Record<string, string>>;
}

export interface CardClick {
  at: number;
  userId: string;
  action: string;
}

export interface SandboxCard {
  outTrackId: string;
  cardTemplateId: string;
  cardParamMap: Record<string, string>;
  privateData: Record<string, Record<string, string>>;
  callbackType: 'STREAM' | 'HTTP' | null;
  callbackRouteKey: string | null;
  deliveries: CardDelivery[];
  updates: CardUpdate[];
  clicks: CardClick[];
  createdAt: number;
  updatedAt: number;
}

export interface CardChange {
  cardParamMap?: Record<string, string>;
  privateData?: Record<string, Record<string, string>>;
  /** false replaces the whole map; true (DingTalk's updateCardDataByKey) merges the given keys. */
  byKey: boolean;
  privateByKey: boolean;
  source: CardUpdate['source'];
}

export type CardStore = ReturnType<typeof createCardStore>;

export function createCardStore({ now }: { now: () => number }) {
  const cards = new Map<string, SandboxCard>();

  return {
    get: (outTrackId: string) => cards.get(outTrackId),
    list: (): SandboxCard[] => [...cards.values()],

    /** Null when the outTrackId is taken. */
    create(input: Pick<SandboxCard, 'outTrackId' | 'cardTemplateId' | 'cardParamMap' | 'privateData' | 'callbackType' | 'callbackRouteKey'>): SandboxCard | null {
      if (cards.has(input.outTrackId)) return null;
      const at = now();
      const card: SandboxCard = { ...input, deliveries: [], updates: [], clicks: [], createdAt: at, updatedAt: at };
      cards.set(card.outTrackId, card);
      return card;
    },

    addDelivery(card: SandboxCard, delivery: Omit<CardDelivery, 'at'>): CardDelivery {
      const entry = { ...delivery, at: now() };
      card.deliveries.push(entry);
      return entry;
    },

    update(card: SandboxCard, change: CardChange): void {
      const cardParamMap = change.cardParamMap ?? {};
      card.cardParamMap = change.byKey ? { ...card.cardParamMap, ...cardParamMap } : { ...cardParamMap };
      for (const [userId, data] of Object.entries(change.privateData ?? {})) {
        card.privateData[userId] = change.privateByKey ? { ...card.privateData[userId], ...data } : { ...data };
      }
      card.updatedAt = now();
      card.updates.push({ at: card.updatedAt, source: change.source, cardParamMap, privateData: change.privateData ?? {} });
    },

    recordClick(card: SandboxCard, click: Omit<CardClick, 'at'>): void {
      card.clicks.push({ ...click, at: now() });
    },
  };
}
