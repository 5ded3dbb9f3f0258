import { type AssignableRole, effectiveRoles } from '@dingops/shared/roles';
import type { ListUsersQuery, PendingUser, User, UserStatus } from '@dingops/shared/users';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { auditLog } from '../audit/audit.table';
import type { FieldCipher } from '../crypto/field-cipher';
import type { EncryptedColumn } from '../crypto/reencrypt';
import { decodeCursor, invalidCursor, keysetPage } from '../pagination/cursor';
import { cannotDropOwnAdmin, userNotFound } from './identity.errors';
import type { IdentityRepository } from './identity.repository';
import { type DirectoryProfile, isMove, profileChanges } from './identity.rules';
import type { DepartmentRef, NewUserRow, UserRow } from './identity.table';
import { decideRegistration, maskMobile, type RegistrationDecision, type RegistrationPolicy } from './registration.rules';

/** The logged-in person as every route sees them: the full user, loaded once per request. */
export type Actor = User;

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

/**
 * What caused a change to a person's account, kept in its audit row: a DingTalk contact event (with
 * the inbox row it came in and the DingTalk operator, when DingTalk names one) or a person in DingOps.
 */
export type AccountChangeSource =
  | { kind: 'dingtalk_org_event'; eventType: string; inboxEventId: string; operatorDingtalkUserId: string | null }
  | { kind: 'person' };

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

/** A person's access as DingOps stores it; leadership and status are null before DingOps met them. */
export interface PersonAccess {
  dingtalkUserId: string;
  granted: AssignableRole[];
  isDepartmentLeader: boolean | null;
  status: UserRow['status'] | null;
}

export interface StatusChange {
  userId: string;
  /** Why, in words an auditor reads (e.g. "left the organisation in DingTalk"). */
  reason: string;
  context: AuditContext;
  source: AccountChangeSource;
}

