import type { CSSProperties } from 'react';
import styles from './choice-chips.module.css';

type ChoiceChipsProps<V extends string> = {
  options: readonly V[];
  value: V | null;
  onChange: (value: V) => void;
  labelOf: (value: V) => string;
  /** Each chip gets `<testIdPrefix>-<value>`. */
  testIdPrefix: string;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
  /** Equal columns (default: one per option); leave out with `wrap` so long labels flow onto rows. */
  columns?: number;
  fit?: 'grid' | 'wrap';
};

/** One choice out of a few, all visible at once: a tap instead of opening a picker. */
export function ChoiceChips<V extends string>({ options, value, onChange, labelOf, testIdPrefix, labelledBy, describedBy, invalid, columns, fit = 'grid' }: ChoiceChipsProps<V>) {
  const style = { '--columns': columns ?? options.length } as CSSProperties;
  return (
    <div className={styles.chips} style={style} data-fit={fit} role="radiogroup" aria-labelledby={labelledBy} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={option === value}
          className={styles.chip}
          data-testid={`${testIdPrefix}-${option}`}
          onClick={() => onChange(option)}
        >
          {labelOf(option)}
        </button>
      ))}
    </div>
  );
}
