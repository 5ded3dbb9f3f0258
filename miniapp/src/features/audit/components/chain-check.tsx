import type { AuditVerification } from '@dingops/shared/audit';
import { useI18n } from '../../../lib/i18n';
import styles from './audit.module.css';

/** The verdict of 校验链: green when every link holds, red naming the first row that does not. */
export function ChainVerdict({ verification }: { verification: AuditVerification }) {
  const { t } = useI18n();
  return (
    <p className={`${styles.verdict} ${verification.ok ? styles.intact : styles.broken}`} role="status" data-testid="audit-verify-result" data-ok={String(verification.ok)}>
      {verification.ok ? t('audit.verify.ok', { count: verification.checked }) : t('audit.verify.broken', { id: verification.firstBrokenId ?? '?', reason: verification.reason ?? '' })}
    </p>
  );
}
