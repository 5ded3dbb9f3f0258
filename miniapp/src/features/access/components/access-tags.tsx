import type { GrantStatus, RequestStatus, Risk } from '@dingops/shared/access';
import { useI18n } from '../../../lib/i18n';
import styles from './access.module.css';

const riskTone: Record<Risk, string | undefined> = { low: styles.low, medium: styles.medium, high: styles.high };
const requestTone: Record<RequestStatus, string | undefined> = {
  pending: styles.info,
  approved: styles.success,
  refused: styles.danger,
  withdrawn: styles.neutral,
  failed: styles.warning,
};
const grantTone: Record<GrantStatus, string | undefined> = { provisioning: styles.info, active: styles.success, expired: styles.neutral, revoked: styles.neutral };

/** 低/中/高风险 in green, orange, red; the text always says it. */
export function RiskTag({ risk }: { risk: Risk }) {
  const { t } = useI18n();
  return (
    <span className={`${styles.tag} ${riskTone[risk] ?? ''}`} data-risk={risk} data-testid="access-risk">
      {t(`access.risk.${risk}`)}
    </span>
  );
}

/** 审批中 / 已通过 / 已拒绝 / 已撤回 / 发起失败. */
export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { t } = useI18n();
  return (
    <span className={`${styles.tag} ${requestTone[status] ?? ''}`} data-status={status} data-testid="access-request-status">
      {t(`access.requestStatus.${status}`)}
    </span>
  );
}

/** 开通中 / 生效中 / 已到期 / 已收回. */
export function GrantStatusTag({ status }: { status: GrantStatus }) {
  const { t } = useI18n();
  return (
    <span className={`${styles.tag} ${grantTone[status] ?? ''}`} data-status={status} data-testid="access-grant-status">
      {t(`access.grantStatus.${status}`)}
    </span>
  );
}
