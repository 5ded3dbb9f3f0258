import type { Probe, ProbeResultPage } from '@dingops/shared/probes';
import { Button, Dialog, ErrorBlock, List, Tabs, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';
import { deleteProbe, getProbeResults, listProbes, runProbe, updateProbe } from '../api/probes';
import { useLoaded } from '../../../hooks/use-loaded';
import { shortTime } from '../utils/elapsed';
import { apiErrorText, showApiError } from '../utils/show-api-error';
import alertStyles from './alerts.module.css';
import { ProbeChart } from './probe-chart';
import { ProbeFormSheet } from './probe-form';
import { ProbeAlertTag, ProbeStatus } from './probe-status';
import styles from './probes.module.css';

const ranges = [24, 168] as const;
type Range = (typeof ranges)[number];

/** One probe: status, 立即探测, the 24 h / 7 d response-time chart with its summary, recent results; admins edit, disable, delete. */
export function ProbeDetail({ probeId, canEdit }: { probeId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const [hours, setHours] = useState<Range>(24);
  const [version, setVersion] = useState(0);
  const probe = useLoaded(async (signal) => (await listProbes(signal)).find((item) => item.id === probeId) ?? null, `${probeId}:${version}`);
  const results = useLoaded((signal) => getProbeResults(probeId, hours, signal), `${probeId}:${hours}:${version}`);
  const refresh = () => setVersion((count) => count + 1);

  if (probe.state.status === 'loading') return <PageLoading />;
  if (probe.state.status === 'failed') return <PageLoadFailed description={apiErrorText(probe.state.error)} onRetry={probe.reload} />;
  if (!probe.state.value) return <ErrorBlock status="empty" title={t('problem.alerts.probe_not_found')} description={null} data-testid="probe-error" />;
  const current = probe.state.value;

  return (
    <div data-testid="probe-detail">
      <ProbeHeader probe={current} canEdit={canEdit} onChanged={refresh} />
      <div className={alertStyles.card}>
        <Tabs activeKey={String(hours)} onChange={(key) => setHours(Number(key) as Range)}>
          {ranges.map((range) => (
            <Tabs.Tab key={String(range)} title={t(`probes.range.${range}`)} />
          ))}
        </Tabs>
        {results.state.status === 'ready' ? <ProbeResults page={results.state.value} slowMs={current.slowMs} /> : results.state.status === 'failed' ? <p className={alertStyles.error}>{apiErrorText(results.state.error)}</p> : <PageLoading />}
      </div>
    </div>
  );
}

function ProbeHeader({ probe, canEdit, onChanged }: { probe: Probe; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [running, setRunning] = useState(false);
  const [editing, setEditing] = useState(false);

  const runNow = async () => {
    setRunning(true);
    try {
      const { result } = await runProbe(probe.id);
      Toast.show({ content: t('probes.ran', { outcome: t(`probes.outcome.${result.outcome}`) }) });
      onChanged();
    } catch (error) {
      showApiError(error);
    } finally {
      setRunning(false);
    }
  };
  const toggle = async () => {
    if (probe.enabled && !(await Dialog.confirm({ content: t('probes.disableConfirm'), confirmText: t('probes.disable'), cancelText: t('common.cancel') }))) return;
    try {
      const { id: _id, ...rest } = probe;
      await updateProbe(probe.id, { name: rest.name, kind: rest.kind, target: rest.target, method: rest.method, expectedStatus: rest.expectedStatus, timeoutMs: rest.timeoutMs, slowMs: rest.slowMs, intervalSeconds: rest.intervalSeconds, failuresToAlert: rest.failuresToAlert, labels: rest.labels, enabled: !probe.enabled });
      Toast.show({ icon: 'success', content: t('probes.saved') });
      onChanged();
    } catch (error) {
      showApiError(error);
    }
  };
  const remove = async () => {
    if (!(await Dialog.confirm({ content: t('probes.deleteConfirm'), confirmText: t('probes.delete'), cancelText: t('common.cancel') }))) return;
    try {
      await deleteProbe(probe.id);
      Toast.show({ icon: 'success', content: t('probes.deleted') });
      void navigate(paths.alertProbes.getHref(), { replace: true });
    } catch (error) {
      showApiError(error);
    }
  };

  return (
    <>
      <div className={alertStyles.card}>
        <h2 className={alertStyles.cardTitle} data-testid="probe-name-title">
          {probe.name} <span className={`${alertStyles.tag} ${alertStyles.neutral}`}>{t(`probes.kind.${probe.kind}`)}</span>
        </h2>
        <p className={styles.target}>{probe.target}</p>
        <p className={alertStyles.rowLine}>
          <ProbeStatus outcome={probe.lastOutcome} enabled={probe.enabled} />
          <ProbeAlertTag probe={probe} />
          {probe.lastResponseMs === null ? null : <span data-testid="probe-detail-ms">{t('probes.ms', { ms: probe.lastResponseMs })}</span>}
          {probe.lastCheckedAt ? <span className={alertStyles.meta}>{shortTime(probe.lastCheckedAt)}</span> : null}
          <span className={alertStyles.meta}>{t('probes.every', { seconds: probe.intervalSeconds })}</span>
        </p>
        {probe.lastError ? <p className={alertStyles.reason}>{t('probes.lastError', { error: probe.lastError })}</p> : null}
      </div>
      <div className={alertStyles.actions}>
        <Button color="primary" loading={running} onClick={() => void runNow()} data-testid="probe-run">
          {t('probes.runNow')}
        </Button>
        {canEdit ? (
          <>
            <Button onClick={() => setEditing(true)} data-testid="probe-edit">
              {t('probes.edit')}
            </Button>
            <Button onClick={() => void toggle()} data-testid="probe-toggle">
              {t(probe.enabled ? 'probes.disable' : 'probes.enable')}
            </Button>
            <Button color="danger" fill="outline" onClick={() => void remove()} data-testid="probe-delete">
              {t('probes.delete')}
            </Button>
          </>
        ) : null}
      </div>
      {canEdit ? (
        <ProbeFormSheet
          open={editing}
          probe={probe}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}

function ProbeResults({ page, slowMs }: { page: ProbeResultPage; slowMs: number | null }) {
  const { t } = useI18n();
  const { summary } = page;
  const ms = (value: number | null) => (value === null ? '—' : t('probes.ms', { ms: value }));
  const stats = [
    ['availability', summary.upPercent === null ? '—' : `${summary.upPercent}%`],
    ['p50', ms(summary.p50Ms)],
    ['p95', ms(summary.p95Ms)],
    ['count', String(summary.count)],
  ] as const;
  return (
    <>
      {page.items.length === 0 ? <ErrorBlock status="empty" title={t('probes.noData')} description={null} /> : <ProbeChart items={page.items} slowMs={slowMs} from={summary.from} to={summary.to} />}
      <div className={styles.summary} data-testid="probe-summary">
        {stats.map(([key, value]) => (
          <div key={key}>
            <div className={styles.summaryValue}>{value}</div>
            <div className={styles.summaryLabel}>{t(`probes.summary.${key}`)}</div>
          </div>
        ))}
      </div>
      {page.items.length > 0 ? (
        <List header={t('probes.recent')} className={alertStyles.group}>
          {page.items
            .slice(-10)
            .reverse()
            .map((result) => (
              <List.Item key={result.at} data-testid="probe-result-row" description={result.error} extra={<span className={alertStyles.meta}>{shortTime(result.at)}</span>}>
                <span className={alertStyles.rowLine}>
                  <ProbeStatus outcome={result.outcome} />
                  <span>{ms(result.responseMs)}</span>
                  {result.statusCode === null ? null : <span className={alertStyles.meta}>HTTP {result.statusCode}</span>}
                </span>
              </List.Item>
            ))}
        </List>
      ) : null}
    </>
  );
}
