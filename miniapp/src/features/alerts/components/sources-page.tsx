import type { AlertSource } from '@dingops/shared/alerts';
import { Button, List } from 'antd-mobile';
import { useState } from 'react';
import { useLoaded } from '../../../hooks/use-loaded';
import { useI18n } from '../../../lib/i18n';
import { listSources, rotateSource, setSourceEnabled } from '../api/sources';
import { confirmThen } from '../utils/confirm-then';
import { shortTime } from '../utils/elapsed';
import styles from './alerts.module.css';
import { LoadedList } from './loaded-list';
import sourceStyles from './sources.module.css';
import timingStyles from './timing.module.css';
import { SourceSheet } from './source-sheet';
import { SourceTokenSheet, type SourceWithToken } from './source-token-sheet';

/** 监控源: the monitors allowed to post alerts, each with its own token (rule F1); IT admins only. */
export function SourcesPage() {
  const { t } = useI18n();
  const { state, reload } = useLoaded((signal) => listSources(signal), 'alert-sources');
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<SourceWithToken | null>(null);

  const rotate = (source: AlertSource) =>
    confirmThen({
      question: t('sources.rotateConfirm', { name: source.name }),
      confirmText: t('sources.rotate'),
      run: async () => setShown((await rotateSource(source.id)) as SourceWithToken),
      doneText: t('sources.rotated'),
      done: reload,
    });
  const toggle = (source: AlertSource) =>
    confirmThen({
      question: t(source.enabled ? 'sources.disableConfirm' : 'sources.enableConfirm', { name: source.name }),
      confirmText: t(source.enabled ? 'sources.disable' : 'sources.enable'),
      run: () => setSourceEnabled(source.id, !source.enabled),
      doneText: t(source.enabled ? 'sources.disabled' : 'sources.enabled'),
      done: reload,
    });

  return (
    <div data-testid="alert-sources">
      <p className={`${styles.meta} ${timingStyles.hint}`}>{t('sources.hint')}</p>
      <div className={styles.footer}>
        <Button block color="primary" onClick={() => setCreating(true)} data-testid="source-add">
          {t('sources.add')}
        </Button>
      </div>
      <LoadedList state={state} reload={reload} empty={{ title: t('sources.empty'), testId: 'sources-empty' }}>
        {(sources) => (
          <List className={styles.group}>
            {sources.map((source) => (
              <List.Item
                key={source.id}
                data-testid="source-row"
                description={
                  <span className={styles.rowLine}>
                    <span className={`${styles.tag} ${styles.neutral}`}>{t(`sources.kind.${source.kind}`)}</span>
                    {source.enabled ? null : <span className={`${styles.tag} ${styles.firing}`}>{t('sources.off')}</span>}
                    <span className={styles.meta}>{source.rotatedAt ? t('sources.rotatedAt', { time: shortTime(source.rotatedAt) }) : t('sources.createdAt', { time: shortTime(source.createdAt) })}</span>
                  </span>
                }
                extra={
                  source.kind === 'probe' ? (
                    <span className={styles.meta}>{t('sources.probeHint')}</span>
                  ) : (
                    <span className={sourceStyles.rowActions}>
                      {source.enabled ? (
                        <Button size="mini" fill="outline" onClick={() => void rotate(source)} data-testid="source-rotate">
                          {t('sources.rotate')}
                        </Button>
                      ) : null}
                      <Button size="mini" color={source.enabled ? 'danger' : 'primary'} fill="outline" onClick={() => void toggle(source)} data-testid="source-toggle">
                        {t(source.enabled ? 'sources.disable' : 'sources.enable')}
                      </Button>
                    </span>
                  )
                }
              >
                {source.name}
              </List.Item>
            ))}
          </List>
        )}
      </LoadedList>
      <SourceSheet
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(source) => {
          setCreating(false);
          setShown(source as SourceWithToken);
          reload();
        }}
      />
      <SourceTokenSheet source={shown} onClose={() => setShown(null)} />
    </div>
  );
}
