import { randomBytes } from 'node:crypto';

/** Micro-app login codes are valid for 5 minutes and work once. */
export const authCodeLifetimeMs = 5 * 60 * 1000;

export type AuthCodeStore = ReturnType<typeof createAuthCodeStore>;

/** The "log in as" side of the sandbox: what `dd.requestAuthCode` hands a page inside DingTalk. */
export function createAuthCodeStore({ now }: { now: () => number }) {
  const codes = new Map<string, { userId: string; expiresAt: number }>();

  function dropExpired() {
    const at = now();
    for (const [code, entry] of codes) if (entry.expiresAt <= at) codes.delete(code);
  }

  return {
    issue(userId: string): { authCode: string; expiresAt: number } {
      dropExpired();
      const authCode = randomBytes(16).toString('hex');
      const expiresAt = now() + authCodeLifetimeMs;
      codes.set(authCode, { userId, expiresAt });
      return { authCode, expiresAt };
    },

    /** The user a code was issued to; null when unknown, used or expired. A code works once. */
    consume(authCode: string): string | null {
      const entry = codes.get(authCode);
      codes.delete(authCode);
      return entry && now() < entry.expiresAt ? entry.userId : null;
    },
  };
}
