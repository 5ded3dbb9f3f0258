import { maintenanceWindowListSchema, maintenanceWindowSchema, type maintenanceWindowBodySchema } from '@dingops/shared/alert-maintenance';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type MaintenanceWindowDraftBody = z.input<typeof maintenanceWindowBodySchema>;

/** GET /alerts/maintenance-windows (IT): open now or still to come. */
export async function listMaintenanceWindows(signal?: AbortSignal) {
  return (await apiRequest('/alerts/maintenance-windows', { schema: maintenanceWindowListSchema, signal, silent: true })).items;
}

/** POST /alerts/maintenance-windows (it_admin). */
export function createMaintenanceWindow(body: MaintenanceWindowDraftBody) {
  return apiRequest('/alerts/maintenance-windows', { method: 'POST', body, schema: maintenanceWindowSchema, silent: true });
}

/** DELETE /alerts/maintenance-windows/:windowId (it_admin): cancels it; answers 204. */
export async function cancelMaintenanceWindow(windowId: string): Promise<void> {
  await apiRequest(`/alerts/maintenance-windows/${encodeURIComponent(windowId)}`, { method: 'DELETE', schema: z.unknown(), silent: true });
}
