import { defineError } from '../../../platform/errors/domain-error';

/** No maintenance window with this id, or it was cancelled (a cancelled window cannot change). */
export const maintenanceWindowNotFound = defineError('alerts.maintenance_window_not_found', 'not_found', (id: string) => `No maintenance window ${id} (or it was cancelled)`);
