import type { AlertmanagerPayload, GenericPayload, GrafanaPayload } from '@dingops/shared/alerts';
import { fingerprintOf } from '@dingops/shared/rules/alert-grouping';

/** One alert in DingOps' own terms, whichever monitor sent it. */
export interface NormalizedAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
  generatorUrl: string | null;
}

/** Alertmanager writes "0001-01-01T00:00:00Z" for "no end"; anything unreadable counts as absent. */
function dateOf(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 ? null : date;
}

/** Grafana's valueString is cut by characters (not UTF-16 units): half an emoji is a lone surrogate, which jsonb refuses. */
export function fromAlertmanager(payload: AlertmanagerPayload | GrafanaPayload, now: Date): NormalizedAlert[] {
  return payload.alerts.map((alert) => {
    const valueString = 'valueString' in alert ? alert.valueString : undefined;
    const annotations = valueString && !alert.annotations.value ? { ...alert.annotations, value: [...valueString].slice(0, 500).join('') } : alert.annotations;
    return {
      fingerprint: alert.fingerprint || fingerprintOf(alert.labels),
      status: alert.status,
      labels: alert.labels,
      annotations,
      startsAt: dateOf(alert.startsAt) ?? now,
      endsAt: alert.status === 'resolved' ? (dateOf(alert.endsAt) ?? now) : null,
      generatorUrl: alert.generatorURL || null,
    };
  });
}

/** Scripts send a title and a severity; they become the alertname and severity labels so rules and grouping apply. */
export function fromGeneric(payload: GenericPayload, now: Date): NormalizedAlert[] {
  const list = 'alerts' in payload ? payload.alerts : [payload];
  return list.map((alert) => {
    const labels: Record<string, string> = { alertname: alert.title, ...alert.labels };
    if (alert.severity) labels.severity = labels.severity ?? alert.severity;
    if (alert.source) labels.source = labels.source ?? alert.source;
    const annotations: Record<string, string> = { summary: alert.title, ...alert.annotations };
    if (alert.value) annotations.value = alert.value;
    return {
      fingerprint: alert.dedupKey || alert.fingerprint || fingerprintOf(labels),
      status: alert.status,
      labels,
      annotations,
      startsAt: dateOf(alert.startsAt) ?? now,
      endsAt: alert.status === 'resolved' ? now : null,
      generatorUrl: null,
    };
  });
}

/** Within one request the last word on a fingerprint wins (one row per alert in the batch upsert). */
export function dedupeByFingerprint(list: NormalizedAlert[]): NormalizedAlert[] {
  const byFingerprint = new Map<string, NormalizedAlert>();
  for (const alert of list) byFingerprint.set(alert.fingerprint, alert);
  return [...byFingerprint.values()];
}
