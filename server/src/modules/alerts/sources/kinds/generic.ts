import { genericPayloadSchema, type GenericPayload } from '@dingops/shared/alerts';
import { fingerprintOf } from '@dingops/shared/rules/alert-grouping';
import { dateOf, type NormalizedAlert } from '../../alerts.normalize';
import { webhookSource } from '../webhook-source';

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

export const genericSource = webhookSource({
  kind: 'generic',
  summary: 'Generic JSON alerts from scripts and other monitors',
  payload: genericPayloadSchema,
  normalize: fromGeneric,
});
