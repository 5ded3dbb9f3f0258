import type { AlertGroupAction, AlertGroupDetail } from '@dingops/shared/alerts';
import { Button, Dialog, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { actOnAlertGroup } from '../api/alert-groups';
import { showApiError } from '../utils/show-api-error';
import styles from './alerts.module.css';

type ActionSpec = { action: AlertGroupAction; label: MessageKey; color: 'primary' | 'danger' | 'default' | 'warning'; confirm?: MessageKey; available: (group: AlertGroupDetail) => boolean };

const isOpen = (group: AlertGroupDetail) => group.status !== 'resolved';

/** The card's buttons; the ones that change what people are told (resolve, silence, escalate) ask first. */
const actionSpecs: readonly ActionSpec[] = [
  { action: 'acknowledge', label: 'alerts.action.acknowledge', color: 'primary', available: (group) => group.status === 'firing' },
  { action: 'resolve', label: 'alerts.action.resolve', color: 'default', confirm: 'alerts.confirm.resolve', available: isOpen },
  { action: 'silence_1h', label: 'alerts.action.silence_1h', color: 'default', confirm: 'alerts.confirm.silence_1h', available: isOpen },
  { action: 'escalate', label: 'alerts.action.escalate', color: 'warning', confirm: 'alerts.confirm.escalate', available: (group) => isOpen(group) && group.level !== 1 },
  { action: 'create_ticket', label: 'alerts.action.create_ticket', color: 'default', available: (group) => group.ticketId === null },
  // Level 1 only, once: a DingTalk group with the on-call people and the service's owners.
  { action: 'open_war_room', label: 'alerts.action.open_war_room', color: 'danger', available: (group) => isOpen(group) && group.level === 1 && group.warRoom === null },
];

export function GroupActions({ group, onDone }: { group: AlertGroupDetail; onDone: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<AlertGroupAction | null>(null);
  const available = actionSpecs.filter((spec) => spec.available(group));
  if (available.length === 0) return null;

  const run = async (spec: ActionSpec) => {
    if (spec.confirm) {
      const confirmed = await Dialog.confirm({ content: t(spec.confirm), confirmText: t(spec.label), cancelText: t('common.cancel') });
      if (!confirmed) return;
    }
    setBusy(spec.action);
    try {
      await actOnAlertGroup(group.id, spec.action);
      Toast.show({ icon: 'success', content: t(`alerts.done.${spec.action}`) });
      onDone();
    } catch (error) {
      showApiError(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={styles.actions} data-testid="alert-actions">
      {available.map((spec) => (
        <Button key={spec.action} color={spec.color} size="middle" loading={busy === spec.action} disabled={busy !== null} onClick={() => void run(spec)} data-testid={`alert-action-${spec.action}`}>
          {t(spec.label)}
        </Button>
      ))}
    </div>
  );
}
