/**
 * Uptime Kuma webhook bodies (Request Body: application/json) as Uptime Kuma 1.23 and 2.x send them:
 * the heartbeat that changed the monitor's state, the monitor in full (most of it DingOps ignores),
 * and the line Uptime Kuma sends every notifier. For the alerts tests of every tier.
 */

export interface KumaBeat {
  /** 0 down, 1 up, 2 pending, 3 maintenance. */
  status: 0 | 1 | 2 | 3;
  msg: string;
  time?: string;
}

export function kumaMonitor(overrides: Record<string, unknown> = {}) {
  return {
    id: 7,
    name: 'ERP 门户',
    description: null,
    pathName: '生产 / ERP 门户',
    parent: 3,
    childrenIDs: [],
    url: 'https://erp.example.com/health',
    method: 'GET',
    hostname: null,
    port: null,
    maxretries: 1,
    weight: 2000,
    active: true,
    forceInactive: false,
    type: 'http',
    timeout: 48,
    interval: 60,
    retryInterval: 60,
    resendInterval: 0,
    keyword: null,
    invertKeyword: false,
    expiryNotification: false,
    ignoreTls: false,
    upsideDown: false,
    packetSize: 56,
    maxredirects: 10,
    accepted_statuscodes: ['200-299'],
    dns_resolve_type: 'A',
    dns_resolve_server: '1.1.1.1',
    dns_last_result: null,
    docker_container: '',
    docker_host: null,
    proxyId: null,
    notificationIDList: { '1': true },
    tags: [
      { id: 3, monitor_id: 7, tag_id: 1, name: 'service', value: 'erp', color: '#2563EB' },
      { id: 4, monitor_id: 7, tag_id: 2, name: 'severity', value: 'critical', color: '#DC2626' },
      { id: 5, monitor_id: 7, tag_id: 3, name: '生产', value: '', color: '#059669' },
    ],
    maintenance: false,
    mqttTopic: '',
    mqttSuccessMessage: '',
    databaseQuery: null,
    authMethod: null,
    grpcUrl: null,
    grpcEnableTls: false,
    radiusCalledStationId: null,
    game: null,
    httpBodyEncoding: 'json',
    jsonPath: null,
    expectedValue: null,
    kafkaProducerTopic: null,
    includeSensitiveData: false,
    ...overrides,
  };
}

/** A state-change notification: `[name] [🔴 Down] msg` or `[name] [✅ Up] msg`. */
export function uptimeKumaPayload(beat: KumaBeat, monitor = kumaMonitor()) {
  const time = beat.time ?? '2026-11-28 07:59:00.123';
  const word = ['🔴 Down', '✅ Up', '🟠 Pending', '🔵 Maintenance'][beat.status];
  return {
    heartbeat: {
      monitorID: monitor.id,
      status: beat.status,
      time,
      msg: beat.msg,
      ping: beat.status === 1 ? 42 : null,
      important: true,
      duration: 60,
      retries: 0,
      downCount: 0,
      timezone: 'Asia/Shanghai',
      timezoneOffset: '+08:00',
      localDateTime: '2026-11-28 15:59:00',
    },
    monitor,
    msg: `[${monitor.name}] [${word}] ${beat.msg}`,
  };
}

/** What the notification's Test button sends. */
export const uptimeKumaTestPayload = { heartbeat: null, monitor: null, msg: 'DingOps Testing' };
