import type { Logger } from 'pino';
import type { SandboxApp } from '../types';
import type { createEventRecords, DeliveryAttempt, EventRecord, Transport } from './event-records';
import type { EventBusSettings } from './event-settings';

/** What the Stream and HTTP deliveries share: the record store, the clock and the retry timers. */
export type DeliveryContext = ReturnType<typeof createDeliveryContext>;

export function createDeliveryContext({ app, now, settings, log, records }: { app: SandboxApp; now: () => number; settings: EventBusSettings; log?: Logger; records: ReturnType<typeof createEventRecords> }) {
  const timers = new Set<NodeJS.Timeout>();
  return {
    app,
    now,
    settings,
    log,
    records,

    /** Runs `run` after `ms`, unless closed first; never keeps the process alive. */
    later(ms: number, run: () => void) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timer.unref();
      timers.add(timer);
    },

    attempt(record: EventRecord, entry: Omit<DeliveryAttempt, 'at'>): DeliveryAttempt {
      const added: DeliveryAttempt = { at: now(), ...entry };
      record.attempts.push(added);
      return added;
    },

    answer(entry: DeliveryAttempt, outcome: DeliveryAttempt['outcome'], detail?: string) {
      entry.outcome = outcome;
      entry.answeredAt = now();
      if (detail) entry.detail = detail;
    },

    attemptsOver: (record: EventRecord, transport: Transport) => record.attempts.filter((a) => a.transport === transport).length,

    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
