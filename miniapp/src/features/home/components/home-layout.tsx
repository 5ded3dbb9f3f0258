import type { ReactNode } from 'react';
import styles from './home-layout.module.css';

type HomeLayoutProps = { summary: ReactNode; services: ReactNode; settings: ReactNode };

/**
 * Phones: greeting, services and settings stacked full width. A desktop window (≥ 900 px): a centred
 * two-column board — who you are and settings on the left, the service tiles on the right.
 */
export function HomeLayout({ summary, services, settings }: HomeLayoutProps) {
  return (
    <div className={styles.home} data-testid="home-layout">
      <div className={styles.summary}>{summary}</div>
      <div className={styles.services}>{services}</div>
      <div className={styles.settings}>{settings}</div>
    </div>
  );
}
