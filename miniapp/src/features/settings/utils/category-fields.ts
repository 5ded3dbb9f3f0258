import { ticketCategoryNodeSchema, type TicketCategoryNode } from '@dingops/shared/tickets';
import type { Problem } from '@dingops/shared/problem';
import type { MessageKey } from '../../../lib/i18n';

export type CategoryDraft = { code: string; nameZh: string; nameEn: string; sortOrder: string };
export type CategoryField = keyof CategoryDraft;
export type CategoryFieldErrors = Partial<Record<CategoryField, MessageKey>>;

const messages: Record<CategoryField, MessageKey> = {
  code: 'settings.invalid.code',
  nameZh: 'settings.invalid.nameZh',
  nameEn: 'settings.invalid.nameEn',
  sortOrder: 'settings.invalid.sortOrder',
};

/** Which draft field a schema or problem+json path (`body.name.zh`, `params.code`, `code`) belongs to. */
function fieldOfPath(path: readonly (string | number)[]): CategoryField | null {
  const [head, next] = path.map(String).filter((part) => part !== 'body' && part !== 'params');
  if (head === 'code') return 'code';
  if (head === 'sortOrder') return 'sortOrder';
  if (head === 'name') return next === 'en' ? 'nameEn' : 'nameZh';
  return null;
}

/** The node to PUT, or the fields the shared schema rejects (the server checks the same one). */
export function checkCategoryDraft(
  draft: CategoryDraft,
  { parentCode, active, takenCodes }: { parentCode: string | null; active: boolean; takenCodes: readonly string[] },
): { node: TicketCategoryNode; errors: null } | { node: null; errors: CategoryFieldErrors } {
  const sortOrder = draft.sortOrder.trim() === '' ? Number.NaN : Number(draft.sortOrder);
  const parsed = ticketCategoryNodeSchema.safeParse({ code: draft.code.trim(), parentCode, name: { zh: draft.nameZh, en: draft.nameEn }, sortOrder, active });
  const errors: CategoryFieldErrors = {};
  if (takenCodes.includes(draft.code.trim())) errors.code = 'settings.invalid.codeTaken';
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path as (string | number)[]);
      if (field) errors[field] ??= messages[field];
    }
  }
  if (parsed.success && Object.keys(errors).length === 0) return { node: parsed.data, errors: null };
  return { node: null, errors };
}

/** A 400's problem+json field errors under the fields they name; whatever names no field comes back as `other`. */
export function categoryErrorsFromProblem(problem: Problem | null): { errors: CategoryFieldErrors; other: string[] } {
  const errors: CategoryFieldErrors = {};
  const other: string[] = [];
  for (const { path, message } of problem?.errors ?? []) {
    const field = fieldOfPath(path.split('.'));
    if (field) errors[field] ??= messages[field];
    else other.push(message);
  }
  return { errors, other };
}
