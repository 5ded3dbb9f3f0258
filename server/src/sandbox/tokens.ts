import { randomBytes } from 'node:crypto';

/** DingTalk app access tokens live 7200 s. */
export const tokenLifetimeSeconds = 7200;

interface IssuedToken {
  token: string;
  appKey: string;
  expiresAt: number;
}

export type TokenStore = ReturnType<typeof createTokenStore>;

/**
 * App access tokens, per app key. As on DingTalk, asking again while a token is valid returns the
 * same token with its lifetime extended; after expiry a new one is issued.
 */
export function createTokenStore({ now }: { now: () => number }) {
  const byToken = new Map<string, IssuedToken>();
  const byAppKey = new Map<string, IssuedToken>();

  const isValid = (issued: IssuedToken) => now() < issued.expiresAt;

  return {
    issue(appKey: string): { token: string; expiresInSeconds: number } {
      let issued = byAppKey.get(appKey);
      if (!issued || !isValid(issued)) {
        if (issued) byToken.delete(issued.token);
        issued = { token: randomBytes(16).toString('hex'), appKey, expiresAt: 0 };
        byAppKey.set(appKey, issued);
        byToken.set(issued.token, issued);
      }
      issued.expiresAt = now() + tokenLifetimeSeconds * 1000;
      return { token: issued.token, expiresInSeconds: tokenLifetimeSeconds };
    },

    /** The app key a token belongs to, or null when it is unknown or expired. */
    resolve(token: string | undefined): string | null {
      if (!token) return null;
      const issued = byToken.get(token);
      return issued && isValid(issued) ? issued.appKey : null;
    },

    /** Forget every token, as after a secret rotation; clients must fetch new ones. */
    revokeAll(): void {
      byToken.clear();
      byAppKey.clear();
    },
  };
}
