import type { Probe, ProbeResult } from '@dingops/shared/probes';
import { useI18n } from '../../../lib/i18n';
import styles from './probes.module.css';

type Outcome = ProbeResult['outcome'] | null;

/** The dot and its word: 正常 / 响应慢 / 不可用 / 未探测 (or 已停用). */
export function ProbeStatus({ outcome, enabled = true }: { outcome: Outcome; enabled?: boolean }) {
  const { t } = useI18n();
  const shown = enabled ? outcome : null;
  return (
    <span className={styles.status} data-testid="probe-status" data-outcome={shown ?? 'none'}>
      <span className={`${styles.dot} ${shown ? styles[shown] : ''}`} aria-hidden />
      {enabled ? t(outcome ? `probes.outcome.${outcome}` : 'probes.outcome.none') : t('probes.disabled')}
    </span>
  );
}

/** "告警中：无法访问" when the probe has an alert open. */
export function ProbeAlertTag({ probe }: { probe: Pick<Probe, 'alertState'> }) {
  const { t } = useI18n();
  if (probe.alertState === 'ok') return null;
  return <span className={`${styles.status}`} data-testid="probe-alert-state">{t(`probes.alertState.${probe.alertState}`)}</span>;
}
