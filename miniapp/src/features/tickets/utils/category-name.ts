import { hasMessage, t, type MessageKey } from '../../../lib/i18n';

/** A category's name in the active language; a code IT added later shows as itself until the tree is loaded. */
export function categoryName(code: string): string {
  const key = `ticket.category.${code}`;
  return hasMessage(key) ? t(key as MessageKey) : code;
}
