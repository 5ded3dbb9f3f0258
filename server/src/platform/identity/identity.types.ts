import type { AssignableRole } from '@dingops/shared/roles';
import type { User } from '@dingops/shared/users';
import type { AuditContext } from '../audit/audit.service';
import type { UserRow } from './identity.table';

// The identity service's plain types, apart from it so the reads, role grants and status changes it builds need not import it.

/** The logged-in person as every route sees them: the full user, loaded once per request. */
export type Actor = User;

/**
 * What caused a change to a person's account, kept in its audit row: a DingTalk contact event (with
 * the inbox row it came in and the DingTalk operator, when DingTalk names one) or a person in DingOps.
 */
export type AccountChangeSource =
  | { kind: 'dingtalk_org_event'; eventType: string; inboxEventId: string; operatorDingtalkUserId: string | null }
  | { kind: 'person' };

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
