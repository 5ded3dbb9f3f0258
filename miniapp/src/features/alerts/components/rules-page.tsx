import { ruleSetSchema } from '@dingops/shared/alerts';
import { Button, ErrorBlock, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { getRules, saveRules } from '../api/rules';
import { useLoaded } from '../../../hooks/use-loaded';
import { emptyMatcher, moved } from '../utils/matcher-draft';
import { apiErrorText, problemPaths, showApiError } from '../utils/show-api-error';
import styles from './alerts.module.css';
import { RuleEditor, RuleView, type RuleDraft } from './rule-editor';
import { RuleTester } from './rule-tester';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';

/** 规则: the ordered classification rules (first match wins, rule F2); IT admins edit and save them. */
export function RulesPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const { state, reload } = useLoaded((signal) => getRules(signal), 'rules');
  const [draft, setDraft] = useState<RuleDraft[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed description={apiErrorText(state.error)} onRetry={reload} />;

  const save = async () => {
    if (!draft) return;
    const checked = ruleSetSchema.safeParse({ rules: draft });
    if (!checked.success) {
      setErrors(checked.error.issues.map((issue) => issue.path.join('.')));
      return;
    }
    setSaving(true);
    try {
      await saveRules(checked.data.rules);
      Toast.show({ icon: 'success', content: t('alerts.rulesSaved') });
      setDraft(null);
      setErrors([]);
      reload();
    } catch (error) {
      const paths = problemPaths(error);
      setErrors(paths);
      if (paths.length === 0) showApiError(error);
      else Toast.show({ content: t('alerts.invalid.rules') });
    } finally {
      setSaving(false);
    }
  };

  const errorsOf = (index: number) => errors.filter((path) => path.startsWith(`rules.${index}.`)).map((path) => path.slice(`rules.${index}.`.length));
  const update = (next: RuleDraft[]) => {
    setDraft(next);
    setErrors([]);
  };

  return (
    <div data-testid="alert-rules">
      <p className={`${styles.fieldLabel} ${styles.footer}`}>{t('alerts.rulesHint')}</p>
      {draft ? (
        <>
          {draft.map((rule, index) => (
            <RuleEditor
              key={index}
              rule={rule}
              index={index}
              count={draft.length}
              errors={errorsOf(index)}
              onChange={(next) => update(draft.map((item, at) => (at === index ? next : item)))}
              onMove={(delta) => update(moved(draft, index, delta))}
              onRemove={() => update(draft.filter((_, at) => at !== index))}
            />
          ))}
          <div className={styles.actions}>
            <Button onClick={() => update([...draft, { name: '', level: 3, matchers: [emptyMatcher()] }])} data-testid="rule-add">
              {t('alerts.addRule')}
            </Button>
            <Button onClick={() => {
                setDraft(null);
                setErrors([]);
              }} data-testid="rule-cancel">
              {t('common.cancel')}
            </Button>
            <Button color="primary" loading={saving} onClick={() => void save()} data-testid="rules-save">
              {t('alerts.saveRules')}
            </Button>
          </div>
        </>
      ) : (
        <>
          {state.value.length === 0 ? <ErrorBlock status="empty" title={t('alerts.noRules')} description={t('alerts.noRulesHint')} /> : null}
          {state.value.map((rule, index) => (
            <RuleView key={index} rule={rule} index={index} />
          ))}
          {canEdit ? (
            <div className={styles.footer}>
              <Button block color="primary" onClick={() => setDraft(state.value.map((rule) => ({ ...rule, matchers: [...rule.matchers] })))} data-testid="rules-edit">
                {t('alerts.editRules')}
              </Button>
            </div>
          ) : null}
        </>
      )}
      <RuleTester draft={draft} />
    </div>
  );
}
