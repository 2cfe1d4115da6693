/** Every string exists in English, French and Haitian Creole, with the same placeholders. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function localeFolders(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) return [];
    return name === 'locales' ? [path] : localeFolders(path);
  });
}

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('strings', () => {
  const folders = localeFolders(SRC);

  it('are kept per feature: the shell, alerts, dashboard, desk, figures, humanitarian, operations, outbox, report and map', () => {
    expect(folders.map((f) => relative(SRC, f)).sort()).toEqual([
      'features/alerts/locales',
      'features/dashboard/locales',
      'features/desk/locales',
      'features/figures/locales',
      'features/humanitarian/locales',
      'features/operations/locales',
      'features/outbox/locales',
      'features/report/locales',
      'i18n/locales',
      'map/locales',
    ]);
  });

  for (const folder of folders) {
    it(`has every key of ${relative(SRC, folder)} in fr and ht, with the same placeholders`, () => {
      const read = (lang: string) =>
        flatten(JSON.parse(readFileSync(join(folder, `${lang}.json`), 'utf8')));
      const en = read('en');
      for (const lang of ['fr', 'ht']) {
        const other = read(lang);
        expect([...other.keys()].sort(), lang).toEqual([...en.keys()].sort());
        for (const [key, text] of en) {
          expect(placeholders(other.get(key) ?? ''), `${lang} ${key}`).toEqual(placeholders(text));
          // Only the "exact" qualifier is empty on purpose ("165,000", not "exactly 165,000").
          if (key !== 'qualifier.exact') expect(other.get(key), `${lang} ${key}`).not.toBe('');
        }
      }
    });
  }
});
