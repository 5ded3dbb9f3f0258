import type { SlaState as SlaStateValue } from '@dingops/shared/tickets';
import { useI18n } from '../../../lib/i18n';
import styles from './ticket-tags.module.css';

const tagTone: Record<SlaStateValue, string | undefined> = { ok: styles.info, due_soon: styles.warning, breached: styles.danger, met: styles.success };
const textTone: Record<SlaStateValue, string | undefined> = { ok: styles.slaInfo, due_soon: styles.slaWarning, breached: styles.slaDanger, met: styles.slaSuccess };

/** 正常 / 即将超时 / 已超时 / 已达成: a tag in the detail header, dotted text in list rows. */
export function SlaState({ state, variant = 'tag' }: { state: SlaStateValue; variant?: 'tag' | 'text' }) {
  const { t } = useI18n();
  const className = variant === 'tag' ? `${styles.tag} ${tagTone[state] ?? ''}` : `${styles.sla} ${textTone[state] ?? ''}`;
  return (
    <span className={className} data-sla={state}>
      {t(`ticket.sla.${state}`)}
    </span>
  );
}
