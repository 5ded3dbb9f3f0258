import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { getSlaSettings, type SlaSettings } from '../api/sla-settings';

export type SlaSettingsState = { status: 'loading' } | { status: 'failed'; error: ApiError | null } | { status: 'ready'; settings: SlaSettings; version: number };

/** The saved settings; `reload` reads them back after a save (`version` resets the form). */
export function useSlaSettings() {
  const [state, setState] = useState<SlaSettingsState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getSlaSettings(controller.signal)
      .then((settings) => setState({ status: 'ready', settings, version: reloads }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error: error instanceof ApiError ? error : null });
      });
    return () => controller.abort();
  }, [reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { state, reload };
}
