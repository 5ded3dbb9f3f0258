import type { AuditPerson } from '@dingops/shared/audit';
import { DotLoading, List, Popup, SearchBar } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { useLoaded } from '../../../hooks/use-loaded';
import { useI18n } from '../../../lib/i18n';
import { listAuditPeople } from '../api/list-audit-people';

/** 选择人员: search people by name or DingTalk id and pick one as the actor filter. */
export function PersonPickerSheet({ open, onClose, onPick }: { open: boolean; onClose: () => void; onPick: (person: AuditPerson) => void }) {
  const { t } = useI18n();
  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      <div className={sheet.body} data-testid="audit-person-sheet">
        <h2 className={sheet.title}>{t('audit.people.title')}</h2>
        <PeopleSearch onPick={onPick} />
      </div>
    </Popup>
  );
}

function PeopleSearch({ onPick }: { onPick: (person: AuditPerson) => void }) {
  const { t } = useI18n();
  const [words, setWords] = useState('');
  // Every look-up is audited: wait until typing stops, and ask nothing for an empty box.
  const q = useDebouncedValue(words.trim(), 400);
  const people = useLoaded((signal) => (q ? listAuditPeople(q, signal) : Promise.resolve({ items: [] })), q);
  return (
    <>
      <SearchBar placeholder={t('audit.people.search')} value={words} onChange={setWords} maxLength={50} data-testid="audit-person-search" />
      {people.state.status === 'loading' ? (
        <DotLoading color="primary" />
      ) : people.state.status === 'ready' && q && people.state.value.items.length === 0 ? (
        <p>{t('audit.people.empty')}</p>
      ) : people.state.status === 'ready' ? (
        <List>
          {people.state.value.items.map((person) => (
            <List.Item key={person.id} onClick={() => onPick(person)} description={[person.department, person.dingtalkUserId].filter(Boolean).join(' · ')} data-testid="audit-person-option" data-name={person.name}>
              {person.name}
            </List.Item>
          ))}
        </List>
      ) : null}
    </>
  );
}
