import type { MessageKey } from '../../../lib/i18n';
import { useI18n } from '../../../lib/i18n';
import styles from './report-fields.module.css';

/** The message under a field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message: MessageKey | undefined }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <div id={id} className={styles.error} role="alert">
      {t(message)}
    </div>
  );
}
