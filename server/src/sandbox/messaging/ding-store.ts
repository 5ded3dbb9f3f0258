import { randomBytes } from 'node:crypto';

/** One DING (钉一下) as the sandbox keeps it: who rang whom, how, and with what text. */
export interface StoredDing {
  openDingId: string;
  robotCode: string;
  senderName: string;
  receiverUserIds: string[];
  content: string;
  /** 1 in the app, 2 by SMS, 3 by phone call. */
  remindType: 1 | 2 | 3;
  createdAt: number;
}

export type DingStore = ReturnType<typeof createDingStore>;

export function createDingStore({ now }: { now: () => number }) {
  const dings: StoredDing[] = [];
  return {
    add(input: Omit<StoredDing, 'openDingId' | 'createdAt'>): StoredDing {
      const ding: StoredDing = { ...input, openDingId: `ding${randomBytes(12).toString('hex')}`, createdAt: now() };
      dings.push(ding);
      return ding;
    },
    listFor: (userId: string): StoredDing[] => dings.filter((ding) => ding.receiverUserIds.includes(userId)),
  };
}
