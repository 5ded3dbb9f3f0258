import type { RuleSet } from '@dingops/shared/alerts';
import { Button, Input, Selector } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import type { MatcherDraft } from '../utils/matcher-draft';
import styles from './alerts.module.css';
import { MatcherLabels } from './matcher-labels';
import { MatcherRows } from './matcher-rows';

export type RuleDraft = RuleSet['rules'][number] & { matchers: MatcherDraft[] };
type RouteField = 'groupId' | 'escalationPolicyId' | 'onCallScheduleId';
const routeFields: readonly RouteField[] = ['groupId', 'escalationPolicyId', 'onCallScheduleId'];

type RuleEditorProps = {
  rule: RuleDraft;
  index: number;
  count: number;
  onChange: (rule: RuleDraft) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  /** Rejected parts of this rule, from the form or the server (`name`, `matchers.0`, `level`…). */
  errors: readonly string[];
};

/** One rule as a form: name, level, matchers and where its alerts go. */
export function RuleEditor({ rule, index, count, onChange, onMove, onRemove, errors }: RuleEditorProps) {
  const { t } = useI18n();
  const invalidRows = new Set(errors.filter((path) => /^matchers\.\d+/.test(path)).map((path) => Number(path.split('.')[1])));
  const fieldError = (field: string) => (errors.some((path) => path === field || path.startsWith(`${field}.`)) ? <span className={styles.error}>{t('alerts.invalid.ruleField')}</span> : null);
  return (
    <section className={styles.rule} data-testid="rule-editor">
      <div className={styles.ruleHeader}>
        <span className={styles.meta}>{t('alerts.ruleNumber', { number: index + 1 })}</span>
        <span className={styles.ruleName} />
        <Button size="mini" fill="none" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('alerts.moveUp')} data-testid={`rule-up-${index}`}>
          ↑
        </Button>
        <Button size="mini" fill="none" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('alerts.moveDown')} data-testid={`rule-down-${index}`}>
          ↓
        </Button>
        <Button size="mini" fill="none" color="danger" onClick={onRemove} data-testid={`rule-remove-${index}`}>
          {t('alerts.removeRule')}
        </Button>
      </div>
      <Input className={styles.input} value={rule.name} onChange={(name) => onChange({ ...rule, name })} placeholder={t('alerts.ruleName')} aria-label={t('alerts.ruleName')} data-testid={`rule-name-${index}`} />
      {fieldError('name')}
      <p className={styles.fieldLabel}>{t('alerts.ruleLevel')}</p>
      <Selector value={[String(rule.level)]} onChange={(values) => values[0] && onChange({ ...rule, level: Number(values[0]) as 1 | 2 | 3 })} options={([1, 2, 3] as const).map((level) => ({ label: t(`alerts.level.${level}`), value: String(level) }))} />
      <p className={styles.fieldLabel}>{t('alerts.matchers')}</p>
      <MatcherRows matchers={rule.matchers} onChange={(matchers) => onChange({ ...rule, matchers })} invalidRows={invalidRows} testId={`rule-${index}-matcher`} />
      {fieldError('matchers') && invalidRows.size === 0 ? fieldError('matchers') : null}
      <p className={styles.fieldLabel}>{t('alerts.ruleRoute')}</p>
      {routeFields.map((field) => (
        <div key={field}>
          <Input className={styles.input} value={rule[field] ?? ''} onChange={(value) => onChange({ ...rule, [field]: value.trim() ? value : null })} placeholder={t(`alerts.route.${field}`)} aria-label={t(`alerts.route.${field}`)} />
          {fieldError(field)}
        </div>
      ))}
      {rule.level > 1 ? (
        <>
          <p className={styles.fieldLabel}>{t('alerts.raiseAtFiring')}</p>
          <Input
            className={styles.input}
            type="number"
            min={2}
            value={rule.raiseAtFiring ? String(rule.raiseAtFiring) : ''}
            onChange={(value) => onChange({ ...rule, raiseAtFiring: value.trim() ? Number(value) : null })}
            placeholder={t('alerts.raiseAtFiringHint')}
            aria-label={t('alerts.raiseAtFiring')}
            data-testid={`rule-raise-${index}`}
          />
          {fieldError('raiseAtFiring')}
        </>
      ) : null}
    </section>
  );
}

/** A rule as read by IT staff (and admins before they edit). */
export function RuleView({ rule, index }: { rule: RuleSet['rules'][number]; index: number }) {
  const { t } = useI18n();
  const route = routeFields.filter((field) => rule[field]).map((field) => `${t(`alerts.route.${field}`)}: ${rule[field]}`);
  return (
    <section className={styles.rule} data-testid="rule-view">
      <div className={styles.ruleHeader}>
        <span className={styles.meta}>{t('alerts.ruleNumber', { number: index + 1 })}</span>
        <span className={styles.ruleName}>{rule.name}</span>
        <span className={`${styles.tag} ${({ 1: styles.level1, 2: styles.level2, 3: styles.level3 } as const)[rule.level]}`}>{t(`alerts.level.${rule.level}`)}</span>
      </div>
      <MatcherLabels matchers={rule.matchers} emptyText={t('alerts.matchesAll')} />
      {route.length > 0 ? <p className={styles.meta}>{route.join(' · ')}</p> : null}
      {rule.raiseAtFiring && rule.level > 1 ? <p className={styles.meta}>{t('alerts.raisesAt', { count: rule.raiseAtFiring })}</p> : null}
    </section>
  );
}
