import type { Problem } from '@dingops/shared/problem';
import { createTicketBodySchema, impactScopeSchema, ticketCategorySchema, urgencySchema, type CreateTicketBody } from '@dingops/shared/tickets';
import { z } from 'zod';
import type { MessageKey } from '../../../lib/i18n';

/** What the report form holds while it is being filled in (and what a reload restores). */
export const reportDraftSchema = z.object({
  category: ticketCategorySchema.nullable().catch(null),
  title: z.string().catch(''),
  description: z.string().catch(''),
  steps: z.string().catch(''),
  impact: impactScopeSchema.nullable().catch(null),
  urgency: urgencySchema.nullable().catch('medium'),
  /** null means "now": the moment of sending, not the moment the form was opened. */
  startedAt: z.iso.datetime({ offset: true }).nullable().catch(null),
  contact: z.string().catch(''),
});
export type ReportDraft = z.infer<typeof reportDraftSchema>;
export type ReportField = keyof ReportDraft;
export type FieldErrors = Partial<Record<ReportField, MessageKey>>;

/** Urgency starts at 一般 so that the usual report needs one tap less. */
export const emptyDraft: ReportDraft = {
  category: null,
  title: '',
  description: '',
  steps: '',
  impact: null,
  urgency: 'medium',
  startedAt: null,
  contact: '',
};

const reportFields = Object.keys(emptyDraft) as ReportField[];

function isReportField(name: string): name is ReportField {
  return (reportFields as string[]).includes(name);
}

export function isDraftEmpty(draft: ReportDraft): boolean {
  return reportFields.every((field) => draft[field] === emptyDraft[field]);
}

const requiredMessages: Partial<Record<ReportField, MessageKey>> = {
  category: 'report.invalid.category',
  title: 'report.invalid.title',
  description: 'report.invalid.description',
  impact: 'report.invalid.impact',
  urgency: 'report.invalid.urgency',
  startedAt: 'report.invalid.startedAt',
};

/** Our own words for a field's problem; the schema's messages are for API clients, in English. */
function fieldMessage(field: ReportField, code: string): MessageKey {
  if (code === 'too_big') return 'report.invalid.tooLong';
  return requiredMessages[field] ?? 'report.invalid.tooLong';
}

/** The body to send, or the message for each field that is wrong, checked with the API's own schema. */
export function checkDraft(draft: ReportDraft, now: Date): { body: CreateTicketBody; errors: null } | { body: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parsed = createTicketBodySchema.safeParse({
    ...draft,
    steps: draft.steps.trim() || undefined,
    startedAt: draft.startedAt ?? undefined,
    contact: draft.contact.trim() || undefined,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (isReportField(field)) errors[field] ??= fieldMessage(field, issue.code);
    }
  }
  if (draft.startedAt && new Date(draft.startedAt).getTime() > now.getTime()) errors.startedAt = 'report.invalid.startedAt';
  if (parsed.success && Object.keys(errors).length === 0) return { body: parsed.data, errors: null };
  return { body: null, errors };
}

/** The server's validation errors (`body.title`) placed on our fields; unknown paths are left out. */
export function fieldErrorsFromProblem(problem: Problem | null): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path } of problem?.errors ?? []) {
    const field = path.replace(/^body\./, '').split('.')[0] ?? '';
    if (isReportField(field)) errors[field] ??= fieldMessage(field, '');
  }
  return errors;
}
