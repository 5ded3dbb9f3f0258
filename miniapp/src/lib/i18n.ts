import { useSyncExternalStore } from 'react';
import { env } from '../config/env';
import { en } from '../locales/en';
import { zhCN, type CoreMessageKey } from '../locales/zh-cn';
import type { PageMessageKey } from '../locales/zh-cn-pages';

/** Every text's key: the login page's and the errors' (in the first download), and the pages'. */
export type MessageKey = CoreMessageKey | PageMessageKey;
type Messages = Partial<Record<MessageKey, string>>;
export type Locale = 'zh-CN' | 'en';
export type TranslateParams = Record<string, string | number>;

export const locales: readonly Locale[] = ['zh-CN', 'en'];
/** Each language is named in itself, so the switch reads right whatever is active. */
export const localeLabels: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

const dictionaries: Record<Locale, Messages> = { 'zh-CN': { ...zhCN }, en: { ...en } };
const storageKey = `${env.storagePrefix}.locale`;
const listeners = new Set<() => void>();

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

function readStoredLocale(): Locale | null {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLocale(stored) ? stored : null;
  } catch {
    return null; // storage can be disabled in some web views
  }
}

/** A stored choice wins; otherwise the first Chinese or English browser language; otherwise zh-CN. */
function detectLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return stored;
  for (const language of navigator.languages ?? [navigator.language]) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

let currentLocale: Locale = detectLocale();
document.documentElement.lang = currentLocale;

export function getLocale(): Locale {
  return currentLocale;
}

export function setLocale(locale: Locale): void {
  if (locale === currentLocale) return;
  currentLocale = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // the choice then lasts for this page only
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let pagesLoaded: Promise<void> | null = null;

/**
 * Loads the texts of every page after login (both languages, so switching stays instant). The
 * router awaits it beside each lazy page's code; later calls reuse the first load.
 */
export function loadPageMessages(): Promise<void> {
  pagesLoaded ??= Promise.all([import('../locales/zh-cn-pages'), import('../locales/en-pages')]).then(
    ([{ pagesZhCN }, { pagesEn }]) => {
      Object.assign(dictionaries['zh-CN'], pagesZhCN);
      Object.assign(dictionaries.en, pagesEn);
    },
    (error: unknown) => {
      pagesLoaded = null; // a failed chunk load may be retried by the next navigation
      throw error;
    },
  );
  return pagesLoaded;
}

/** Translate a key in the active language; `{name}` placeholders are filled from params. */
export function t(key: MessageKey, params?: TranslateParams): string {
  // A page's key before its texts loaded (never expected: the router loads them first) shows as itself.
  const template = dictionaries[currentLocale][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match));
}

/** Re-renders the caller when the language changes. */
export function useI18n() {
  const locale = useSyncExternalStore(subscribe, getLocale);
  return { locale, setLocale, t };
}

/** For keys built at run time, such as a server error code: `hasMessage('problem.x')`. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(dictionaries['zh-CN'], key);
}
