import { List } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';
import type { PersonAccess } from '../api/get-person';
import { formatDateTime } from '../utils/format';
import { GrantList } from './grant-list';
import { RequestList } from './request-list';
import styles from './access.module.css';

/** One person's access story: every grant (held and ended), every request, and the audit events about them. */
export function PersonView({ person }: { person: PersonAccess }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  return (
    <div data-testid="access-person" data-user-id={person.userId}>
      <div className={styles.card}>
        <div className={styles.rowTitle}>
          <span>{person.name ?? person.userId}</span>
          {person.status ? <span className={`${styles.tag} ${person.status === 'active' ? styles.success : styles.neutral}`}>{person.status === 'active' ? t('access.person.active') : t('access.person.suspended')}</span> : null}
        </div>
        <div className={styles.hint}>{person.userId}</div>
      </div>
      <div className={styles.section}>{t('access.person.grants')}</div>
      <GrantList testId="access-person-grants" grants={person.grants} emptyText={t('access.grants.emptyOther')} />
      <div className={styles.section}>{t('access.person.requests')}</div>
      <RequestList testId="access-person-requests" requests={person.requests} emptyText={t('access.requests.emptyOther')} onOpen={(request) => void navigate(paths.accessRequest.getHref(request.id))} />
      <div className={styles.section}>{t('access.person.events')}</div>
      {person.events.length === 0 ? <div className={styles.empty}>{t('access.person.noEvents')}</div> : (
        <List data-testid="access-person-events">
          {person.events.map((event, index) => (
            <List.Item key={`${event.at}-${index}`} description={event.actorName ?? undefined} extra={formatDateTime(event.at, locale)}>
              {event.action}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
