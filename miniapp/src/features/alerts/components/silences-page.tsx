import type { Silence } from '@dingops/shared/alerts';
import { Button, List } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { expireSilence, listSilences } from '../api/silences';
import { useLoaded } from '../../../hooks/use-loaded';
import { shortTime } from '../utils/elapsed';
import { confirmThen } from '../utils/confirm-then';
import styles from './alerts.module.css';
import { LoadedList } from './loaded-list';
import { MatcherLabels } from './matcher-labels';
import { SilenceSheet } from './silence-sheet';

/** 静默: silences in force or yet to start; any IT person adds one or ends one early. */
export function SilencesPage() {
  const { t } = useI18n();
  const { state, reload } = useLoaded((signal) => listSilences(signal), 'silences');
  const [creating, setCreating] = useState(false);

  const expire = (silence: Silence) =>
    confirmThen({ question: t('alerts.expireConfirm'), confirmText: t('alerts.expire'), run: () => expireSilence(silence.id), doneText: t('alerts.silenceExpired'), done: reload });

  return (
    <div data-testid="alert-silences">
      <div className={styles.footer}>
        <Button block color="primary" onClick={() => setCreating(true)} data-testid="silence-add">
          {t('alerts.newSilence')}
        </Button>
      </div>
      <LoadedList state={state} reload={reload} empty={{ title: t('alerts.noSilences'), testId: 'silences-empty' }}>
        {(silences) => (
          <List className={styles.group}>
            {silences.map((silence) => (
              <List.Item
                key={silence.id}
                data-testid="silence-row"
                description={
                  <>
                    <span className={styles.reason}>{silence.reason}</span>
                    <span className={styles.rowLine}>
                      <span className={styles.meta}>{t('alerts.silenceUntil', { time: shortTime(silence.endsAt) })}</span>
                      <span className={styles.meta}>{t('alerts.silenceBy', { name: silence.createdBy })}</span>
                      {silence.active ? null : <span className={`${styles.tag} ${styles.neutral}`}>{t('alerts.silenceFrom', { time: shortTime(silence.startsAt) })}</span>}
                    </span>
                  </>
                }
                extra={
                  <Button size="mini" color="danger" fill="outline" onClick={() => void expire(silence)} data-testid="silence-expire">
                    {t('alerts.expire')}
                  </Button>
                }
              >
                <MatcherLabels matchers={silence.matchers} />
              </List.Item>
            ))}
          </List>
        )}
      </LoadedList>
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
