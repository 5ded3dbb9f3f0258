import { impactScopeSchema, urgencySchema } from '@dingops/shared/tickets';
import { List } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import type { ReportSectionProps } from '../hooks/use-report-form';
import { ChoiceChips } from './choice-chips';
import { FieldError } from './field-error';
import fields from './report-fields.module.css';
import styles from './report-form.module.css';
import { SuggestedLevel } from './suggested-level';

const requiredLabel = `${fields.label} ${fields.required}`;

/** Rule F3's scope of impact and the urgency, and the level they add up to (rule F2). */
export function ReportImpactSection({ draft, errors, change }: Omit<ReportSectionProps, 'leave'>) {
  const { t } = useI18n();
  return (
    <List header={t('report.sectionImpact')} className={styles.list}>
      <List.Item description={<FieldError id="report-impact-error" message={errors.impact} />}>
        <div className={fields.stacked}>
          <span id="report-impact-label" className={requiredLabel}>
            {t('report.impact')}
          </span>
          <ChoiceChips
            options={impactScopeSchema.options}
            value={draft.impact}
            onChange={(value) => change('impact', value)}
            labelOf={(value) => t(`ticket.impact.${value}`)}
            testIdPrefix="report-impact"
            fit="wrap"
            labelledBy="report-impact-label"
            describedBy={errors.impact ? 'report-impact-error' : undefined}
            invalid={Boolean(errors.impact)}
          />
        </div>
      </List.Item>
      <List.Item description={<FieldError id="report-urgency-error" message={errors.urgency} />}>
        <div className={fields.stacked}>
          <span id="report-urgency-label" className={requiredLabel}>
            {t('report.urgency')}
          </span>
          <ChoiceChips
            options={urgencySchema.options}
            value={draft.urgency}
            onChange={(value) => change('urgency', value)}
            labelOf={(value) => t(`ticket.urgency.${value}`)}
            testIdPrefix="report-urgency"
            labelledBy="report-urgency-label"
            describedBy={errors.urgency ? 'report-urgency-error' : undefined}
            invalid={Boolean(errors.urgency)}
          />
        </div>
      </List.Item>
      <List.Item prefix={<span className={fields.label}>{t('report.suggestedLevel')}</span>}>
        <SuggestedLevel impact={draft.impact} urgency={draft.urgency} />
      </List.Item>
    </List>
  );
}
