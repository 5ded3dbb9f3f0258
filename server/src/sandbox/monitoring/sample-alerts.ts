import { createHash } from 'node:crypto';

/** An alert the sandbox's Alertmanager can fire: one per level, as the demo story tells it. */
export interface SampleAlert {
  key: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export const sampleAlerts = [
  { key: 'erp-connections', labels: { alertname: 'ERPDatabaseConnectionsHigh', service: 'erp', instance: 'erp-db-01', severity: 'critical' }, annotations: { summary: 'ERP 数据库连接数过高', value: '962 / 1000' } },
  { key: 'nas-disk', labels: { alertname: 'NasDiskAlmostFull', service: 'fileserver', instance: 'nas-01', severity: 'warning' }, annotations: { summary: '共享盘 /data 使用率 92%' } },
  { key: 'backup-late', labels: { alertname: 'BackupJobLate', service: 'backup', instance: 'backup-01', severity: 'info' }, annotations: { summary: '夜间备份 02:00 前未完成' } },
] as const satisfies readonly SampleAlert[];

export type SampleAlertKey = (typeof sampleAlerts)[number]['key'];
export const sampleAlertKeys = sampleAlerts.map((sample) => sample.key) as [SampleAlertKey, ...SampleAlertKey[]];

/** Alertmanager's fingerprint is a hash of the label set; any stable hash of the sorted labels serves. */
export function fingerprintOf(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((name) => `${name}\u0000${labels[name]}`)
    .join('\u0001');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

const zeroTime = '0001-01-01T00:00:00Z';

/** The body a stock Alertmanager (webhook payload version 4) posts for one alert of one group. */
export function alertmanagerWebhook({ sample, status, startsAt, now, externalUrl }: { sample: SampleAlert; status: 'firing' | 'resolved'; startsAt: Date; now: Date; externalUrl: string }) {
  const groupLabels = { alertname: sample.labels.alertname ?? sample.key };
  return {
    version: '4',
    groupKey: `{}:{alertname="${groupLabels.alertname}"}`,
    truncatedAlerts: 0,
    status,
    receiver: 'dingops',
    groupLabels,
    commonLabels: sample.labels,
    commonAnnotations: sample.annotations,
    externalURL: externalUrl,
    alerts: [
      {
        status,
        labels: sample.labels,
        annotations: sample.annotations,
        startsAt: startsAt.toISOString(),
        endsAt: status === 'resolved' ? now.toISOString() : zeroTime,
        generatorURL: externalUrl,
        fingerprint: fingerprintOf(sample.labels),
      },
    ],
  };
}
