import type { User } from '@dingops/shared/users';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../audit/audit.service';
import type { FieldCipher } from '../crypto/field-cipher';
import type { EncryptedColumn } from '../crypto/reencrypt';
import { createUserReads } from './identity.reads';
import type { IdentityRepository } from './identity.repository';
import { createRoleGrants } from './identity.roles';
import { type DirectoryProfile, isMove, profileChanges } from './identity.rules';
import type { DepartmentRef, NewUserRow, UserRow } from './identity.table';
import { decideRegistration, type RegistrationDecision, type RegistrationPolicy } from './registration.rules';
import { createStatusChanges } from './identity.status';
import type { AccountChangeSource } from './identity.types';

export type { AccountChangeSource, Actor, PersonAccess, StatusChange } from './identity.types';

export interface DingTalkPerson {
  userId: string;
  unionId: string | null;
  name: string;
  title: string | null;
  avatarUrl: string | null;
  mobile: string | null;
  email: string | null;
  departments: DepartmentRef[];
  managerUserId: string | null;
}

/** A person's department or manager changed in DingTalk (rule S2: access follows the job). */
export interface ProfileChange {
  dingtalkUserId: string;
  name: string;
  before: DirectoryProfile;
  after: DirectoryProfile;
  context: AuditContext;
}

/** Runs inside the transaction that stores the change, so what it writes commits with it. */
export type ProfileListener = (change: ProfileChange, tx: Executor) => Promise<void>;

interface IdentityDeps {
  db: Db;
  repo: IdentityRepository;
  audit: AuditService;
  cipher: FieldCipher;
  registration: RegistrationPolicy;
}

export function createIdentityService({ db, repo, audit, cipher, registration }: IdentityDeps) {
  function rowValues(person: DingTalkPerson, loggedInAt?: Date): Omit<NewUserRow, 'id' | 'createdAt' | 'status'> {
    return {
      dingtalkUserId: person.userId,
      unionId: person.unionId,
      name: person.name,
      title: person.title,
      avatarUrl: person.avatarUrl,
      mobileEncrypted: person.mobile ? cipher.encrypt(person.mobile) : null,
      email: person.email,
      departments: person.departments,
      isDepartmentLeader: person.departments.some((department) => department.isLeader),
      managerDingtalkUserId: person.managerUserId,
      ...(loggedInAt ? { lastLoginAt: loggedInAt } : {}),
    };
  }

  /** The status a person DingOps has never seen starts in (rule S1); ignored for someone it knows. */
  const registrationOf = (person: DingTalkPerson): RegistrationDecision => decideRegistration(registration, { userId: person.userId, departments: person.departments });

  const { toUsers, requireUser, ...reads } = createUserReads({ repo, cipher });
  const profileListeners: ProfileListener[] = [];

  return {
    ...reads,
    ...createStatusChanges({ db, repo, audit, requireUser }),
    ...createRoleGrants({ db, repo, audit, requireUser }),

    /**
     * Creates or refreshes a person from their DingTalk profile at login. A new person's status comes
     * from the registration rule; `registration` says why (null for someone DingOps already knew).
     */
    async syncPerson(person: DingTalkPerson, { loggedInAt }: { loggedInAt?: Date }, tx: Executor): Promise<{ user: User; created: boolean; registration: RegistrationDecision | null }> {
      const decision = registrationOf(person);
      const { row, created } = await repo.upsertByDingtalkId(rowValues(person, loggedInAt), decision.status, tx);
      const [user] = await toUsers([row], tx);
      return { user: user as User, created, registration: created ? decision : null };
    },

    /**
     * A DingTalk contact event (join, change) read back from the directory: creates the person as a
     * first login would (the registration rule decides active or pending), or refreshes department,
     * title, leadership and manager. A creation and each real change are audited; the same profile
     * again writes nothing. The status is never changed here: a person suspended or waiting for review
     * in DingOps stays so until IT acts.
     */
    async applyDirectoryProfile({ person, context, source }: { person: DingTalkPerson; context: AuditContext; source: AccountChangeSource }, tx: Executor): Promise<{ user: User; outcome: 'created' | 'updated' | 'unchanged' }> {
      const before = await repo.findByDingtalkId(person.userId, tx);
      const decision = registrationOf(person);
      const { row, created } = await repo.upsertByDingtalkId(rowValues(person), decision.status, tx);
      const [user] = (await toUsers([row], tx)) as [User];
      const target = { type: 'user', id: row.id };
      if (created || !before) {
        await audit.record(context, { action: 'users.created', target, summary: { status: row.status, registration: decision.because, after: profileOf(row), source } }, tx);
        return { user, outcome: 'created' };
      }
      const changes = profileChanges(profileOf(before), profileOf(row));
      if (!changes) return { user, outcome: 'unchanged' };
      await audit.record(context, { action: 'users.updated', target, summary: { ...changes, source } }, tx);
      if (isMove(profileOf(before), profileOf(row))) for (const listener of profileListeners) await listener({ dingtalkUserId: row.dingtalkUserId, name: row.name, before: profileOf(before), after: profileOf(row), context }, tx);
      return { user, outcome: 'updated' };
    },

    isEmpty: () => repo.isEmpty(),

    /** Modules that follow moves (access reviews) subscribe while the app is built. */
    onProfileChanged(listener: ProfileListener): void {
      profileListeners.push(listener);
    },

    /** The encrypted columns this service owns, for background re-encryption after a key rotation. */
    encryptedColumns: (): EncryptedColumn[] => [
      { name: 'users.mobile_encrypted', listStale: (input) => repo.listStaleMobiles(input), rewrite: (id, value) => repo.updateMobile(id, value) },
    ],
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;

function profileOf(row: UserRow): DirectoryProfile {
  return { name: row.name, title: row.title, departments: row.departments, isDepartmentLeader: row.isDepartmentLeader, managerDingtalkUserId: row.managerDingtalkUserId };
}
