import { List } from 'antd-mobile';
import { useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { ReportSectionProps } from '../hooks/use-report-form';
import { AutoTextArea } from './auto-text-area';
import { CategorySheet } from './category-sheet';
import { FieldError } from './field-error';
import { KnowledgeSuggestions } from './knowledge-suggestions';
import fields from './report-fields.module.css';
import styles from './report-form.module.css';
import { categoryName } from '../utils/category-name';

const requiredLabel = `${fields.label} ${fields.required}`;

type ReportFaultSectionProps = ReportSectionProps & {
  /** A knowledge article solved it: the report is not needed. */
  onSolved: () => void;
};

/** Category, title, what happened and (folded) the steps that led to it: rule R5's detail; then articles that may already answer it. */
export function ReportFaultSection({ draft, errors, change, leave, onSolved }: ReportFaultSectionProps) {
  const { t } = useI18n();
  const [categoryOpen, setCategoryOpen] = useState(false);
  const [stepsOpen, setStepsOpen] = useState(draft.steps !== '');

  const focusDescription = (event: KeyboardEvent) => {
    // Enter moves on to the description rather than sending a half-filled report.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    document.getElementById('report-description')?.focus();
  };

  return (
    <>
      <List header={t('report.sectionFault')} className={styles.list}>
        <List.Item
          prefix={<span className={requiredLabel}>{t('report.category')}</span>}
          description={<FieldError id="report-category-error" message={errors.category} />}
          onClick={() => setCategoryOpen(true)}
          arrowIcon
          aria-invalid={errors.category ? true : undefined}
          data-testid="report-category"
        >
          <span className={draft.category ? fields.value : fields.placeholder} data-value={draft.category ?? undefined}>
            {draft.category ? categoryName(draft.category) : t('report.categoryPlaceholder')}
          </span>
        </List.Item>
        <List.Item
          prefix={
            <label htmlFor="report-title" className={requiredLabel}>
              {t('report.title')}
            </label>
          }
          description={<FieldError id="report-title-error" message={errors.title} />}
        >
          <input
            id="report-title"
            className={fields.input}
            data-testid="report-title"
            value={draft.title}
            maxLength={100}
            placeholder={t('report.titlePlaceholder')}
            autoComplete="off"
            enterKeyHint="next"
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? 'report-title-error' : undefined}
            onChange={(event) => change('title', event.target.value)}
            onBlur={() => leave('title')}
            onKeyDown={focusDescription}
          />
        </List.Item>
        <List.Item description={<FieldError id="report-description-error" message={errors.description} />}>
          <div className={fields.stacked}>
            <label htmlFor="report-description" className={requiredLabel}>
              {t('report.description')}
            </label>
            <AutoTextArea
              id="report-description"
              data-testid="report-description"
              value={draft.description}
              maxLength={4000}
              placeholder={t('report.descriptionPlaceholder')}
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={errors.description ? 'report-description-error' : undefined}
              onChange={(value) => change('description', value)}
              onBlur={() => leave('description')}
            />
          </div>
        </List.Item>
        {stepsOpen ? (
          <List.Item description={<FieldError id="report-steps-error" message={errors.steps} />}>
            <div className={fields.stacked}>
              <label htmlFor="report-steps" className={fields.label}>
                {t('report.steps')}
              </label>
              <AutoTextArea
                id="report-steps"
                data-testid="report-steps"
                value={draft.steps}
                maxLength={4000}
                placeholder={t('report.stepsPlaceholder')}
                aria-invalid={errors.steps ? true : undefined}
                onChange={(value) => change('steps', value)}
                onBlur={() => leave('steps')}
                autoFocus={draft.steps === ''}
              />
            </div>
          </List.Item>
        ) : (
          <List.Item prefix={<span className={fields.label}>{t('report.steps')}</span>} onClick={() => setStepsOpen(true)} arrowIcon data-testid="report-steps-toggle">
            <span className={fields.placeholder}>{t('report.stepsAdd')}</span>
          </List.Item>
        )}
        <CategorySheet visible={categoryOpen} value={draft.category} onPick={(category) => change('category', category)} onClose={() => setCategoryOpen(false)} />
      </List>
      <KnowledgeSuggestions title={draft.title} description={draft.description} category={draft.category} onSolved={onSolved} />
    </>
  );
}
