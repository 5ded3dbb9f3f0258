import { List } from 'antd-mobile';
import type { ReactNode } from 'react';
import styles from './access.module.css';

type FormFieldProps = { name: string; label: string; error: string | null | undefined; required?: boolean; hint?: string; children: ReactNode };

/** A labelled form row with its message underneath (`access-error-<name>`), as UI.md's inline validation asks. */
export function FormField({ name, label, error, required = false, hint, children }: FormFieldProps) {
  return (
    <List.Item
      title={<span className={required ? `${styles.label} ${styles.required}` : styles.label}>{label}</span>}
      description={
        error ? (
          <span className={styles.error} role="alert" data-testid={`access-error-${name}`}>
            {error}
          </span>
        ) : (
          hint
        )
      }
    >
      {children}
    </List.Item>
  );
}
