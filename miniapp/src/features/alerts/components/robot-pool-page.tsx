import type { PoolChat, PoolRobot } from '@dingops/shared/alert-robot-pool';
import { Button, ErrorBlock, List } from 'antd-mobile';
import { useState } from 'react';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { useI18n } from '../../../lib/i18n';
import { listPoolChats, listPoolRobots, removePoolRobot } from '../api/robot-pool';
import { useLoaded } from '../../../hooks/use-loaded';
import { confirmThen } from '../utils/confirm-then';
import { apiErrorText } from '../utils/show-api-error';
import styles from './alerts.module.css';
import timingStyles from './timing.module.css';
import { RobotPoolSheet } from './robot-pool-sheet';

/** 机器人池: per group chat, the custom robots that share its alert messages with the app robot (IT admins only). */
export function RobotPoolPage() {
  const { t } = useI18n();
  const { state, reload } = useLoaded(async (signal) => {
    const chats = await listPoolChats(signal);
    return Promise.all(chats.map(async (chat) => ({ chat, robots: await listPoolRobots(chat.conversationId, signal) })));
  }, 'robot-pool');
  const [addingTo, setAddingTo] = useState<string | null>(null);

  const remove = (robot: PoolRobot) =>
    confirmThen({ question: t('robotPool.removeConfirm', { name: robot.name }), confirmText: t('robotPool.remove'), run: () => removePoolRobot(robot.conversationId, robot.id), doneText: t('robotPool.removed'), done: reload });

  const chatTitle = (chat: PoolChat) => (chat.role === 'other' ? chat.conversationId : t(`robotPool.chat.${chat.role}`));

  return (
    <div data-testid="robot-pool">
      <p className={`${styles.meta} ${timingStyles.hint}`}>{t('robotPool.hint')}</p>
      {state.status === 'loading' ? (
        <PageLoading />
      ) : state.status === 'failed' ? (
        <PageLoadFailed description={apiErrorText(state.error)} onRetry={reload} />
      ) : state.value.length === 0 ? (
        <ErrorBlock status="empty" title={t('robotPool.noChats')} data-testid="robot-pool-empty" />
      ) : (
        state.value.map(({ chat, robots }) => (
          <List key={chat.conversationId} header={t('robotPool.chatHeader', { chat: chatTitle(chat), count: robots.length + 1 })} className={styles.group} data-testid="robot-pool-chat">
            <List.Item description={t('robotPool.appRobotHint')}>{t('robotPool.appRobot')}</List.Item>
            {robots.map((robot) => (
              <List.Item
                key={robot.id}
                data-testid="robot-pool-row"
                description={
                  <span className={styles.rowLine}>
                    <span className={`${styles.meta} ${styles.mono}`}>{robot.webhookHint}</span>
                    {robot.hasSecret ? <span className={`${styles.tag} ${styles.neutral}`}>{t('robotPool.signed')}</span> : null}
                    {robot.enabled ? null : <span className={`${styles.tag} ${styles.neutral}`}>{t('robotPool.disabled')}</span>}
                  </span>
                }
                extra={
                  <Button size="mini" color="danger" fill="outline" onClick={() => void remove(robot)} data-testid="robot-pool-remove">
                    {t('robotPool.remove')}
                  </Button>
                }
              >
                {robot.name}
              </List.Item>
            ))}
            <List.Item clickable onClick={() => setAddingTo(chat.conversationId)} data-testid="robot-pool-add">
              {t('robotPool.add')}
            </List.Item>
          </List>
        ))
      )}
      <RobotPoolSheet
        conversationId={addingTo}
        onClose={() => setAddingTo(null)}
        onSaved={() => {
          setAddingTo(null);
          reload();
        }}
      />
    </div>
  );
}
