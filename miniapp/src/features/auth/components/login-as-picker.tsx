import type { SandboxPersonAccess } from '@dingops/shared/auth';
import { List, NoticeBar } from 'antd-mobile';
import { PersonAvatar } from '../../../components/person-avatar';
import { RoleTags } from '../../../components/role-tags';
import { useI18n } from '../../../lib/i18n';
import type { SandboxPerson } from '../api/sandbox-people';
import { pickerRoles } from '../utils/picker-roles';
import styles from './login-as-picker.module.css';

type Group = { key: string; name: string; people: SandboxPerson[] };

/**
 * One section per department, in the sandbox's order; a person in two departments shows twice, but
 * the company root (DingTalk department 1) only lists people who belong nowhere else.
 */
function groupByDepartment(people: readonly SandboxPerson[], otherName: string): Group[] {
  const groups = new Map<string, Group>();
  const add = (key: string, name: string, person: SandboxPerson) => {
    const group = groups.get(key) ?? { key, name, people: [] };
    group.people.push(person);
    groups.set(key, group);
  };
  for (const person of people) {
    if (person.departments.length === 0) add('-', otherName, person);
    const own = person.departments.filter((department) => department.id !== 1);
    for (const department of own.length > 0 ? own : person.departments) add(String(department.id), department.name, person);
  }
  return [...groups.values()];
}

type LoginAsPickerProps = {
  people: readonly SandboxPerson[];
  access: ReadonlyMap<string, SandboxPersonAccess>;
  notice: string | null;
  onPick: (person: SandboxPerson) => void;
};

export function LoginAsPicker({ people, access, notice, onPick }: LoginAsPickerProps) {
  const { t } = useI18n();
  const groups = groupByDepartment(people, t('login.noDepartment'));
  return (
    <div className={styles.picker} data-testid="login-as-picker">
      <header className={styles.intro}>
        <h1 className={styles.title}>
          {t('login.pickerTitle')}
          <span className={styles.badge}>{t('login.sandbox')}</span>
        </h1>
        <p className={styles.hint}>{t('login.pickerHint')}</p>
      </header>
      {notice ? <NoticeBar content={notice} color="alert" wrap /> : null}
      {groups.map((group) => (
        <List key={group.key} header={group.name} className={styles.group}>
          {group.people.map((person) => (
            <List.Item
              key={person.userId}
              prefix={<PersonAvatar name={person.name} avatarUrl={person.avatarUrl} />}
              description={<PersonMeta person={person} access={access.get(person.userId)} />}
              onClick={() => onPick(person)}
              arrowIcon
              data-testid={`login-as-${person.userId}`}
            >
              {person.name}
            </List.Item>
          ))}
        </List>
      ))}
    </div>
  );
}

/** The DingOps role first (what the login gives), then the job title, which is only a description. */
function PersonMeta({ person, access }: { person: SandboxPerson; access: SandboxPersonAccess | undefined }) {
  const { t } = useI18n();
  const { roles, isSuspended } = pickerRoles(person, access);
  return (
    <span className={styles.meta} data-testid={`login-as-roles-${person.userId}`}>
      <RoleTags roles={roles} />
      {isSuspended ? <span className={styles.suspended}>{t('login.suspended')}</span> : null}
      {person.title ? <span className={styles.jobTitle}>{person.title}</span> : null}
    </span>
  );
}
