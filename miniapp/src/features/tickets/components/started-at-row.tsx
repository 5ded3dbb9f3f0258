import { DatePicker, List } from 'antd-mobile';
import { useState } from 'react';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { formatDateTime } from '../utils/format-time';
import { FieldError } from './field-error';
import styles from './report-fields.module.css';

const lookBackMs = 30 * 24 * 60 * 60 * 1000;
/** Chinese wheels read 2026年 11月 28日 17时 05分; English ones stay numeric. */
const zhUnits: Record<string, string> = { year: '年', month: '月', day: '日', hour: '时', minute: '分' };

type StartedAtRowProps = { value: string | null; error: MessageKey | undefined; onChange: (value: string) => void };

/** Rule F3's "time": now unless the reporter says otherwise, picked in a bottom sheet. */
export function StartedAtRow({ value, error, onChange }: StartedAtRowProps) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const now = new Date();
  return (
    <>
      <List.Item
        prefix={<span className={styles.label}>{t('report.startedAt')}</span>}
        description={<FieldError id="report-started-at-error" message={error} />}
        onClick={() => setOpen(true)}
        arrowIcon
        aria-invalid={error ? true : undefined}
        data-testid="report-started-at"
      >
        <span className={value ? styles.value : styles.placeholder}>{value ? formatDateTime(value, locale) : t('report.startedNow')}</span>
      </List.Item>
      <DatePicker
        visible={open}
        title={t('report.startedAtTitle')}
        precision="minute"
        renderLabel={(type, data) => (locale === 'en' ? String(data).padStart(type === 'year' ? 4 : 2, '0') : `${data}${zhUnits[type] ?? ''}`)}
        value={value ? new Date(value) : now}
        min={new Date(now.getTime() - lookBackMs)}
        max={now}
        onClose={() => setOpen(false)}
        onConfirm={(date) => onChange(date.toISOString())}
        confirmText={t('common.confirm')}
        cancelText={t('common.cancel')}
      />
    </>
  );
}
