import type { User } from '@dingops/shared/users';
import { useEffect, useState } from 'react';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { listItPeople } from '../../../lib/api/users';

type PeopleState = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; people: User[] };

/** IT people matching a name being typed (it_staff and it_admin), active ones only. */
export function useItPeople(query: string) {
  const q = useDebouncedValue(query, 300);
  const [state, setState] = useState<PeopleState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    listItPeople({ q, signal: controller.signal })
      .then((people) => setState({ status: 'ready', people }))
      .catch(() => {
        if (!controller.signal.aborted) setState({ status: 'failed' });
      });
    return () => controller.abort();
  }, [q, reloads]);
  return { state, retry: () => setReloads((count) => count + 1) };
}
