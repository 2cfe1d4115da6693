/**
 * Text folding for full-text search: accent-, case- and hyphen-insensitive, so "petionville"
 * finds "Pétion-Ville" and "cite soleil" finds "Cité-Soleil". The same folding is applied to
 * what is indexed and to what is asked.
 */

/** Hyphens and dashes that join the parts of a place name ("Croix-des-Bouquets"). */
const JOINERS = /[-\u2010-\u2015\u2212'\u2019\u02bc]/u;
/** Anything that is not a letter or a digit separates words. */
const SEPARATOR = /[^\p{L}\p{N}]+/u;

function strip(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Words of `text`, folded, with the pieces of a compound split apart. */
export function foldedWords(text: string): string[] {
  return strip(text)
    .split(SEPARATOR)
    .filter((w) => w.length > 0);
}

/**
 * The folded form of a text, as stored for search: every word, and for each compound
 * ("Pétion-Ville", "Cité-Soleil") also the compound written as one word ("petionville",
 * "citesoleil"), so either spelling finds it.
 */
export function foldForSearch(...texts: readonly (string | null | undefined)[]): string {
  const out: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const chunk of strip(text).split(/\s+/u)) {
      if (chunk.length === 0) continue;
      const words = chunk.split(SEPARATOR).filter((w) => w.length > 0);
      out.push(...words);
      if (words.length > 1 && JOINERS.test(chunk)) out.push(words.join(''));
    }
  }
  return out.join(' ');
}

/** The most words a search may have; more are ignored. */
export const MAX_SEARCH_TERMS = 12;

/**
 * The words to look for, folded: all must match. The last may be the start of a word, so a
 * search typed letter by letter finds as it goes.
 */
export function searchTerms(q: string): string[] {
  return foldedWords(q).slice(0, MAX_SEARCH_TERMS);
}
