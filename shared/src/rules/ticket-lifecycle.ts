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

export function allowedActions({ status, isIt, isReporter }: { status: TicketStatus; isIt: boolean; isReporter: boolean }): TicketAction[] {
  return (Object.keys(steps) as TicketAction[]).filter(
    (action) => nextStatus(status, action) !== null && actors[action].some((who) => (who === 'it' ? isIt : isReporter)),
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
