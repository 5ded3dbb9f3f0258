import { describe, expect, it } from 'vitest';
import { documentTokens, minimumMatchWeight, normalizeText, orQuery, queryTokens, textTokens, tokenWeight } from './bigrams';

describe('knowledge search tokens (character bigrams)', () => {
  it('cuts a run of Chinese into overlapping bigrams', () => {
    expect(textTokens('打印机卡纸')).toEqual(['打印', '印机', '机卡', '卡纸']);
  });

  it('keeps a lone Chinese character as a unigram', () => {
    expect(textTokens('卡')).toEqual(['卡']);
    expect(textTokens('VPN 连 不上')).toEqual(['vpn', '连', '不上']);
  });

  it('keeps Latin letters and digits as whole lower-case words, split from Chinese', () => {
    expect(textTokens('Outlook邮箱同步失败 502')).toEqual(['outlook', '邮箱', '箱同', '同步', '步失', '失败', '502']);
  });

  it('folds full-width letters, digits and spaces to half-width before cutting', () => {
    expect(normalizeText('ＶＰＮ　５０２')).toBe('vpn 502');
    expect(textTokens('ＶＰＮ连不上')).toEqual(['vpn', '连不', '不上']);
  });

  it('drops punctuation, both Chinese and Latin, and never lets query syntax through', () => {
    expect(textTokens('投影仪，没有信号！')).toEqual(['投影', '影仪', '没有', '有信', '信号']);
    expect(textTokens("a'b | c & !d :* (e) <-> \\")).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const token of textTokens("x' | '); DROP TABLE t; -- 钉钉「登录」")) expect(token).toMatch(/^(\p{Script=Han}+|[a-z0-9]+)$/u);
  });

  it('skips runs too long to be words (hashes, pasted logs)', () => {
    expect(textTokens(`error ${'f'.repeat(41)} ok`)).toEqual(['error', 'ok']);
  });

  it('weights the document: title A, symptom B, cause, resolution and tags C', () => {
    const tokens = documentTokens({ title: '打印机卡纸', symptom: '打印中途停止', cause: null, resolution: '取出纸张', tags: ['HP'] });
    expect(tokens).toEqual({ a: '打印 印机 机卡 卡纸', b: '打印 印中 中途 途停 停止', c: '取出 出纸 纸张 hp' });
  });

  it('a query keeps each token once and becomes an OR for to_tsquery', () => {
    const tokens = queryTokens('打印打印 VPN vpn');
    expect(tokens).toEqual(['打印', '印打', 'vpn']);
    expect(orQuery(tokens)).toBe("'打印' | '印打' | 'vpn'");
    expect(orQuery([])).toBe('');
  });

  it('whole words weigh more than bigrams, and a match must cover two units or the whole short query', () => {
    expect(tokenWeight('vpn')).toBe(3);
    expect(tokenWeight('连不')).toBe(1);
    expect(minimumMatchWeight(queryTokens('VPN 连不上'))).toBe(2);
    expect(minimumMatchWeight(queryTokens('打印'))).toBe(1);
    expect(minimumMatchWeight([])).toBe(0);
  });
});
