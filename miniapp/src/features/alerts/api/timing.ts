import { alertTimingSettingsSchema, type AlertTiming } from '@dingops/shared/alert-maintenance';
import { apiRequest } from '../../../lib/api-client';

/** GET /alerts/timing (IT): group wait, group interval and repeat interval per level. */
export function getAlertTiming(signal?: AbortSignal) {
  return apiRequest('/alerts/timing', { schema: alertTimingSettingsSchema, signal, silent: true });
}

/** PUT /alerts/timing (it_admin). */
export function saveAlertTiming(timing: AlertTiming) {
  return apiRequest('/alerts/timing', { method: 'PUT', body: timing, schema: alertTimingSettingsSchema, silent: true });
}
