import { alertmanagerPayloadSchema, type AlertmanagerPayload, type GrafanaPayload } from '@dingops/shared/alerts';
import { fingerprintOf } from '@dingops/shared/rules/alert-grouping';
import { dateOf, type NormalizedAlert } from '../../alerts.normalize';
import { webhookSource } from '../webhook-source';

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

export const alertmanagerSource = webhookSource({
  kind: 'alertmanager',
  summary: 'Prometheus Alertmanager webhook (payload version 4)',
  payload: alertmanagerPayloadSchema,
  normalize: fromAlertmanager,
});
