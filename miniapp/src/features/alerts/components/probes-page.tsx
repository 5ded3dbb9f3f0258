import type { Probe } from '@dingops/shared/probes';
import { Button, ErrorBlock, List } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';
import { listProbes } from '../api/probes';
import { useLoaded } from '../../../hooks/use-loaded';
import { useVisibleInterval } from '../../../hooks/use-visible-interval';
import { apiErrorText } from '../utils/show-api-error';
import alertStyles from './alerts.module.css';
import { ProbeFormSheet } from './probe-form';
import { ProbeAlertTag, ProbeStatus } from './probe-status';
import styles from './probes.module.css';

/** 探测: every probe with its status dot, last response time and 24 h availability; refreshed every 10 s. */
export function ProbesPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { state, reload } = useLoaded((signal) => listProbes(signal), 'probes', { keepOnFailure: true });
  const [creating, setCreating] = useState(false);
  useVisibleInterval(reload, 10_000);

  return (
    <div data-testid="alert-probes">
      {canEdit ? (
        <div className={alertStyles.footer}>
          <Button block color="primary" onClick={() => setCreating(true)} data-testid="probe-add">
            {t('probes.add')}
          </Button>
        </div>
      ) : null}
      {state.status === 'loading' ? (
        <PageLoading />
      ) : state.status === 'failed' ? (
        <PageLoadFailed description={apiErrorText(state.error)} onRetry={reload} />
      ) : state.value.length === 0 ? (
        <ErrorBlock status="empty" title={t('probes.empty')} description={t('probes.emptyHint')} data-testid="probes-empty" />
      ) : (
        <List className={alertStyles.group}>
          {state.value.map((probe) => (
            <ProbeRow key={probe.id} probe={probe} onOpen={() => void navigate(paths.alertProbe.getHref(probe.id))} />
          ))}
        </List>
      )}
      {canEdit ? (
        <ProbeFormSheet
          open={creating}
          probe={null}
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            void navigate(paths.alertProbe.getHref(saved.id));
          }}
        />
      ) : null}
    </div>
  );
}

function ProbeRow({ probe, onOpen }: { probe: Probe; onOpen: () => void }) {
  const { t } = useI18n();
  return (
    <List.Item
      data-testid="probe-row"
      onClick={onOpen}
      description={
        <>
          <span className={styles.target}>{probe.target}</span>
          <span className={alertStyles.rowLine}>
            <ProbeStatus outcome={probe.lastOutcome} enabled={probe.enabled} />
            <ProbeAlertTag probe={probe} />
            <span className={alertStyles.meta}>{t('probes.every', { seconds: probe.intervalSeconds })}</span>
          </span>
        </>
      }
      extra={
        <span className={styles.numbers}>
          <span data-testid="probe-last-ms">{probe.lastResponseMs === null ? '—' : t('probes.ms', { ms: probe.lastResponseMs })}</span>
          <span className={alertStyles.meta}>{probe.upPercent24h === null ? t('probes.noData') : t('probes.availability24h', { percent: probe.upPercent24h })}</span>
        </span>
      }
    >
      <span className={alertStyles.rowTitle}>
        <span className={alertStyles.rowTitleText}>{probe.name}</span>
        <span className={`${alertStyles.tag} ${alertStyles.neutral}`}>{t(`probes.kind.${probe.kind}`)}</span>
      </span>
    </List.Item>
  );
}
