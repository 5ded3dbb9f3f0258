import type { Schedule } from '@dingops/shared/oncall';
import { Dialog, List, SwipeAction, Toast } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { deleteOverride } from '../api/delete-override';
import { beijingShort } from '../utils/calendar-days';
import styles from './oncall.module.css';

/** Current and coming overrides; IT admins remove one by swiping it or tapping it. */
export function OverrideList({ schedule, canEdit, onChanged }: { schedule: Schedule; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  if (schedule.overrides.length === 0) return null;

  const remove = async (overrideId: string, name: string) => {
    const confirmed = await Dialog.confirm({ content: t('oncall.removeOverrideConfirm', { name }), confirmText: t('oncall.removeOverride'), cancelText: t('common.cancel') });
    if (!confirmed) return;
    try {
      await deleteOverride(schedule.id, overrideId);
      Toast.show({ icon: 'success', content: t('oncall.overrideRemoved') });
      onChanged();
    } catch {
      // api-client already showed the reason
    }
  };

  return (
    <List header={t('oncall.overrides')} className={styles.group} data-testid="oncall-overrides">
      {schedule.overrides.map((override) => {
        const item = (
          <List.Item
            key={override.id}
            description={override.reason}
            extra={<span className={styles.meta}>{`${beijingShort(override.startsAt)} – ${beijingShort(override.endsAt)}`}</span>}
            onClick={canEdit ? () => void remove(override.id, override.user.name) : undefined}
            data-testid="oncall-override-row"
          >
            {override.user.name}
          </List.Item>
        );
        return canEdit ? (
          <SwipeAction key={override.id} rightActions={[{ key: 'remove', text: t('oncall.removeOverride'), color: 'danger', onClick: () => void remove(override.id, override.user.name) }]}>
            {item}
          </SwipeAction>
        ) : (
          item
        );
      })}
    </List>
  );
}
