import { useLoaded } from '../../../hooks/use-loaded';
import { getSlaSettings } from '../api/sla-settings';

/** The saved settings; `reload` reads them back after a save (`version` resets the form). */
export const useSlaSettings = () => useLoaded((signal) => getSlaSettings(signal), 'sla-settings');
