import type { MatcherDraft } from '../utils/matcher-draft';
import { matcherText } from '../utils/matcher-draft';
import styles from './alerts.module.css';

/** Matchers as Alertmanager prints them, one chip each; `emptyText` says what no matchers mean. */
export function MatcherLabels({ matchers, emptyText }: { matchers: readonly MatcherDraft[]; emptyText?: string }) {
  return (
    <span className={styles.labels}>
      {matchers.length === 0 && emptyText ? <span className={styles.meta}>{emptyText}</span> : null}
      {matchers.map((matcher, index) => (
        <span key={index} className={`${styles.label} ${styles.mono}`}>
          {matcherText(matcher)}
        </span>
      ))}
    </span>
  );
}
