import type { EscalationStep, StoredPolicy } from '@dingops/shared/oncall';
import { Button, ErrorBlock, List, Tag } from 'antd-mobile';
import { useState } from 'react';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { usePolicies } from '../hooks/use-policies';
import { PolicyEditorSheet } from './policy-editor-sheet';
import styles from './oncall.module.css';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';

/** 升级策略: each policy's steps in order; IT admins edit them. */
export function PoliciesPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const { state, reload } = usePolicies();
  const [editing, setEditing] = useState<StoredPolicy | null>(null);

  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed description={state.error ? describeApiError(state.error) : null} onRetry={reload} />;
  if (state.value.length === 0) return <ErrorBlock status="empty" title={t('oncall.noPolicies')} description={t('oncall.noPoliciesHint')} />;

  return (
    <div data-testid="oncall-policies">
      {state.value.map((policy) => (
        <List
          key={policy.id}
          className={styles.group}
          header={
            <span className={styles.stepHeader}>
              <span>
                {policy.name}
                {policy.isDefault ? (
                  <Tag color="primary" fill="outline" className={styles.overrideTag}>
                    {t('oncall.default')}
                  </Tag>
                ) : null}
              </span>
              {canEdit ? (
                <Button size="mini" color="primary" fill="none" onClick={() => setEditing(policy)} data-testid="policy-edit">
                  {t('oncall.edit')}
                </Button>
              ) : null}
            </span>
          }
          data-testid="policy"
        >
          {policy.steps.map((step, index) => (
            <List.Item key={index} description={<StepTargets step={step} />} data-testid="policy-step">
              {step.afterMinutes === 0 ? t('oncall.atOnce') : t('oncall.afterMinutes', { count: step.afterMinutes })}
            </List.Item>
          ))}
        </List>
      ))}
      <p className={`${styles.meta} ${styles.actions}`}>{t('oncall.policyHint')}</p>
      <PolicyEditorSheet
        policy={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
    </div>
  );
}

function StepTargets({ step }: { step: EscalationStep }) {
  const { t } = useI18n();
  return <>{step.notify.map((target) => t(`oncall.target.${target}`)).join('、')}</>;
}
