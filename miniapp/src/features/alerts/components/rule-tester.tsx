import type { RuleSet, ruleTestResultSchema } from '@dingops/shared/alerts';
import { Button, TextArea } from 'antd-mobile';
import { useState } from 'react';
import type { z } from 'zod';
import { useI18n } from '../../../lib/i18n';
import { testRules } from '../api/rules';
import { parseLabels } from '../utils/parse-labels';
import { showApiError } from '../utils/show-api-error';
import { AlertLevelTag } from './alert-tags';
import styles from './alerts.module.css';

type Result = z.infer<typeof ruleTestResultSchema>;

/** 测试: paste a sample alert's labels and see which rule, level, reason and group key it gets. */
export function RuleTester({ draft }: { draft: RuleSet['rules'] | null }) {
  const { t } = useI18n();
  const [text, setText] = useState('alertname=ErpDatabaseDown\nservice=erp\nseverity=critical');
  const [invalid, setInvalid] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    const labels = parseLabels(text);
    setInvalid(labels === null);
    if (!labels) {
      setResult(null);
      return;
    }
    setRunning(true);
    try {
      setResult(await testRules(labels, draft ?? undefined));
    } catch (error) {
      showApiError(error);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className={styles.rule} data-testid="rule-tester">
      <h3 className={styles.testerTitle}>{t('alerts.tester.title')}</h3>
      <p className={styles.fieldLabel}>{draft ? t('alerts.tester.hintDraft') : t('alerts.tester.hint')}</p>
      <TextArea value={text} onChange={setText} rows={5} autoSize={{ minRows: 4, maxRows: 12 }} className={`${styles.mono} ${styles.testerInput}`} aria-label={t('alerts.tester.title')} data-testid="rule-tester-input" />
      {invalid ? (
        <span className={styles.error} data-testid="rule-tester-invalid">
          {t('alerts.tester.invalid')}
        </span>
      ) : null}
      <Button color="primary" size="middle" loading={running} onClick={() => void run()} data-testid="rule-tester-run">
        {t('alerts.tester.run')}
      </Button>
      {result ? (
        <div className={styles.result} data-testid="rule-tester-result">
          <div className={styles.rowLine}>
            <AlertLevelTag level={result.level} testId="rule-tester-level" />
            <span data-testid="rule-tester-rule">{result.matchedRule ? t('alerts.tester.matched', { name: result.matchedRule }) : t('alerts.tester.noMatch')}</span>
          </div>
          <div className={styles.reason}>{result.reason}</div>
          <div>
            {t('alerts.tester.groupKey')}: <span className={styles.mono}>{result.groupKey}</span>
          </div>
          <div className={styles.meta}>{routeText(result.route, t)}</div>
        </div>
      ) : null}
    </section>
  );
}

function routeText(route: Result['route'], t: ReturnType<typeof useI18n>['t']): string {
  const parts = [route.groupId && t('alerts.route.group', { id: route.groupId }), route.escalationPolicyId && t('alerts.route.policy', { id: route.escalationPolicyId }), route.onCallScheduleId && t('alerts.route.schedule', { id: route.onCallScheduleId })].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : t('alerts.route.default');
}
