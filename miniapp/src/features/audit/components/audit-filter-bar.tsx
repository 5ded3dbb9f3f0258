import { auditActionFamilies, type AuditPerson } from '@dingops/shared/audit';
import { Button, Selector } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import styles from './audit.module.css';
import { PersonPickerSheet } from './person-picker-sheet';

/** What the auditor narrows the trail by; days are Beijing calendar days ("2026-11-28"). */
export type AuditFilterState = { person: AuditPerson | null; family: string | null; fromDay: string; toDay: string };

export const noAuditFilters: AuditFilterState = { person: null, family: null, fromDay: '', toDay: '' };

export function AuditFilterBar({ value, onChange }: { value: AuditFilterState; onChange: (next: AuditFilterState) => void }) {
  const { t } = useI18n();
  const [picking, setPicking] = useState(false);
  const set = (patch: Partial<AuditFilterState>) => onChange({ ...value, ...patch });
  return (
    <div className={styles.filters} data-testid="audit-filters">
      <p className={styles.filterLabel}>{t('audit.filter.person')}</p>
      <div className={styles.personRow}>
        <Button className={styles.personButton} onClick={() => setPicking(true)} data-testid="audit-filter-person">
          {value.person ? `${value.person.name} · ${value.person.dingtalkUserId}` : t('audit.filter.anyone')}
        </Button>
        {value.person ? (
          <Button fill="none" color="primary" onClick={() => set({ person: null })} data-testid="audit-filter-person-clear">
            {t('audit.filter.clear')}
          </Button>
        ) : null}
      </div>
      <p className={styles.filterLabel}>{t('audit.filter.family')}</p>
      <Selector
        value={value.family ? [value.family] : []}
        onChange={(values) => set({ family: values[0] ?? null })}
        options={auditActionFamilies.map((family) => ({ label: t(`audit.family.${family}`), value: family }))}
        data-testid="audit-filter-family"
      />
      <div className={styles.dates}>
        <label>
          <span className={styles.filterLabel}>{t('audit.filter.from')}</span>
          <input type="date" value={value.fromDay} onChange={(event) => set({ fromDay: event.target.value })} data-testid="audit-filter-from" />
        </label>
        <label>
          <span className={styles.filterLabel}>{t('audit.filter.to')}</span>
          <input type="date" value={value.toDay} onChange={(event) => set({ toDay: event.target.value })} data-testid="audit-filter-to" />
        </label>
      </div>
      <p className={styles.hint}>{t('audit.filter.datesHint')}</p>
      <PersonPickerSheet
        open={picking}
        onClose={() => setPicking(false)}
        onPick={(person) => {
          setPicking(false);
          set({ person });
        }}
      />
    </div>
  );
}
