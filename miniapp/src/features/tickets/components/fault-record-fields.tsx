import { causeCategorySchema, repairActionSchema, type CauseCategory, type RepairAction } from '@dingops/shared/tickets';
import { useI18n } from '../../../lib/i18n';
import { ChoiceChips } from './choice-chips';
import { FieldError } from './field-error';
import { MultiChips } from './multi-chips';
import fields from './report-fields.module.css';
import styles from './resolve-sheet.module.css';

export type FaultRecordDraft = { causeCategory: CauseCategory | null; actionsTaken: RepairAction[]; timeSpent: string };

/** Minutes as typed: empty is "not recorded", anything else must be a whole number in range. */
export function parseMinutes(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,6}$/.test(trimmed)) return 'invalid';
  const minutes = Number(trimmed);
  return minutes <= 100_000 ? minutes : 'invalid';
}

type FaultRecordFieldsProps = { idPrefix: string; draft: FaultRecordDraft; onChange: (draft: FaultRecordDraft) => void; minutesInvalid?: boolean };

/** Rule F6's structured part, shared by the resolve sheet and the fault record sheet: cause category, actions, time spent. */
export function FaultRecordFields({ idPrefix, draft, onChange, minutesInvalid }: FaultRecordFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <div className={styles.field}>
        <span id={`${idPrefix}-cause-category-label`} className={fields.label}>
          {t('tickets.more.causeCategory')}
        </span>
        <ChoiceChips
          options={causeCategorySchema.options}
          value={draft.causeCategory}
          onChange={(causeCategory) => onChange({ ...draft, causeCategory: causeCategory === draft.causeCategory ? null : causeCategory })}
          labelOf={(value) => t(`ticket.causeCategory.${value}`)}
          testIdPrefix={`${idPrefix}-cause-category`}
          labelledBy={`${idPrefix}-cause-category-label`}
          fit="wrap"
        />
      </div>
      <div className={styles.field}>
        <span id={`${idPrefix}-actions-label`} className={fields.label}>
          {t('tickets.more.actionsTaken')}
        </span>
        <MultiChips
          options={repairActionSchema.options}
          value={draft.actionsTaken}
          onChange={(actionsTaken) => onChange({ ...draft, actionsTaken })}
          labelOf={(value) => t(`ticket.repairAction.${value}`)}
          testIdPrefix={`${idPrefix}-action`}
          labelledBy={`${idPrefix}-actions-label`}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${idPrefix}-minutes`} className={fields.label}>
          {t('tickets.more.timeSpent')}
        </label>
        <div className={styles.box}>
          <input
            id={`${idPrefix}-minutes`}
            className={fields.input}
            data-testid={`${idPrefix}-minutes`}
            inputMode="numeric"
            value={draft.timeSpent}
            placeholder={t('tickets.more.timeSpentPlaceholder')}
            aria-invalid={minutesInvalid || undefined}
            aria-describedby={minutesInvalid ? `${idPrefix}-minutes-error` : undefined}
            onChange={(event) => onChange({ ...draft, timeSpent: event.target.value })}
          />
        </div>
        <FieldError id={`${idPrefix}-minutes-error`} message={minutesInvalid ? 'tickets.more.timeSpentInvalid' : undefined} />
      </div>
    </>
  );
}
