import type { Role } from '@dingops/shared/roles';
import { useCursorList } from '../../../hooks/use-cursor-list';
import { listUsers } from '../../../lib/api/users';

/** Users matching a search, first page on every filter change, further pages on demand. */
export function useUserDirectory({ q, role }: { q: string; role: Role | undefined }) {
  return useCursorList((page) => listUsers({ q, role, ...page }), JSON.stringify([q, role]));
}
