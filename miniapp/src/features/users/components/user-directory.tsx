import type { Role } from '@dingops/shared/roles';
import type { User } from '@dingops/shared/users';
import { ErrorBlock, InfiniteScroll, List, SearchBar } from 'antd-mobile';
import { useState } from 'react';
import { PageLoadFailed } from '../../../components/load-states';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useUserDirectory } from '../hooks/use-user-directory';
import { RoleEditor } from './role-editor';
import { RoleFilter } from './role-filter';
import { UserRow } from './user-row';
import styles from './user-directory.module.css';

/** System administration: find a person, tap them, change the roles IT grants by hand. */
export function UserDirectory() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [editing, setEditing] = useState<User | null>(null);
  const q = useDebouncedValue(search.trim());
  const { state, loadMore, replaceItem, reload } = useUserDirectory({ q, role });

  const saved = (user: User) => {
    replaceItem(user);
    setEditing(null);
  };

  return (
    <div className={styles.directory}>
      <div className={styles.filters}>
        <SearchBar placeholder={t('users.search')} value={search} onChange={setSearch} data-testid="users-search" />
        <RoleFilter value={role} onChange={setRole} />
      </div>
      {state.status === 'failed' ? (
        <PageLoadFailed description={state.error ? describeApiError(state.error) : null} onRetry={reload} />
      ) : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <ErrorBlock status="empty" title={q || role ? t('users.noResults') : t('users.empty')} description={null} />
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <>
          <List className={styles.list} data-testid="users-list">
            {state.items.map((user) => (
              <UserRow key={user.id} user={user} onOpen={setEditing} />
            ))}
          </List>
          <InfiniteScroll loadMore={loadMore} hasMore={state.nextCursor !== null} />
        </>
      ) : null}
      {state.status === 'loading' ? <List className={styles.list}>{skeletonRows}</List> : null}
      <RoleEditor user={editing} onClose={() => setEditing(null)} onSaved={saved} />
    </div>
  );
}

const skeletonRows = [0, 1, 2, 3, 4].map((index) => (
  <List.Item key={index} className={styles.skeleton} prefix={<span className={styles.skeletonAvatar} />}>
    <span className={styles.skeletonLine} />
  </List.Item>
));
