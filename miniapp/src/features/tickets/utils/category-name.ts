import { cachedCategories } from './category-store';
import { getLocale, hasMessage, t, type MessageKey } from '../../../lib/i18n';

/** A category's name in the active language: IT's name from the tree once loaded, else the built-in label, else the code. */
export function categoryName(code: string): string {
  const node = cachedCategories()?.find((candidate) => candidate.code === code);
  if (node) return getLocale() === 'en' ? node.name.en : node.name.zh;
  const key = `ticket.category.${code}`;
  return hasMessage(key) ? t(key as MessageKey) : code;
}
