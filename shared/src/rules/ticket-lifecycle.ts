import type { ImpactScope, Level, TicketAction, TicketStatus, Urgency } from '../tickets';

/** Every legal step: action → (from → to). Anything not listed is an illegal transition. */
const steps: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  accept: { reported: 'accepted', reopened: 'accepted' },
  diagnose: { accepted: 'diagnosing' },
  resolve: { accepted: 'resolved', diagnosing: 'resolved', reopened: 'resolved' },
  confirm: { resolved: 'closed' },
  reopen: { resolved: 'reopened' },
  close: { resolved: 'closed' },
  cancel: { reported: 'cancelled', accepted: 'cancelled', diagnosing: 'cancelled', reopened: 'cancelled' },
};

/** Who may take each action: IT works tickets; the reporter confirms, reopens or withdraws their own. */
const actors: Record<TicketAction, readonly ('it' | 'reporter')[]> = {
  accept: ['it'],
  diagnose: ['it'],
  resolve: ['it'],
  confirm: ['reporter'],
  reopen: ['reporter'],
  close: ['it'],
  cancel: ['it', 'reporter'],
};

export function nextStatus(from: TicketStatus, action: TicketAction): TicketStatus | null {
  return steps[action][from] ?? null;
}

/** Diagnosing and resolving belong to the assignee (or an IT admin) once someone holds the ticket (rule F4). */
export const assigneeOnlyActions: readonly TicketAction[] = ['diagnose', 'resolve'];

/**
 * `worksIt` is false for IT staff looking at a ticket someone else holds: they may not diagnose or
 * resolve it for them.
 */
export function allowedActions({ status, isIt, isReporter, worksIt = true }: { status: TicketStatus; isIt: boolean; isReporter: boolean; worksIt?: boolean }): TicketAction[] {
  return (Object.keys(steps) as TicketAction[]).filter(
    (action) =>
      nextStatus(status, action) !== null &&
      (worksIt || !assigneeOnlyActions.includes(action)) &&
      actors[action].some((who) => (who === 'it' ? isIt : isReporter)),
  );
}

export const isOpen = (status: TicketStatus) => status !== 'closed' && status !== 'cancelled';

/** Suggested level (rule F2) from impact × urgency, shown before the report is sent. */
const levelMatrix: Record<ImpactScope, Record<Urgency, Level>> = {
  self: { low: 3, medium: 3, high: 2 },
  team: { low: 3, medium: 2, high: 2 },
  department: { low: 2, medium: 2, high: 1 },
  company: { low: 2, medium: 1, high: 1 },
};

export function suggestLevel({ impact, urgency }: { impact: ImpactScope; urgency: Urgency }): Level {
  return levelMatrix[impact][urgency];
}

/** Five people hitting the same fault is at least a department-wide problem (同样问题, rule F3). */
export const departmentWideFrom = 5;

const impactRank: Record<ImpactScope, number> = { self: 0, team: 1, department: 2, company: 3 };

/**
 * The impact and level a ticket should have once `affectedCount` people share it: impact never drops,
 * and the level is the more serious of the current one and the matrix's for the raised impact.
 */
export function raiseForAffected({ impact, urgency, level, affectedCount }: { impact: ImpactScope; urgency: Urgency; level: Level; affectedCount: number }): { impact: ImpactScope; level: Level } {
  if (affectedCount < departmentWideFrom || impactRank[impact] >= impactRank.department) return { impact, level };
  const raised = suggestLevel({ impact: 'department', urgency });
  return { impact: 'department', level: Math.min(level, raised) as Level };
}
