// Fault injection for every DingTalk-shaped endpoint of the sandbox: random errors, added latency,
// throttling answers and dropped connections. Tests and the console set them; the Stream gateway
// reads `dropConnections` and `latencyMs` through `get()`.

export interface FaultSettings {
  /** Share of requests (0–1) answered with a server error instead. */
  errorRate: number;
  /** Delay added before every answer. */
  latencyMs: number;
  /** Answer every request with the API's throttling error. */
  throttle: boolean;
  /** Close sockets without answering. */
  dropConnections: boolean;
}

export interface FaultInput extends Partial<FaultSettings> {
  /** Throttle only this long, then answer normally again. */
  throttleForMs?: number;
}

/** What the fault hook does to one request. */
export type FaultDecision = 'drop' | 'throttle' | 'error' | null;

const none: FaultSettings = { errorRate: 0, latencyMs: 0, throttle: false, dropConnections: false };

/** How many answers the fault injection gave since the sandbox started, by kind. */
export interface InjectedCounts {
  throttle: number;
  error: number;
  drop: number;
}

export type FaultStore = ReturnType<typeof createFaultStore>;

export function createFaultStore({ now, random = Math.random, initial }: { now: () => number; random?: () => number; initial?: FaultInput }) {
  let settings: FaultSettings = { ...none };
  let throttleUntil: number | null = null;
  const injected: InjectedCounts = { throttle: 0, error: 0, drop: 0 };

  const isThrottling = () => settings.throttle && (throttleUntil === null || now() < throttleUntil);

  function set(input: FaultInput): void {
    const { throttleForMs, ...rest } = input;
    settings = { ...none, ...rest };
    throttleUntil = settings.throttle && throttleForMs !== undefined ? now() + throttleForMs : null;
  }
  if (initial) set(initial);

  return {
    /** The faults in force now (a timed throttle that ran out reads as off). */
    get(): FaultSettings & { throttleUntil: string | null } {
      const throttling = isThrottling();
      return { ...settings, throttle: throttling, throttleUntil: throttling && throttleUntil !== null ? new Date(throttleUntil).toISOString() : null };
    },

    /** Replace the faults: anything not given is off. */
    set,

    reset(): void {
      settings = { ...none };
      throttleUntil = null;
    },

    decide(): FaultDecision {
      if (settings.dropConnections) return 'drop';
      if (isThrottling()) return 'throttle';
      if (settings.errorRate > 0 && random() < settings.errorRate) return 'error';
      return null;
    },

    /** Count one injected answer (the settings' reset keeps the counts: they say what happened). */
    countInjected(decision: Exclude<FaultDecision, null>): void {
      injected[decision] += 1;
    },

    injectedCounts: (): InjectedCounts => ({ ...injected }),

    /** Pick one of two answers at random (e.g. HTTP 500 or 503). */
    coin: () => random() < 0.5,
  };
}
