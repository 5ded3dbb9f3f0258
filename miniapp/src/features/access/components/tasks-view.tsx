import type { AccessTask } from '@dingops/shared/access';
import { Button, Dialog, List, Tabs, Toast } from 'antd-mobile';
import { useState } from 'react';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { useLoaded } from '../../../hooks/use-loaded';
import { useI18n } from '../../../lib/i18n';
import { completeTask } from '../api/complete-task';
import { listTasks } from '../api/list-tasks';
import { formatDateTime } from '../utils/format';
import styles from './access.module.css';

/** IT's manual steps: give (or take away) the access in the system itself, then press 完成. */
export function TasksView() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const { state, reload } = useLoaded((signal) => listTasks({ status, signal }), status);
  const finish = async (task: AccessTask) => {
    const confirmed = await Dialog.confirm({ content: t(`access.tasks.confirm.${task.kind}`, { name: task.userName ?? task.userId, system: task.systemName, role: task.roleName }), cancelText: t('common.cancel') });
    if (!confirmed) return;
    await completeTask(task.id);
    Toast.show({ icon: 'success', content: t('access.tasks.done') });
    reload();
  };
  return (
    <div className={styles.page} data-testid="access-tasks">
      <Tabs activeKey={status} onChange={(key) => setStatus(key === 'done' ? 'done' : 'open')}>
        <Tabs.Tab key="open" title={t('access.tasks.open')} />
        <Tabs.Tab key="done" title={t('access.tasks.finished')} />
      </Tabs>
      {state.status === 'loading' ? <PageLoading /> : null}
      {state.status === 'failed' ? <PageLoadFailed onRetry={reload} /> : null}
      {state.status === 'ready' && state.value.length === 0 ? <div className={styles.empty}>{t('access.tasks.empty')}</div> : null}
      {state.status === 'ready' && state.value.length > 0 ? (
        <List>
          {state.value.map((task) => (
            <List.Item
              key={task.id}
              data-testid={`access-task-${task.id}`}
              description={
                <span className={styles.rowMeta}>
                  <span>{task.userName ?? task.userId}</span>
                  <span>{formatDateTime(task.doneAt ?? task.createdAt, locale)}</span>
                  {task.doneBy ? <span>{t('access.tasks.doneBy', { name: task.doneBy })}</span> : null}
                </span>
              }
              extra={
                task.status === 'open' ? (
                  <Button size="small" color="primary" onClick={() => void finish(task).catch(() => undefined)} data-testid="access-task-done">
                    {t('access.tasks.finish')}
                  </Button>
                ) : null
              }
            >
              <span className={styles.rowTitle}>
                <span className={`${styles.tag} ${task.kind === 'provision' ? styles.info : styles.warning}`}>{t(`access.tasks.kind.${task.kind}`)}</span>
                <span>{t('access.systemRole', { system: task.systemName, role: task.roleName })}</span>
              </span>
            </List.Item>
          ))}
        </List>
      ) : null}
    </div>
  );
}
