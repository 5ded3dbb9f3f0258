import type { MaintenanceWindow } from '@dingops/shared/alert-maintenance';
import { Button, List } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { cancelMaintenanceWindow, listMaintenanceWindows } from '../api/maintenance-windows';
import { useLoaded } from '../../../hooks/use-loaded';
import { shortTime } from '../utils/elapsed';
import { confirmThen } from '../utils/confirm-then';
import styles from './alerts.module.css';
import { LoadedList } from './loaded-list';
import { MaintenanceSheet } from './maintenance-sheet';
import { MatcherLabels } from './matcher-labels';

/** 维护窗口: 进行中 and 即将开始; IT admins plan and cancel them, other IT staff read. */
export function MaintenancePage({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const { state, reload } = useLoaded((signal) => listMaintenanceWindows(signal), 'maintenance-windows');
  const [creating, setCreating] = useState(false);

  const cancel = (entry: MaintenanceWindow) =>
    confirmThen({ question: t('maintenance.cancelConfirm'), confirmText: t('maintenance.cancel'), run: () => cancelMaintenanceWindow(entry.id), doneText: t('maintenance.cancelled'), done: reload });

  const section = (title: string, items: MaintenanceWindow[], testId: string) =>
    items.length === 0 ? null : (
      <List header={title} className={styles.group} data-testid={testId}>
        {items.map((entry) => (
          <WindowRow key={entry.id} entry={entry} onCancel={canEdit ? () => void cancel(entry) : null} />
        ))}
      </List>
    );

  return (
    <div data-testid="alert-maintenance">
      {canEdit ? (
        <div className={styles.footer}>
          <Button block color="primary" onClick={() => setCreating(true)} data-testid="maintenance-add">
            {t('maintenance.add')}
          </Button>
        </div>
      ) : null}
      <LoadedList state={state} reload={reload} empty={{ title: t('maintenance.empty'), description: t('maintenance.emptyHint'), testId: 'maintenance-empty' }}>
        {(windows) => (
          <>
            {section(t('maintenance.openNow'), windows.filter((entry) => entry.openNow), 'maintenance-open')}
            {section(t('maintenance.upcoming'), windows.filter((entry) => !entry.openNow), 'maintenance-upcoming')}
          </>
        )}
      </LoadedList>
      <MaintenanceSheet
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

function WindowRow({ entry, onCancel }: { entry: MaintenanceWindow; onCancel: (() => void) | null }) {
  const { t } = useI18n();
  const when = entry.openNow && entry.currentEndsAt ? t('maintenance.until', { time: shortTime(entry.currentEndsAt) }) : entry.nextStartsAt ? t('maintenance.startsAt', { time: shortTime(entry.nextStartsAt) }) : '';
  return (
    <List.Item
      data-testid="maintenance-row"
      description={
        <>
          <MatcherLabels matchers={entry.matchers} />
          <span className={styles.rowLine}>
            <span className={styles.meta}>{when}</span>
            {entry.recurrence === 'none' ? null : <span className={`${styles.tag} ${styles.neutral}`}>{t(`maintenance.recurrence.${entry.recurrence}`)}</span>}
            <span className={styles.meta}>{t('maintenance.by', { name: entry.createdBy })}</span>
          </span>
        </>
      }
      extra={
        onCancel ? (
          <Button size="mini" color="danger" fill="outline" onClick={onCancel} data-testid="maintenance-cancel">
            {t('maintenance.cancel')}
          </Button>
        ) : null
      }
    >
      <span className={styles.rowTitle}>
        {entry.openNow ? <span className={`${styles.tag} ${styles.acknowledged}`}>{t('maintenance.openNow')}</span> : null}
        <span className={styles.rowTitleText}>{entry.title}</span>
      </span>
    </List.Item>
  );
}
