// What the sandbox remembers about each event and callback it pushed: the payloads per
// transport, every delivery attempt and where it stands, for tests and the console.

export type Transport = 'stream' | 'http';
export type DeliveryMode = 'stream' | 'http' | 'both';

/**
 * - `pending`: waiting to go out (no connection yet, no callback URL yet, or a retry is due).
 * - `delivered`: sent, waiting for the ACK or the HTTP answer.
 * - `acked`: the app confirmed it (Stream SUCCESS / ACK, or the encrypted "success" reply).
 * - `failed`: given up (callbacks are never retried; events after the last retry).
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'acked' | 'failed';

export interface DeliveryAttempt {
  transport: Transport;
  at: number;
  /** `sent` until answered; then what came back. */
  outcome: 'sent' | 'acked' | 'later' | 'timeout' | 'closed' | 'dropped' | 'refused' | 'error';
  /** Stream frame id (a new one for each attempt). */
  messageId?: string;
  connectionId?: string;
  url?: string;
  detail?: string;
  answeredAt?: number;
}

export interface EventRecord {
  /** The eventId for events; a sandbox id for callbacks. */
  id: string;
  kind: 'event' | 'callback';
  eventId: string | null;
  eventType: string | null;
  /** `*` for events, the callback topic otherwise. */
  topic: string;
  corpId: string;
  bornAt: number;
  /** The Stream `data` object (camelCase for org events). */
  data: unknown;
  /** The HTTP body before encryption (PascalCase envelope for org events). */
  httpBody: unknown;
  transports: Transport[];
  delivery: Partial<Record<Transport, DeliveryStatus>>;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** Callbacks: the app's answer (the ACK's `response`, or the HTTP body). */
  response: unknown;
}

export interface EventFilter {
  kind?: 'event' | 'callback';
  eventType?: string;
  topic?: string;
  status?: DeliveryStatus;
}

/** Finished records beyond this count are forgotten, oldest first. */
const maxRecords = 1000;

export function transportsOf(mode: DeliveryMode): Transport[] {
  return mode === 'both' ? ['stream', 'http'] : [mode];
}

/** Overall status across transports: acked only when every transport acked. */
export function overallStatus(record: Pick<EventRecord, 'transports' | 'delivery'>): DeliveryStatus {
  const statuses = record.transports.map((transport) => record.delivery[transport] ?? 'pending');
  if (statuses.every((status) => status === 'acked')) return 'acked';
  if (statuses.includes('pending')) return 'pending';
  if (statuses.includes('delivered')) return 'delivered';
  return 'failed';
}

export function createEventRecords() {
  const records = new Map<string, EventRecord>();

  function prune() {
    if (records.size <= maxRecords) return;
    for (const [id, record] of records) {
      if (records.size <= maxRecords) break;
      if (record.status === 'acked' || record.status === 'failed') records.delete(id);
    }
  }

  return {
    add(record: EventRecord) {
      records.set(record.id, record);
      prune();
    },
    get: (id: string) => records.get(id),
    /** Snapshots in publishing order. */
    list(filter: EventFilter = {}): EventRecord[] {
      return [...records.values()]
        .filter((r) => (!filter.kind || r.kind === filter.kind) && (!filter.eventType || r.eventType === filter.eventType))
        .filter((r) => (!filter.topic || r.topic === filter.topic) && (!filter.status || r.status === filter.status))
        .map((r) => structuredClone(r));
    },
    setStatus(record: EventRecord, transport: Transport, status: DeliveryStatus) {
      record.delivery[transport] = status;
      record.status = overallStatus(record);
    },
  };
}
