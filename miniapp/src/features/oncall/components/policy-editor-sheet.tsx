import type { EscalationTarget, StoredPolicy } from '@dingops/shared/oncall';
import { Button, Input, List, Popup, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { updatePolicy } from '../api/update-policy';
import { addedStep, checkPolicyDraft, draftOf, escalationTargets, policyErrorsFromProblem, type PolicyDraft, type PolicyErrors } from '../utils/policy-draft';
import styles from './oncall.module.css';

/** Edits one policy's name and steps; the whole list is saved at once. */
export function PolicyEditorSheet({ policy, onClose, onSaved }: { policy: StoredPolicy | null; onClose: () => void; onSaved: () => void }) {
  return (
    <Popup visible={policy !== null} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {policy ? <PolicyForm policy={policy} onSaved={onSaved} /> : null}
    </Popup>
  );
}

function PolicyForm({ policy, onSaved }: { policy: StoredPolicy; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(policy));
  const [errors, setErrors] = useState<PolicyErrors>({});
  const [saving, setSaving] = useState(false);

  const changeStep = (index: number, change: Partial<PolicyDraft['steps'][number]>) => {
    setDraft((previous) => ({ ...previous, steps: previous.steps.map((step, at) => (at === index ? { ...step, ...change } : step)) }));
    setErrors({});
  };

  const save = async () => {
    const checked = checkPolicyDraft(draft, policy.isDefault);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setSaving(true);
    try {
      await updatePolicy(policy.id, checked.body);
      Toast.show({ icon: 'success', content: t('oncall.policySaved') });
      onSaved();
    } catch (error) {
      const mapped = error instanceof ApiError && error.status === 400 ? policyErrorsFromProblem(error.problem) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) Toast.show({ content: error instanceof ApiError ? describeApiError(error) : t('error.server') });
    } finally {
      setSaving(false);
    }
  };

  const errorLine = (key: string) => (errors[key] ? <span className={styles.error} data-testid={`policy-error-${key}`}>{t(errors[key])}</span> : null);
  return (
    <form
      className={sheet.body}
      data-testid="policy-sheet"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className={sheet.title}>{t('oncall.editPolicy')}</h2>
      <List>
        <List.Item title={t('oncall.policyName')} description={errorLine('name')}>
          <Input value={draft.name} onChange={(name) => setDraft((previous) => ({ ...previous, name }))} maxLength={60} data-testid="policy-name" />
        </List.Item>
        {draft.steps.map((step, index) => (
          <List.Item
            key={index}
            title={
              <span className={styles.stepHeader}>
                {t('oncall.stepNumber', { number: index + 1 })}
                {draft.steps.length > 1 ? (
                  <Button size="mini" fill="none" color="danger" onClick={() => setDraft((previous) => ({ ...previous, steps: previous.steps.filter((_, at) => at !== index) }))} data-testid={`policy-remove-step-${index}`}>
                    {t('oncall.removeStep')}
                  </Button>
                ) : null}
              </span>
            }
            description={errorLine(`steps.${index}.afterMinutes`) ?? errorLine(`steps.${index}.notify`)}
          >
            <div className={styles.stepHeader}>
              <span>{t('oncall.minutesAfterOpened')}</span>
              <Input type="number" className={styles.minutes} value={step.afterMinutes} onChange={(afterMinutes) => changeStep(index, { afterMinutes })} aria-label={t('oncall.minutesAfterOpened')} data-testid={`policy-minutes-${index}`} />
            </div>
            <Selector
              multiple
              columns={2}
              value={step.notify}
              onChange={(notify) => changeStep(index, { notify: notify as EscalationTarget[] })}
              options={escalationTargets.map((target) => ({ label: t(`oncall.target.${target}`), value: target }))}
            />
          </List.Item>
        ))}
      </List>
      {errorLine('steps')}
      <div className={styles.actions}>
        <Button block fill="outline" onClick={() => setDraft((previous) => ({ ...previous, steps: [...previous.steps, addedStep(previous.steps)] }))} data-testid="policy-add-step">
          {t('oncall.addStep')}
        </Button>
      </div>
      <Button block color="primary" size="large" type="submit" loading={saving} data-testid="policy-save">
        {t('oncall.savePolicy')}
      </Button>
    </form>
  );
}
