import { grafanaPayloadSchema } from '@dingops/shared/alerts';
import { webhookSource } from '../webhook-source';
import { fromAlertmanager } from './alertmanager';

/** Grafana posts the Alertmanager shape, so the Alertmanager normaliser reads it (its valueString included). */
export const grafanaSource = webhookSource({
  kind: 'grafana',
  summary: 'Grafana unified alerting webhook',
  payload: grafanaPayloadSchema,
  normalize: fromAlertmanager,
});
