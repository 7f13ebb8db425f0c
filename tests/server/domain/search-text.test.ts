import { describe, expect, it } from 'vitest';
import { measureSearchText, normalizeSearchText, searchTerms } from '../../../server/domain/search-text';

describe('normalizeSearchText', () => {
  it('folds full-width letters and digits to ASCII and lower-cases them', () => {
    expect(normalizeSearchText('ＡＩ')).toBe('ai');
    expect(normalizeSearchText('ＡＩ・半導体')).toBe('ai・半導体');
    expect(normalizeSearchText('２０２６年')).toBe('2026年');
    expect(normalizeSearchText('ＧＸ')).toBe('gx');
  });

  it('folds English case', () => {
    expect(normalizeSearchText('Quantum Computing')).toBe('quantum computing');
  });

  it('folds half-width katakana, voiced marks and the long-vowel mark to full-width', () => {
    expect(normalizeSearchText('ｶﾞ')).toBe('ガ');
    expect(normalizeSearchText('ﾃﾞｼﾞﾀﾙ')).toBe('デジタル');
    expect(normalizeSearchText('ｾﾝｻｰ･ﾃﾞｰﾀ')).toBe('センサー・データ');
  });

  it('turns the ideographic space into an ordinary space', () => {
    expect(normalizeSearchText('ＡＩ\u3000量子')).toBe('ai 量子');
  });

  it('leaves kanji, hiragana and full-width katakana alone', () => {
    expect(normalizeSearchText('量子・コンテンツ・せんりゃく')).toBe('量子・コンテンツ・せんりゃく');
  });

  it('is idempotent', () => {
    const once = normalizeSearchText('ﾃﾞｼﾞﾀﾙ　ＡＩ Cyber');
    expect(normalizeSearchText(once)).toBe(once);
  });
});

describe('measureSearchText', () => {
  it('joins the present parts with newlines, normalised, skipping null, undefined and empty', () => {
    expect(measureSearchText(['ＡＩ推進', null, 'AI Promotion', undefined, '', 'METI-0012'])).toBe(
      'ai推進\nai promotion\nmeti-0012',
    );
  });

  it('is empty with no parts', () => {
    expect(measureSearchText([])).toBe('');
    expect(measureSearchText([null, undefined, ''])).toBe('');
  });

  it('lets every normalised query term match by plain substring', () => {
    // The point of normalising both sides: a half-width or full-width query finds the stored text.
    const stored = measureSearchText(['デジタル・サイバーセキュリティ', 'Digital & Cybersecurity']);
    for (const term of searchTerms('ﾃﾞｼﾞﾀﾙ　ＣＹＢＥＲ サイバー')) expect(stored).toContain(term);
  });
});

describe('searchTerms', () => {
  it('is empty for an absent, empty or blank query', () => {
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms('  \t\u3000 ')).toEqual([]);
  });

  it('splits on the ideographic space as well as ASCII whitespace', () => {
    expect(searchTerms('ＡＩ　半導体')).toEqual(['ai', '半導体']);
    expect(searchTerms(' ﾃﾞｼﾞﾀﾙ  Cyber\tsecurity\n')).toEqual(['デジタル', 'cyber', 'security']);
  });

  it('keeps at most 10 terms, the first ten', () => {
    const query = Array.from({ length: 12 }, (_, i) => `t${i + 1}`).join(' ');
    expect(searchTerms(query)).toEqual(['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9', 't10']);
  });

  it('keeps exactly 10 when given 10', () => {
    const query = Array.from({ length: 10 }, (_, i) => `語${i}`).join('\u3000');
    expect(searchTerms(query)).toHaveLength(10);
  });
});
