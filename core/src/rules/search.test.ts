import { describe, expect, it } from 'vitest';
import { foldedWords, foldForSearch, searchTerms } from './search.js';

const finds = (text: string, q: string) => {
  const words = new Set(foldForSearch(text).split(' '));
  return searchTerms(q).every((t) => words.has(t));
};

describe('search folding', () => {
  it('finds "Pétion-Ville" with "petionville" and with "petion ville"', () => {
    expect(finds('Barricades à Pétion-Ville ce matin', 'petionville')).toBe(true);
    expect(finds('Barricades à Pétion-Ville ce matin', 'petion ville')).toBe(true);
    expect(finds('Barricades à Pétion-Ville ce matin', 'PÉTION-VILLE')).toBe(true);
  });

  it('finds "Cité-Soleil" and "Cité Soleil" with "cite soleil"', () => {
    expect(finds('Tirs nourris à Cité-Soleil', 'cite soleil')).toBe(true);
    expect(finds('Tirs nourris à Cité Soleil', 'cite soleil')).toBe(true);
    expect(finds('Tirs nourris à Cité-Soleil', 'citesoleil')).toBe(true);
  });

  it('folds Creole and French accents and case', () => {
    expect(foldedWords('Kwadèboukè, Dèlma')).toEqual(['kwadebouke', 'delma']);
    expect(finds('Blokis sou wout Kwadèboukè', 'KWADEBOUKE')).toBe(true);
  });

  it('does not find a word that is not there', () => {
    expect(finds('Tirs nourris à Cité-Soleil', 'martissant')).toBe(false);
  });

  it('turns punctuation into separators and keeps at most twelve terms', () => {
    expect(searchTerms('"route" (RN1)!')).toEqual(['route', 'rn1']);
    expect(searchTerms('a b c d e f g h i j k l m n')).toHaveLength(12);
  });
});
