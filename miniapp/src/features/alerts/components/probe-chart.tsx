import type { ProbeResult } from '@dingops/shared/probes';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../../lib/i18n';
import styles from './probes.module.css';

/**
 * The response-time chart. ECharts is imported when the chart first shows, so neither the first
 * download nor the probe list pays for it.
 */
export function ProbeChart({ items, slowMs, from, to }: { items: readonly ProbeResult[]; slowMs: number | null; from: string; to: string }) {
  const { t, locale } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cleanUp: (() => void) | null = null;
    let cancelled = false;
    const names = { response: t('probes.chart.response'), down: t('probes.chart.down'), slowLine: t('probes.chart.slowLine'), outcome: { up: t('probes.outcome.up'), slow: t('probes.outcome.slow'), down: t('probes.outcome.down') } };
    void import('./probe-chart-render').then(({ renderProbeChart }) => {
      if (!cancelled && element.current) cleanUp = renderProbeChart(element.current, { items, slowMs, from, to, locale, names });
    });
    return () => {
      cancelled = true;
      cleanUp?.();
    };
  }, [items, slowMs, from, to, locale, t]);
  return <div ref={element} className={styles.chart} role="img" aria-label={t('probes.chartLabel')} data-testid="probe-chart" />;
}
