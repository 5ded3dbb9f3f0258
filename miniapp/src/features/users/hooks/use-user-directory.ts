import type { Role } from '@dingops/shared/roles';
import type { User } from '@dingops/shared/users';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { listUsers } from '../api/list-users';

type DirectoryState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError | null }
  | { status: 'ready'; items: User[]; nextCursor: string | null };

/** Users matching a search, first page on every filter change, further pages on demand. */
export function useUserDirectory({ q, role }: { q: string; role: Role | undefined }) {
  const [state, setState] = useState<DirectoryState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  // Bumped on every filter change so a late page from an older search is dropped.
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    const controller = new AbortController();
    setState({ status: 'loading' });
    listUsers({ q, role, signal: controller.signal })
      .then((page) => {
        if (current === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor });
      })
      .catch((error: unknown) => {
        if (current === generation.current && !controller.signal.aborted) {
          setState({ status: 'failed', error: error instanceof ApiError ? error : null });
        }
      });
    return () => controller.abort();
  }, [q, role, reloads]);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.nextCursor) return;
    const current = generation.current;
    const page = await listUsers({ q, role, cursor: state.nextCursor });
    if (current !== generation.current) return;
    setState({ status: 'ready', items: [...state.items, ...page.items], nextCursor: page.nextCursor });
  }, [state, q, role]);

  const replaceUser = useCallback((user: User) => {
    setState((previous) =>
      previous.status === 'ready' ? { ...previous, items: previous.items.map((item) => (item.id === user.id ? user : item)) } : previous,
    );
  }, []);

  const reload = useCallback(() => setReloads((count) => count + 1), []);

  return { state, loadMore, replaceUser, reload };
}
