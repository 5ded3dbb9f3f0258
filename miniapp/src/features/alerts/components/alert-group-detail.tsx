import type { AlertGroupDetail } from '@dingops/shared/alerts';
import { List, Steps } from 'antd-mobile';
import { Link } from 'react-router';
import { AccessNotice } from '../../../components/access-notice';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { hasMessage, useI18n } from '../../../lib/i18n';
import { getAlertGroup } from '../api/alert-groups';
import { useLoaded } from '../../../hooks/use-loaded';
import { useVisibleInterval } from '../../../hooks/use-visible-interval';
import { formatElapsed, shortTime } from '../utils/elapsed';
import { apiErrorText } from '../utils/show-api-error';
import { AlertLevelTag, AlertStatusTag } from './alert-tags';
import styles from './alerts.module.css';
import { GroupActions } from './group-actions';

/** One alert group: what fires, why this level, what happened so far, and the card's actions. */
export function AlertGroupDetailView({ groupId, onChanged }: { groupId: string; onChanged?: () => void }) {
  const { t } = useI18n();
  const { state, reload } = useLoaded((signal) => getAlertGroup(groupId, signal), groupId, { keepOnFailure: true });
  useVisibleInterval(reload, 10_000);

  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') {
    if (state.error?.status === 404) return <AlertGroupMissing />;
    if (state.error?.status === 403) return <AccessNotice kind="no_access" title={t('access.noAccessTitle')} reason={t('access.alertsReason')} hint={t('access.alertsHint')} />;
    return <PageLoadFailed description={apiErrorText(state.error)} onRetry={reload} testId="alert-group-error" />;
  }
  const group = state.value;
  return (
    <div data-testid="alert-group-detail">
      <GroupHeader group={group} />
      <GroupActions
        group={group}
        onDone={() => {
          reload();
          onChanged?.();
        }}
      />
      <List header={t('alerts.alertsHeader', { count: group.alerts.length })} className={styles.group} data-testid="alert-group-alerts">
        {group.alerts.map((alert) => (
          <List.Item
            key={alert.id}
            data-testid="alert-row"
            description={
              <>
                <span className={styles.labels}>
                  {Object.entries(alert.labels).map(([name, value]) => (
                    <span key={name} className={styles.label}>{`${name}=${value}`}</span>
                  ))}
                </span>
                <span className={styles.meta}>{t('alerts.lastSeen', { time: shortTime(alert.lastSeenAt) })}</span>
              </>
            }
            extra={<span className={`${styles.tag} ${alert.status === 'firing' ? styles.firing : styles.resolved}`}>{t(`alerts.alertStatus.${alert.status}`)}</span>}
          >
            {alert.annotations.summary ?? alert.annotations.description ?? alert.labels.alertname ?? alert.fingerprint}
          </List.Item>
        ))}
      </List>
      <List header={t('alerts.timeline')} className={styles.group}>
        <div className={styles.timeline} data-testid="alert-timeline">
          <Steps direction="vertical">
            {group.timeline.map((event, index) => (
              <Steps.Step
                key={index}
                status="finish"
                title={[eventLabel(event.kind, t), event.actorName].filter(Boolean).join(' · ')}
                description={[shortTime(event.at), event.note].filter(Boolean).join(' · ')}
              />
            ))}
          </Steps>
        </div>
      </List>
    </div>
  );
}

/** A link to a group that does not exist (a mistyped or truncated link, a group from another installation). */
export function AlertGroupMissing() {
  const { t } = useI18n();
  return <AccessNotice kind="not_found" title={t('access.alertNotFoundTitle')} reason={t('access.alertNotFoundReason')} hint={t('access.alertNotFoundHint')} action={{ label: t('access.toAlertList'), to: paths.alerts.getHref() }} />;
}

function eventLabel(kind: string, t: ReturnType<typeof useI18n>['t']): string {
  const key = `alerts.event.${kind}`;
  return hasMessage(key) ? t(key) : kind;
}

function GroupHeader({ group }: { group: AlertGroupDetail }) {
  const { t } = useI18n();
  return (
    <section className={styles.card} data-testid="alert-group-header">
      <div className={styles.rowLine}>
        <AlertLevelTag level={group.level} testId="alert-detail-level" />
        <AlertStatusTag status={group.status} testId="alert-detail-status" />
        {group.suppressed ? <span className={`${styles.tag} ${styles.neutral}`}>{t('alerts.silenced')}</span> : null}
        {group.flapping ? <span className={`${styles.tag} ${styles.neutral}`}>{t('alerts.flapping')}</span> : null}
      </div>
      <h2 className={styles.cardTitle}>{group.title}</h2>
      {group.summary ? <p className={styles.reason}>{group.summary}</p> : null}
      <p className={styles.reason} data-testid="alert-detail-reason">
        {group.levelReason}
      </p>
      <p className={styles.rowLine}>
        <span>{t('alerts.firingCount', { firing: group.firingCount, total: group.alertCount })}</span>
        <span className={styles.meta}>{t('alerts.openedFor', { time: shortTime(group.openedAt), elapsed: formatElapsed(group.openedAt, group.resolvedAt ? new Date(group.resolvedAt) : new Date()) })}</span>
      </p>
      {group.acknowledgedBy ? (
        <p className={styles.reason} data-testid="alert-detail-acknowledged">
          {t('alerts.acknowledgedByAt', { name: group.acknowledgedBy, time: group.acknowledgedAt ? shortTime(group.acknowledgedAt) : '' })}
        </p>
      ) : null}
      {group.warRoom ? (
        // Text only: opening the chat needs a JSAPI (toConversationByOpenConversationId) our UI stack does not vouch for yet.
        <p className={styles.reason} data-testid="alert-detail-war-room">
          {t(group.warRoom.conversationId ? 'alerts.warRoom' : 'alerts.warRoomPending', { title: group.warRoom.title ?? '' })}
        </p>
      ) : null}
      {group.ticketId ? (
        <p>
          <Link to={paths.ticket.getHref(group.ticketId)} data-testid="alert-detail-ticket">
            {t('alerts.linkedTicket')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
