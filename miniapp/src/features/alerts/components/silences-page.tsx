import type { Silence } from '@dingops/shared/alerts';
import { Button, Dialog, DotLoading, ErrorBlock, List, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { expireSilence, listSilences } from '../api/silences';
import { useLoaded } from '../hooks/use-loaded';
import { shortTime } from '../utils/elapsed';
import { matcherText } from '../utils/matcher-draft';
import { apiErrorText, showApiError } from '../utils/show-api-error';
import styles from './alerts.module.css';
import { SilenceSheet } from './silence-sheet';

/** 静默: silences in force or yet to start; any IT person adds one or ends one early. */
export function SilencesPage() {
  const { t } = useI18n();
  const { state, reload } = useLoaded((signal) => listSilences(signal), 'silences');
  const [creating, setCreating] = useState(false);

  const expire = async (silence: Silence) => {
    const confirmed = await Dialog.confirm({ content: t('alerts.expireConfirm'), confirmText: t('alerts.expire'), cancelText: t('common.cancel') });
    if (!confirmed) return;
    try {
      await expireSilence(silence.id);
      Toast.show({ icon: 'success', content: t('alerts.silenceExpired') });
      reload();
    } catch (error) {
      showApiError(error);
    }
  };

  return (
    <div data-testid="alert-silences">
      <div className={styles.footer}>
        <Button block color="primary" onClick={() => setCreating(true)} data-testid="silence-add">
          {t('alerts.newSilence')}
        </Button>
      </div>
      {state.status === 'loading' ? (
        <div className={styles.loading}>
          <DotLoading color="primary" />
        </div>
      ) : state.status === 'failed' ? (
        <ErrorBlock status="disconnected" title={t('error.pageTitle')} description={apiErrorText(state.error)}>
          <Button color="primary" className={styles.retry} onClick={reload}>
            {t('common.retry')}
          </Button>
        </ErrorBlock>
      ) : state.value.length === 0 ? (
        <ErrorBlock status="empty" title={t('alerts.noSilences')} description={null} data-testid="silences-empty" />
      ) : (
        <List className={styles.group}>
          {state.value.map((silence) => (
            <List.Item
              key={silence.id}
              data-testid="silence-row"
              description={
                <>
                  <span className={styles.reason}>{silence.reason}</span>
                  <span className={styles.rowLine}>
                    <span className={styles.meta}>{t('alerts.silenceUntil', { time: shortTime(silence.endsAt) })}</span>
                    <span className={styles.meta}>{t('alerts.silenceBy', { name: silence.createdBy })}</span>
                    {silence.active ? null : <span className={`${styles.tag} ${styles.neutral}`}>{t('alerts.silencePending')}</span>}
                  </span>
                </>
              }
              extra={
                <Button size="mini" color="danger" fill="outline" onClick={() => void expire(silence)} data-testid="silence-expire">
                  {t('alerts.expire')}
                </Button>
              }
            >
              <span className={styles.labels}>
                {silence.matchers.map((matcher, index) => (
                  <span key={index} className={`${styles.label} ${styles.mono}`}>
                    {matcherText(matcher)}
                  </span>
                ))}
              </span>
            </List.Item>
          ))}
        </List>
      )}
      <SilenceSheet
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          reload();
        }}
      />
    </div>
  );
}
