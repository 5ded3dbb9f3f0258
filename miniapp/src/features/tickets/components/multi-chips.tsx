import type { CSSProperties } from 'react';
import styles from './choice-chips.module.css';

type MultiChipsProps<V extends string> = {
  options: readonly V[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  labelOf: (value: V) => string;
  /** Each chip gets `<testIdPrefix>-<value>`. */
  testIdPrefix: string;
  labelledBy: string;
};

/** Several of a few choices, all visible: each tap toggles one (kept in the options' order). */
export function MultiChips<V extends string>({ options, value, onChange, labelOf, testIdPrefix, labelledBy }: MultiChipsProps<V>) {
  const toggle = (option: V) => onChange(options.filter((candidate) => (candidate === option ? !value.includes(option) : value.includes(candidate))));
  return (
    <div className={styles.chips} style={{ '--columns': 3 } as CSSProperties} data-fit="wrap" role="group" aria-labelledby={labelledBy}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="checkbox"
          aria-checked={value.includes(option)}
          className={styles.chip}
          data-testid={`${testIdPrefix}-${option}`}
          onClick={() => toggle(option)}
        >
          {labelOf(option)}
        </button>
      ))}
    </div>
  );
}
