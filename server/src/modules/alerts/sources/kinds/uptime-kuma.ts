import { uptimeKumaPayloadSchema, type UptimeKumaPayload } from '@dingops/shared/alerts';
import { fingerprintOf } from '@dingops/shared/rules/alert-grouping';
import { dateOf, type NormalizedAlert } from '../../alerts.normalize';
import { webhookSource } from '../webhook-source';

type Monitor = NonNullable<UptimeKumaPayload['monitor']>;

/** Heartbeat status → alert status. Pending (2, retrying before "down") and maintenance (3) page nobody: no alert. */
const statusOf: Partial<Record<number, NormalizedAlert['status']>> = { 0: 'firing', 1: 'resolved' };

/** Uptime Kuma writes heartbeat times in UTC without a zone (`2026-11-28 07:59:00.123`); an ISO time with a zone is read as it is. */
function heartbeatTimeOf(value: string | undefined): Date | null {
  const bare = value?.trim().match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/);
  return dateOf(bare ? `${bare[1]}T${bare[2]}Z` : value);
}

/** Cut by characters (not UTF-16 units), so an emoji is never halved into a lone surrogate. */
const cut = (text: string, length: number) => [...text].slice(0, length).join('');

/** The host of an HTTP monitor's URL; Uptime Kuma fills `url` with "https://" for monitors of other types. */
function urlHostOf(url: string | null | undefined): string | null {
  return url && URL.canParse(url) ? new URL(url).host || null : null;
}

/** The host a monitor checks: its hostname (ping, port, DNS …), else the host of its URL. */
function instanceOf(monitor: Monitor): string | null {
  if (monitor.hostname) return monitor.port ? `${monitor.hostname}:${monitor.port}` : monitor.hostname;
  return urlHostOf(monitor.url);
}

/** The monitor's name is the alertname (the card's title); a tag with a value (`severity: critical`, `service: erp`) is a label, so rules and grouping apply. */
function labelsOf(monitor: Monitor): Record<string, string> {
  const labels: Record<string, string> = { alertname: monitor.name, monitor_id: String(monitor.id) };
  if (monitor.type) labels.monitor_type = monitor.type;
  const instance = instanceOf(monitor);
  if (instance) labels.instance = instance;
  for (const tag of monitor.tags ?? []) if (tag.value) labels[tag.name] = tag.value;
  return labels;
}

function annotationsOf({ heartbeat, monitor, msg }: UptimeKumaPayload & { monitor: Monitor }): Record<string, string> {
  const annotations: Record<string, string> = {};
  const summary = heartbeat?.msg || msg;
  if (summary) annotations.summary = cut(summary, 1000);
  if (monitor.description) annotations.description = cut(monitor.description, 1000);
  if (monitor.url && urlHostOf(monitor.url)) annotations.url = monitor.url;
  const bareTags = (monitor.tags ?? []).filter((tag) => !tag.value).map((tag) => tag.name);
  if (bareTags.length > 0) annotations.tags = bareTags.join(', ');
  return annotations;
}

/**
 * One alert per monitor: its fingerprint is the monitor's id, so "down" and the "up" after it (even
 * after a rename) are the same alert. Uptime Kuma says when a monitor went up, not when it went down,
 * so a resolved alert starts and ends at the "up" heartbeat (as a generic resolve without startsAt).
 * A test notification, and a pending or maintenance heartbeat, carry no alert.
 */
export function fromUptimeKuma(payload: UptimeKumaPayload, now: Date): NormalizedAlert[] {
  const { heartbeat, monitor } = payload;
  const status = heartbeat ? statusOf[heartbeat.status] : undefined;
  if (!heartbeat || !monitor || !status) return [];
  const at = heartbeatTimeOf(heartbeat.time) ?? now;
  return [
    {
      fingerprint: fingerprintOf({ uptime_kuma_monitor: String(monitor.id) }),
      status,
      labels: labelsOf(monitor),
      annotations: annotationsOf({ ...payload, monitor }),
      startsAt: at,
      endsAt: status === 'resolved' ? at : null,
      generatorUrl: null,
    },
  ];
}

export const uptimeKumaSource = webhookSource({
  kind: 'uptime-kuma',
  summary: 'Uptime Kuma webhook notification (application/json)',
  payload: uptimeKumaPayloadSchema,
  normalize: fromUptimeKuma,
});
