import { List } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { ReportSectionProps } from '../hooks/use-report-form';
import { FieldError } from './field-error';
import fields from './report-fields.module.css';
import styles from './report-form.module.css';
import { StartedAtRow } from './started-at-row';

/** When it started and how to reach the reporter: optional, so folded into one row until asked for. */
export function ReportMoreSection({ draft, errors, change, leave }: ReportSectionProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(draft.startedAt !== null || draft.contact !== '');
  return (
    <List header={t('report.sectionMore')} className={styles.list}>
      {open ? (
        <>
          <StartedAtRow value={draft.startedAt} error={errors.startedAt} onChange={(value) => change('startedAt', value)} />
          <List.Item
            prefix={
              <label htmlFor="report-contact" className={fields.label}>
                {t('report.contact')}
              </label>
            }
            description={<FieldError id="report-contact-error" message={errors.contact} />}
          >
            <input
              id="report-contact"
              className={fields.input}
              data-testid="report-contact"
              value={draft.contact}
              maxLength={100}
              placeholder={t('report.contactPlaceholder')}
              autoComplete="tel"
              aria-invalid={errors.contact ? true : undefined}
              onChange={(event) => change('contact', event.target.value)}
              onBlur={() => leave('contact')}
            />
          </List.Item>
        </>
      ) : (
        <List.Item onClick={() => setOpen(true)} arrowIcon data-testid="report-more">
          <span className={fields.placeholder}>{t('report.moreSummary')}</span>
        </List.Item>
      )}
    </List>
  );
}
