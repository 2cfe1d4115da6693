/**
 * Languages: English, French and Haitian Creole. The choice is remembered in this browser;
 * until one is made, the user's account language, then the browser's, decide.
 *
 * Strings live in namespaces: `common` (the shell, here) and one per feature, registered by the
 * feature's own module (`registerStrings`) so a lazily loaded view brings its strings with it and
 * features never share a strings file.
 */
import { LANGUAGES, type Language } from '@konbit/core';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';

const STORAGE_KEY = 'konbit.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/**
 * Locale tags for Intl formatting. Browsers often have no Haitian Creole data; it then falls
 * back to French conventions (as used in Haiti), never to the browser's default.
 */
export const LOCALE: Record<Language, string[]> = {
  en: ['en-GB'],
  fr: ['fr-HT', 'fr'],
  ht: ['ht-HT', 'fr-HT', 'fr'],
};

export function setLanguage(lang: Language, remember = true): void {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

/** A namespace's strings in every language; the English file decides the keys. */
export type Strings<T> = { readonly en: T; readonly fr: T; readonly ht: T };

/** Adds a feature's namespace; call it at the top level of the feature's module. */
export function registerStrings<T extends object>(namespace: string, strings: Strings<T>): void {
  for (const lang of LANGUAGES) {
    if (!i18next.hasResourceBundle(lang, namespace)) {
      i18next.addResourceBundle(lang, namespace, strings[lang]);
    }
  }
}

export function initI18n(): typeof i18next {
  const lng = storedLanguage() ?? browserLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { en: { common: en }, fr: { common: fr }, ht: { common: ht } },
    ns: ['common'],
    defaultNS: 'common',
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    // Resources are bundled: initialise synchronously so the first render has its strings.
    initAsync: false,
  });
  return i18next;
}
