export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

export interface TokenCache {
  /** The cached token, or a fresh one; concurrent callers share one fetch. */
  get(): Promise<string>;
  /** Forget `token` if it is still the cached one (a call was refused with it). */
  invalidate(token: string): void;
}

/** Refresh this long before DingTalk's expiry, as the official Stream SDKs do. */
const refreshMarginMs = 5 * 60 * 1000;

/**
 * App access tokens live 7200 s and are per app. One cache per client: the token is reused until
 * five minutes before expiry, and a burst of callers triggers a single fetch.
 */
export function createTokenCache({ fetchToken, now = Date.now }: { fetchToken: () => Promise<FetchedToken>; now?: () => number }): TokenCache {
  let cached: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  function startFetch(): Promise<string> {
    const fetching = (async () => {
      const { token, expiresInSeconds } = await fetchToken();
      const lifetimeMs = expiresInSeconds * 1000;
      // A lifetime shorter than twice the margin (never seen from DingTalk) still gets half its life.
      const margin = Math.min(refreshMarginMs, lifetimeMs / 2);
      cached = { token, refreshAt: now() + lifetimeMs - margin };
      return token;
    })();
    inFlight = fetching;
    const clear = () => {
      if (inFlight === fetching) inFlight = null;
    };
    fetching.then(clear, clear);
    return fetching;
  }

  return {
    get() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      return inFlight ?? startFetch();
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
