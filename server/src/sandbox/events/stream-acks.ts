import type { UpstreamFrame } from './stream-frames';

export type SendOutcome = { outcome: 'ack'; frame: UpstreamFrame } | { outcome: 'sent' | 'timeout' | 'closed' | 'dropped' };

interface PendingAck {
  connectionId: string;
  resolve(outcome: SendOutcome): void;
  timer: NodeJS.Timeout;
}

/**
 * Frames waiting for their ACK, by messageId (from whichever connection of the app it comes), and
 * the gateway's timers: none keeps the process alive, and close() stops them all.
 */
export function createStreamAcks() {
  const pending = new Map<string, PendingAck>();
  const timers = new Set<NodeJS.Timeout>();

  function later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    timers.add(timer);
    return timer;
  }

  function settle(messageId: string, waiting: PendingAck, outcome: SendOutcome) {
    pending.delete(messageId);
    clearTimeout(waiting.timer);
    timers.delete(waiting.timer);
    waiting.resolve(outcome);
  }

  return {
    later,

    /** Resolves with the ACK, or `timeout` after `timeoutMs`. */
    wait(messageId: string, connectionId: string, timeoutMs: number): Promise<SendOutcome> {
      return new Promise<SendOutcome>((resolve) => {
        const timer = later(timeoutMs, () => {
          pending.delete(messageId);
          resolve({ outcome: 'timeout' });
        });
        pending.set(messageId, { connectionId, resolve, timer });
      });
    },

    /** An ACK came in; a late or duplicate one is ignored. */
    acked(messageId: string, frame: UpstreamFrame) {
      const waiting = pending.get(messageId);
      if (waiting) settle(messageId, waiting, { outcome: 'ack', frame });
    },

    /** The connection closed: what it still owed ends `closed`. */
    closed(connectionId: string) {
      for (const [messageId, waiting] of pending) if (waiting.connectionId === connectionId) settle(messageId, waiting, { outcome: 'closed' });
    },

    awaiting: (connectionId: string) => [...pending.values()].filter((p) => p.connectionId === connectionId).length,

    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
