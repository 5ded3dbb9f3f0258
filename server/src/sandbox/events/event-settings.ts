import type { DeliveryMode } from './event-records';

// How the sandbox pushes events and callbacks to the app, and the timeouts of that delivery.

export interface EventDeliveryConfig {
  mode: DeliveryMode;
  /** The app's event callback URL (HTTP mode), posted encrypted. */
  callbackUrl: string | null;
  /** The robot's message URL (HTTP mode), posted with timestamp/sign headers. */
  robotUrl: string | null;
  /** Where card clicks are posted (HTTP mode). */
  cardCallbackUrl: string | null;
  /** Callback token and EncodingAESKey, as set in DingTalk's developer console. */
  token: string | null;
  aesKey: string | null;
}

export interface EventBusSettings {
  /** An EVENT not ACKed within this time is sent again. DingTalk: about 60 s. */
  ackTimeoutMs: number;
  /** Pause before sending an EVENT again after the app answered LATER. */
  laterRetryMs: number;
  /** How long a CALLBACK waits for its ACK before the publisher gets null. */
  callbackTimeoutMs: number;
  /** Stream deliveries of one event before it is marked failed. */
  maxStreamAttempts: number;
  /** Timeout of one HTTP push. */
  httpTimeoutMs: number;
  /** Waits between HTTP retries of an event; one retry per entry, then failed. */
  httpRetryDelaysMs: number[];
  /** SYSTEM ping interval per Stream connection. */
  pingIntervalMs: number;
  /** Time between a `disconnect` notice and closing the socket. DingTalk: about 10 s. */
  disconnectGraceMs: number;
}

export const defaultEventBusSettings: EventBusSettings = {
  ackTimeoutMs: 60_000,
  laterRetryMs: 60_000,
  callbackTimeoutMs: 10_000,
  maxStreamAttempts: 10,
  httpTimeoutMs: 3_000,
  httpRetryDelaysMs: [1_000, 5_000, 30_000, 120_000, 600_000],
  pingIntervalMs: 30_000,
  disconnectGraceMs: 10_000,
};

/** Sandbox options for pushing events and callbacks to the app. */
export interface SandboxEventOptions {
  /** Initial delivery settings; `PUT /sandbox/api/event-delivery` changes them later. */
  delivery?: Partial<EventDeliveryConfig>;
  /** Timeouts and retry waits; tests shrink them. */
  settings?: Partial<EventBusSettings>;
  /** Lifetime of a robot message's sessionWebhook. Default 90 minutes. */
  sessionWebhookLifetimeMs?: number;
}

export const defaultEventDelivery: EventDeliveryConfig = { mode: 'stream', callbackUrl: null, robotUrl: null, cardCallbackUrl: null, token: null, aesKey: null };

/** Refuse an EncodingAESKey the callback crypto could not use. */
export function validDelivery(config: EventDeliveryConfig): EventDeliveryConfig {
  if (config.aesKey !== null && !/^[A-Za-z0-9+/]{43}$/.test(config.aesKey)) throw new TypeError('aesKey must be 43 Base64 characters');
  return config;
}
