import { DomainError, defineError } from '../../../platform/errors/domain-error';

/** No probe with this id (or it was deleted meanwhile). */
export const probeNotFound = defineError('alerts.probe_not_found', 'not_found', (id: string) => `No probe ${id}`);

/** Probe names are unique: they label its alerts (probe=<name>), so two would share one alert. */
export const probeNameTaken = (name: string) => new DomainError('alerts.probe_name_taken', 'conflict', `A probe named "${name}" exists already`, [{ path: 'body.name', message: 'is taken by another probe' }]);
