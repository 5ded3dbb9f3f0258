import { hasMessage, t } from '../../../lib/i18n';

/** The action in words where we have them ("tickets.created" → 提交报障), else the raw action name. */
export function actionLabel(action: string): string {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? t(key) : action;
}

/** The family an action belongs to, in words, for actions without their own: "alerts.probe_run" → 告警. */
export function actionFamilyLabel(action: string): string | null {
  const key = `audit.family.${action.split('.')[0] ?? ''}`;
  return hasMessage(key) ? t(key) : null;
}
