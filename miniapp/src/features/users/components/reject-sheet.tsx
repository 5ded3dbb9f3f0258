import type { PendingUser } from '@dingops/shared/users';
import { Button, Popup, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { rejectUser } from '../api/review-registration';
import sheet from '../../../components/bottom-sheet.module.css';
import styles from './registration-review.module.css';

type RejectSheetProps = { person: PendingUser | null; onClose: () => void; onRejected: (person: PendingUser) => void };

/** 拒绝 asks why: the person reads this reason in DingTalk and when they try to log in. */
export function RejectSheet({ person, onClose, onRejected }: RejectSheetProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => setReason(''), [person]);

  const reject = async () => {
    if (!person) return;
    if (!reason.trim()) {
      Toast.show({ content: t('registration.reasonRequired') });
      return;
    }
    setSaving(true);
    try {
      await rejectUser({ userId: person.id, reason: reason.trim() });
      Toast.show({ icon: 'success', content: t('registration.rejectedToast', { name: person.name }) });
      onRejected(person);
    } catch {
      // the API client has shown the error; keep the sheet open to retry
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popup visible={person !== null} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {person ? (
        <div className={sheet.body} data-testid="reject-sheet">
          <h2 className={sheet.title}>{t('registration.rejectTitle', { name: person.name })}</h2>
          <TextArea value={reason} onChange={setReason} placeholder={t('registration.reasonPlaceholder')} maxLength={200} showCount rows={3} data-testid="reject-reason" />
          <div className={styles.sheetActions}>
            <Button className={styles.action} onClick={onClose} disabled={saving}>
              {t('common.cancel')}
            </Button>
            <Button className={styles.action} color="danger" loading={saving} onClick={() => void reject()} data-testid="reject-confirm">
              {t('registration.reject')}
            </Button>
          </div>
        </div>
      ) : null}
    </Popup>
  );
}
