import { randomBytes } from 'node:crypto';

// A robot message carries a `sessionWebhook`: a URL that takes one reply into the same
// conversation, with no token, until `sessionWebhookExpiredTime`. DingTalk's samples show 90 and
// 20 minutes; the sandbox uses 90 unless told otherwise.

export const defaultSessionLifetimeMs = 90 * 60 * 1000;

export interface RobotSession {
  session: string;
  /** openConversationId of the group, or the 1:1 conversation id. */
  conversationId: string;
  conversationType: '1' | '2';
  /** Who wrote to the robot. */
  userId: string;
  robotCode: string;
  expiresAt: number;
}

export type RobotSessions = ReturnType<typeof createRobotSessions>;

export function createRobotSessions({ now, lifetimeMs = defaultSessionLifetimeMs }: { now: () => number; lifetimeMs?: number }) {
  const sessions = new Map<string, RobotSession>();

  return {
    lifetimeMs,

    /** A session for a message created at `createdAt` (the message's `createAt`). */
    open({ createdAt, ...input }: Omit<RobotSession, 'session' | 'expiresAt'> & { createdAt: number }): RobotSession {
      for (const [key, entry] of sessions) if (entry.expiresAt <= now()) sessions.delete(key);
      const session: RobotSession = { ...input, session: randomBytes(16).toString('hex'), expiresAt: createdAt + lifetimeMs };
      sessions.set(session.session, session);
      return session;
    },

    /** The live session, or null when unknown or past its expiry. */
    resolve(session: string): RobotSession | null {
      const entry = sessions.get(session);
      return entry && entry.expiresAt > now() ? entry : null;
    },
  };
}
