/** Alertmanager webhook bodies as a stock Alertmanager sends them, for the alerts tests of every tier. */

export interface TestAlert {
  status?: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  endsAt?: string;
}

/** An Alertmanager webhook (version 4) body carrying these alerts. */
export function alertmanagerPayload(alerts: TestAlert[]) {
  const status = alerts.some((alert) => (alert.status ?? 'firing') === 'firing') ? 'firing' : 'resolved';
  return {
    version: '4',
    groupKey: '{}:{alertname="test"}',
    truncatedAlerts: 0,
    status,
    receiver: 'dingops',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts: alerts.map((alert) => ({
      status: alert.status ?? 'firing',
      labels: alert.labels,
      annotations: alert.annotations ?? { summary: `${alert.labels.alertname ?? 'alert'} on ${alert.labels.instance ?? '?'}` },
      startsAt: '2026-11-28T07:59:00Z',
      endsAt: alert.endsAt ?? (alert.status === 'resolved' ? '2026-11-28T08:00:00Z' : '0001-01-01T00:00:00Z'),
      generatorURL: 'http://prometheus.example:9090/graph',
    })),
  };
}
