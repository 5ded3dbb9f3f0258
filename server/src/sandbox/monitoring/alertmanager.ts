import { alertmanagerWebhook, sampleAlerts, type SampleAlertKey } from './sample-alerts';

/** Where the sandbox's Alertmanager posts: DingOps's webhook and the source token it was given. */
export interface AlertReceiver {
  url: string;
  token: string;
  registeredAt: string;
}

/** One webhook the sandbox sent, and what the receiver answered. */
export interface SentAlert {
  at: string;
  sample: SampleAlertKey;
  status: 'firing' | 'resolved';
  outcome: 'delivered' | 'refused' | 'unreachable';
  httpStatus: number | null;
  detail: string | null;
}

const keptSends = 20;

/**
 * The sandbox's stand-in for a company's Prometheus Alertmanager: it fires and resolves the sample
 * alerts at the receiver configured for it, the way a `webhook_configs` entry would, and keeps a
 * short record of what it sent. State lives in memory, like the rest of the sandbox.
 */
export function createSandboxAlertmanager({ now, timeoutMs = 5000 }: { now: () => number; timeoutMs?: number }) {
  let receiver: AlertReceiver | null = null;
  const firingSince = new Map<SampleAlertKey, number>();
  const sent: SentAlert[] = [];

  function record(entry: SentAlert): SentAlert {
    sent.unshift(entry);
    sent.length = Math.min(sent.length, keptSends);
    return entry;
  }

  return {
    receiver: () => receiver,
    configure(next: { url: string; token: string }): AlertReceiver {
      receiver = { ...next, registeredAt: new Date(now()).toISOString() };
      return receiver;
    },
    /** Forget the receiver, as a restarted sandbox would. */
    disconnect() {
      receiver = null;
    },
    isFiring: (key: SampleAlertKey) => firingSince.has(key),
    view() {
      return {
        receiver: receiver ? { url: receiver.url, registeredAt: receiver.registeredAt } : null,
        samples: sampleAlerts.map((sample) => {
          const since = firingSince.get(sample.key);
          return { key: sample.key, labels: sample.labels, summary: sample.annotations.summary, firingSince: since === undefined ? null : new Date(since).toISOString() };
        }),
        sent: [...sent],
      };
    },

    /** Posts the sample's webhook; null when no receiver is configured. A resend while firing keeps its start. */
    async send({ key, status, externalUrl }: { key: SampleAlertKey; status: 'firing' | 'resolved'; externalUrl: string }): Promise<SentAlert | null> {
      if (!receiver) return null;
      const sample = sampleAlerts.find((candidate) => candidate.key === key)!;
      const at = now();
      const startsAt = new Date(firingSince.get(key) ?? at);
      const body = alertmanagerWebhook({ sample, status, startsAt, now: new Date(at), externalUrl });
      const base = { at: new Date(at).toISOString(), sample: key, status };
      try {
        const response = await fetch(receiver.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${receiver.token}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        if (!response.ok) return record({ ...base, outcome: 'refused', httpStatus: response.status, detail: text.slice(0, 300) });
        if (status === 'firing') firingSince.set(key, startsAt.getTime());
        else firingSince.delete(key);
        return record({ ...base, outcome: 'delivered', httpStatus: response.status, detail: null });
      } catch (error) {
        // fetch names the network error only in its cause (ECONNREFUSED, a timeout).
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})` : '';
        return record({ ...base, outcome: 'unreachable', httpStatus: null, detail: `${error instanceof Error ? error.message : String(error)}${cause}` });
      }
    },
  };
}

export type SandboxAlertmanager = ReturnType<typeof createSandboxAlertmanager>;
