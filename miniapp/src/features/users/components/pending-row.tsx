import type { PendingUser } from '@dingops/shared/users';
import { Button } from 'antd-mobile';
import { PersonAvatar } from '../../../components/person-avatar';
import { useI18n } from '../../../lib/i18n';
import { formatRegisteredAt } from '../utils/format-registered-at';
import styles from './registration-review.module.css';

type PendingRowProps = { person: PendingUser; canDecide: boolean; busy: boolean; onActivate: (person: PendingUser) => void; onReject: (person: PendingUser) => void };

/** One person waiting for review: who DingTalk says they are, and IT's two answers. */
export function PendingRow({ person, canDecide, busy, onActivate, onReject }: PendingRowProps) {
  const { t, locale } = useI18n();
  const departments = person.departments.map((department) => department.name).join(' · ') || t('home.noDepartment');
  return (
    <li className={styles.row} data-testid={`pending-row-${person.dingtalkUserId}`}>
      <PersonAvatar name={person.name} avatarUrl={person.avatarUrl} />
      <div className={styles.profile}>
        <span className={styles.name}>{person.name}</span>
        <span className={styles.meta}>{[departments, person.title].filter(Boolean).join(' · ')}</span>
        <span className={styles.meta}>
          {t('registration.mobile')} {person.mobileMasked ?? t('registration.noMobile')} · {t('registration.registeredAt', { at: formatRegisteredAt(person.createdAt, locale) })}
        </span>
      </div>
      {canDecide ? (
        <div className={styles.decision}>
          <Button size="small" color="primary" loading={busy} onClick={() => onActivate(person)} data-testid={`activate-${person.dingtalkUserId}`}>
            {t('registration.activate')}
          </Button>
          <Button size="small" color="danger" fill="outline" disabled={busy} onClick={() => onReject(person)} data-testid={`reject-${person.dingtalkUserId}`}>
            {t('registration.reject')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}
