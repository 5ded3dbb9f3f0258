import { matcherOperators } from '@dingops/shared/rules/alert-matchers';
import { Button, Input } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { emptyMatcher, type MatcherDraft } from '../utils/matcher-draft';
import styles from './alerts.module.css';

type MatcherRowsProps = {
  matchers: MatcherDraft[];
  onChange: (next: MatcherDraft[]) => void;
  /** Row indexes the server or the form rejected. */
  invalidRows?: ReadonlySet<number>;
  testId: string;
};

/** Label matchers as name / operator / value rows, added and removed in place. */
export function MatcherRows({ matchers, onChange, invalidRows, testId }: MatcherRowsProps) {
  const { t } = useI18n();
  const update = (index: number, patch: Partial<MatcherDraft>) => onChange(matchers.map((matcher, at) => (at === index ? { ...matcher, ...patch } : matcher)));
  return (
    <div data-testid={testId}>
      {matchers.map((matcher, index) => (
        <div key={index}>
          <div className={styles.matcherRow} data-testid={`${testId}-row`}>
            <Input className={styles.input} value={matcher.name} onChange={(name) => update(index, { name })} placeholder={t('alerts.matcher.name')} aria-label={t('alerts.matcher.name')} data-testid={`${testId}-name-${index}`} />
            <select className={styles.opSelect} value={matcher.op} onChange={(event) => update(index, { op: event.target.value as MatcherDraft['op'] })} aria-label={t('alerts.matcher.op')} data-testid={`${testId}-op-${index}`}>
              {matcherOperators.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            <Input className={styles.input} value={matcher.value} onChange={(value) => update(index, { value })} placeholder={t('alerts.matcher.value')} aria-label={t('alerts.matcher.value')} data-testid={`${testId}-value-${index}`} />
            <Button size="mini" fill="none" color="danger" onClick={() => onChange(matchers.filter((_, at) => at !== index))} aria-label={t('alerts.matcher.remove')}>
              ✕
            </Button>
          </div>
          {invalidRows?.has(index) ? (
            <span className={styles.error} data-testid={`${testId}-error-${index}`}>
              {t('alerts.invalid.matcher')}
            </span>
          ) : null}
        </div>
      ))}
      <Button size="small" fill="outline" onClick={() => onChange([...matchers, emptyMatcher()])} data-testid={`${testId}-add`}>
        {t('alerts.matcher.add')}
      </Button>
    </div>
  );
}