/** Which statuses each change starts from, and the audit action it writes. */
const transitions = {
  suspend: { to: 'suspended', from: ['active', 'pending', 'rejected'], action: 'users.suspended' },
  reactivate: { to: 'active', from: ['suspended'], action: 'users.reactivated' },
  activate: { to: 'active', from: ['pending'], action: 'users.activated' },
  reject: { to: 'rejected', from: ['pending'], action: 'users.rejected' },
} as const satisfies Record<string, { to: UserStatus; from: readonly UserStatus[]; action: string }>;
type Transition = keyof typeof transitions;

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

  /** Moves a person's status along one transition, with an audit row holding before, after, reason and source. */
  async function changeStatus(transition: Transition, { userId, reason, context, source }: StatusChange, tx: Executor): Promise<{ user: User; changed: boolean }> {
    const { to, from, action } = transitions[transition];
    const before = await requireUser(userId, tx);
    const row = await repo.changeStatus({ id: userId, status: to, from }, tx);
    if (!row) return { user: before, changed: false };
    await audit.record(context, { action, target: { type: 'user', id: userId }, summary: { before: before.status, after: to, reason, source } }, tx);
    return { user: await requireUser(userId, tx), changed: true };
  }

  const inTransaction = (transition: Transition) => (change: StatusChange, tx?: Executor) =>
    tx ? changeStatus(transition, change, tx) : db.transaction((own) => changeStatus(transition, change, own));

  /** The status a person DingOps has never seen starts in (rule S1); ignored for someone it knows. */
  const registrationOf = (person: DingTalkPerson): RegistrationDecision => decideRegistration(registration, { userId: person.userId, departments: person.departments });

  async function toUsers(rows: UserRow[], tx?: Executor): Promise<User[]> {
    const grants = await repo.grantsFor(rows.map((row) => row.dingtalkUserId), tx);
    return rows.map((row) => toUser(row, grants.get(row.dingtalkUserId) ?? []));
  }

  async function requireUser(id: string, tx?: Executor): Promise<User> {
    const row = await repo.findById(id, tx);
    if (!row) throw userNotFound(id);
    const [user] = await toUsers([row], tx);
    return user as User;
  }

  const profileListeners: ProfileListener[] = [];

  return {
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

    /** Suspends an account: its sessions are refused from the next request on (the actor is reloaded per request). */
    suspend: inTransaction('suspend'),

    /** Makes a suspended account active again; the person logs in anew. */
    reactivate: inTransaction('reactivate'),

    /** Rule S1: IT verified a person waiting for review; they use DingOps from their next request on. */
    activate: inTransaction('activate'),

    /** Rule S1: IT refused a registration; the person's logins are refused with the reason. */
    reject: inTransaction('reject'),

    /** The reason IT gave when it refused this person's registration (kept in the audit trail). */
    async rejectionReason(userId: string): Promise<string | null> {
      const [latest] = await db
        .select({ summary: auditLog.summary })
        .from(auditLog)
        .where(and(eq(auditLog.action, transitions.reject.action), eq(auditLog.targetType, 'user'), eq(auditLog.targetId, userId)))
        .orderBy(desc(auditLog.id))
        .limit(1);
      const reason = latest?.summary.reason;
      return typeof reason === 'string' ? reason : null;
    },

    /** People waiting for registration review, with their mobile masked (rule S1 review, P4 privacy). */
    async listPending(limit = 200): Promise<PendingUser[]> {
      const rows = await repo.listPending(limit);
      return rows.map((row) => ({
        id: row.id,
        dingtalkUserId: row.dingtalkUserId,
        name: row.name,
        avatarUrl: row.avatarUrl,
        departments: row.departments,
        title: row.title,
        mobileMasked: maskMobile(row.mobileEncrypted ? cipher.decrypt(row.mobileEncrypted) : null),
        createdAt: row.createdAt.toISOString(),
      }));
    },

    getUser: (id: string) => requireUser(id),

    /** The DingOps user for a DingTalk user id, or null if they never logged in nor were synced. */
    async findByDingtalkId(dingtalkUserId: string, tx?: Executor): Promise<User | null> {
      const row = await repo.findByDingtalkId(dingtalkUserId, tx);
      if (!row) return null;
      const [user] = await toUsers([row], tx);
      return user ?? null;
    },

    /**
     * The actor for a session token; null when the person no longer exists, is suspended or was
     * rejected. A person waiting for review is returned: the route guard lets them reach /me only.
     */
    async findSessionActor(id: string): Promise<Actor | null> {
      const found = await repo.findWithGrants(id);
      if (!found || (found.row.status !== 'active' && found.row.status !== 'pending')) return null;
      return toUser(found.row, found.grants);
    },

    /** An active person by DingOps id (e.g. a ticket assignee); null when missing, pending, suspended or rejected. */
    async findActiveActor(id: string): Promise<Actor | null> {
      const found = await repo.findWithGrants(id);
      if (!found || found.row.status !== 'active') return null;
      return toUser(found.row, found.grants);
    },

    async listUsers(query: ListUsersQuery): Promise<{ items: User[]; nextCursor: string | null }> {
      const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
      if (after && !/^[0-9a-f-]{36}$/.test(after[1] ?? '')) throw invalidCursor();
      const rows = await repo.list({
        ...(query.q ? { q: query.q } : {}),
        ...(query.role && query.role !== 'employee' && query.role !== 'manager' ? { withRole: query.role } : {}),
        ...(after ? { afterName: after[0], afterId: after[1] } : {}),
        limit: query.limit + 1,
      });
      const page = keysetPage(rows, query.limit, (row) => [row.name, row.id]);
      let items = await toUsers(page.items);
      if (query.role === 'manager') items = items.filter((user) => user.isManager);
      return { items, nextCursor: page.nextCursor };
    },

    async setRoles({ userId, roles, context, actor }: { userId: string; roles: AssignableRole[]; context: AuditContext; actor: Actor }): Promise<User> {
      return db.transaction(async (tx) => {
        const before = await requireUser(userId, tx);
        if (before.id === actor.id && before.roles.includes('it_admin') && !roles.includes('it_admin')) throw cannotDropOwnAdmin();
        const unique = [...new Set(roles)];
        await repo.replaceGrants({ dingtalkUserId: before.dingtalkUserId, roles: unique, grantedBy: actor.dingtalkUserId }, tx);
        const after = await requireUser(userId, tx);
        await audit.record(context, { action: 'users.roles_changed', target: { type: 'user', id: userId }, summary: { before: before.roles, after: after.roles } }, tx);
        return after;
      });
    },

    /** Grants that must exist (ADMIN_USER_IDS, the sandbox's demo roles); each new one is audited. */
    async ensureGrants(grants: { dingtalkUserId: string; role: AssignableRole }[], context: AuditContext): Promise<void> {
      await db.transaction(async (tx) => {
        const added = await repo.ensureGrants(grants, context.actorId ?? 'system', tx);
        for (const grant of added) {
          await audit.record(context, { action: 'users.role_granted', target: { type: 'dingtalk_user', id: grant.dingtalkUserId }, summary: { role: grant.role } }, tx);
        }
      });
    },

    /** What DingOps knows of each person's access: grants, leadership and status, by DingTalk user id. */
    async listAccess(limit = 1000): Promise<PersonAccess[]> {
      const { people, grants } = await repo.listAccess(limit);
      const byId = new Map<string, PersonAccess>(people.map((person) => [person.dingtalkUserId, { ...person, granted: [] }]));
      for (const grant of grants) {
        const entry = byId.get(grant.dingtalkUserId) ?? { dingtalkUserId: grant.dingtalkUserId, isDepartmentLeader: null, status: null, granted: [] };
        entry.granted.push(grant.role);
        byId.set(grant.dingtalkUserId, entry);
      }
      return [...byId.values()];
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

function toUser(row: UserRow, grants: AssignableRole[]): User {
  return {
    id: row.id,
    dingtalkUserId: row.dingtalkUserId,
    name: row.name,
    title: row.title,
    avatarUrl: row.avatarUrl,
    departments: row.departments,
    roles: effectiveRoles({ granted: grants, isDepartmentLeader: row.isDepartmentLeader }),
    isManager: row.isDepartmentLeader,
    status: row.status,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}
