import type { ReviewItem } from '@dingops/shared/access';
import { Button, Popup, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { formatDate, fromDateInput, toDateInput } from '../utils/format';
import sheet from '../../../components/bottom-sheet.module.css';
import styles from './access.module.css';

export type DecisionSheetMode = 'revoke' | 'shorten';
export type SheetDecision = { comment?: string; endsAt?: string };

type DecisionSheetProps = {
  item: ReviewItem | null;
  mode: DecisionSheetMode;
  /** Rejects with the fields the server named (`comment`, `endsAt`) to show under them. */
  onSubmit: (decision: SheetDecision) => Promise<void>;
  onClose: () => void;
  serverErrors: readonly string[];
};

/** 收回 asks why (required, kept in the audit log); 缩短 asks for an earlier end date. */
export function DecisionSheet({ item, mode, onSubmit, onClose, serverErrors }: DecisionSheetProps) {
  const { t, locale } = useI18n();
  const [comment, setComment] = useState('');
  const [date, setDate] = useState('');
  const [checked, setChecked] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const errors = new Set([...checked, ...serverErrors]);
  const latest = item ? toDateInput(new Date(new Date(item.endsAt).getTime() - 86_400_000)) : '';
  const submit = async () => {
    const endsAt = mode === 'shorten' ? fromDateInput(date, { endOfDay: true }) : null;
    const missing = [mode === 'revoke' && comment.trim().length < 2 ? 'comment' : null, mode === 'shorten' && (!endsAt || date > latest) ? 'endsAt' : null].filter((each): each is string => each !== null);
    setChecked(missing);
    if (missing.length > 0) return;
    setSaving(true);
    try {
      await onSubmit({ comment: comment.trim() || undefined, endsAt: endsAt ?? undefined });
      setComment('');
      setDate('');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Popup visible={item !== null} onMaskClick={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {item ? (
        <form className={`${sheet.body} ${styles.form}`} data-testid={`access-decision-sheet-${mode}`} onSubmit={(event) => { event.preventDefault(); void submit(); }}>
          <h2 className={sheet.title}>{t(mode === 'revoke' ? 'access.review.revokeTitle' : 'access.review.shortenTitle', { name: item.userName ?? item.userId, system: item.systemName, role: item.roleName })}</h2>
          {mode === 'shorten' ? (
            <label>
              <span className={styles.hint}>{t('access.review.newEnd', { date: formatDate(item.endsAt, locale) })}</span>
              <input className={styles.dateInput} type="date" value={date} max={latest} onChange={(event) => { setDate(event.target.value); setChecked((previous) => previous.filter((field) => field !== 'endsAt')); }} data-testid="access-decision-ends" />
              {errors.has('endsAt') ? <span className={styles.error} role="alert" data-testid="access-decision-error-endsAt">{t('access.review.invalidEnd')}</span> : null}
            </label>
          ) : null}
          <TextArea
            value={comment}
            onChange={(value) => { setComment(value); setChecked((previous) => previous.filter((field) => field !== 'comment')); }}
            placeholder={t(mode === 'revoke' ? 'access.review.revokeReason' : 'access.review.commentOptional')}
            autoSize={{ minRows: 3 }}
            maxLength={500}
            data-testid="access-decision-comment"
            aria-label={t('access.review.comment')}
          />
          {errors.has('comment') ? <span className={styles.error} role="alert" data-testid="access-decision-error-comment">{t('access.review.commentRequired')}</span> : null}
          <div className={styles.rowActions}>
            <Button block color={mode === 'revoke' ? 'danger' : 'primary'} type="submit" loading={saving} data-testid="access-decision-submit">
              {t(mode === 'revoke' ? 'access.review.revoke' : 'access.review.shorten')}
            </Button>
          </div>
        </form>
      ) : null}
    </Popup>
  );
}
