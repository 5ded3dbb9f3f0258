import { Button, CheckList, ErrorBlock, Popup, SearchBar, SpinLoading } from 'antd-mobile';
import type { User } from '@dingops/shared/users';
import { useState } from 'react';
import { PersonAvatar } from '../../../components/person-avatar';
import { useI18n } from '../../../lib/i18n';
import { useItPeople } from '../hooks/use-it-people';
import sheet from '../../../components/bottom-sheet.module.css';
import styles from './it-person-sheet.module.css';

const anyone = '';

type ItPersonSheetProps = {
  title: string;
  /** Marked 当前 and checked. */
  currentId: string | null;
  onPick: (person: User | null) => void;
  onClose: () => void;
  /** Offer 不限 first (the queue's filter). */
  allowAnyone?: boolean;
  testId: string;
};

/** A bottom sheet listing IT people with a search box; a tap picks one. Loaded on first use. */
export function ItPersonSheet({ title, currentId, onPick, onClose, allowAnyone = false, testId }: ItPersonSheetProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const { state, retry } = useItPeople(query);
  return (
    <Popup visible onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet}>
      <div className={`${sheet.body} ${styles.body}`} data-testid={testId}>
        <h2 className={sheet.title}>{title}</h2>
        <SearchBar value={query} onChange={setQuery} placeholder={t('tickets.more.searchPeople')} data-testid={`${testId}-search`} />
        <div className={styles.list}>
          {state.status === 'loading' ? (
            <div className={styles.center}>
              <SpinLoading />
            </div>
          ) : state.status === 'failed' ? (
            <ErrorBlock status="disconnected" title={t('error.network')} description={null}>
              <Button onClick={retry}>{t('common.retry')}</Button>
            </ErrorBlock>
          ) : state.people.length === 0 && !allowAnyone ? (
            <ErrorBlock status="empty" title={t('tickets.more.noPeople')} description={null} />
          ) : (
            <CheckList value={[currentId ?? anyone]}>
              {allowAnyone ? (
                <CheckList.Item value={anyone} onClick={() => onPick(null)} data-testid={`${testId}-any`}>
                  {t('tickets.filter.any')}
                </CheckList.Item>
              ) : null}
              {state.people.map((person) => (
                <CheckList.Item
                  key={person.id}
                  value={person.id}
                  prefix={<PersonAvatar name={person.name} avatarUrl={person.avatarUrl} size={32} />}
                  description={person.title ?? person.departments[0]?.name}
                  onClick={() => onPick(person)}
                  data-testid={`${testId}-person`}
                  data-name={person.name}
                >
                  {person.name}
                  {person.id === currentId ? <span className={styles.current}>{t('tickets.more.current')}</span> : null}
                </CheckList.Item>
              ))}
            </CheckList>
          )}
        </div>
      </div>
    </Popup>
  );
}
