export interface LoggedRequest {
  method: string;
  /** Path without the query string (which may carry an access token). */
  path: string;
  at: number;
}

export type RequestLog = ReturnType<typeof createRequestLog>;

/** Keep the most recent requests for tests and, later, the console's traffic view. */
const maxEntries = 1000;

/** Every request the sandbox received, so tests can assert how a client talked to "DingTalk". */
export function createRequestLog({ now }: { now: () => number }) {
  const counts = new Map<string, number>();
  const recent: LoggedRequest[] = [];
  const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

  return {
    record(method: string, path: string): void {
      counts.set(key(method, path), (counts.get(key(method, path)) ?? 0) + 1);
      recent.push({ method: method.toUpperCase(), path, at: now() });
      if (recent.length > maxEntries) recent.shift();
    },

    /** How many requests hit `METHOD path` since start (or the last reset). */
    count(method: string, path: string): number {
      return counts.get(key(method, path)) ?? 0;
    },

    recent: (): readonly LoggedRequest[] => [...recent],

    reset(): void {
      counts.clear();
      recent.length = 0;
    },
  };
}
