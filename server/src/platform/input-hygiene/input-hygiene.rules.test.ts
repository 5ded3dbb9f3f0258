import { describe, expect, it } from 'vitest';
import { describeUnstorable, findTextIssues, maxInputDepth, repairText, repairTexts } from './input-hygiene.rules';

describe('input hygiene rules', () => {
  it('P2: finds U+0000 and unpaired surrogates, and lets paired ones (emoji) through', () => {
    expect(describeUnstorable('a\u0000b')).toMatch(/U\+0000/);
    expect(describeUnstorable('\ud800x')).toMatch(/U\+D800/);
    expect(describeUnstorable('x\udfff')).toMatch(/U\+DFFF/);
    expect(describeUnstorable('故障 \u{1F600} ok')).toBeNull();
    expect(describeUnstorable('')).toBeNull();
  });

  it('P2: repair replaces each unstorable character with U+FFFD and keeps the rest', () => {
    expect(repairText('a\u0000b\ud800c\u{1F600}')).toBe('a\uFFFDb\uFFFDc\u{1F600}');
    expect(repairText('\udc00\ud800')).toBe('\uFFFD\uFFFD');
    expect(repairText('plain')).toBe('plain');
  });

  it('P2: names every offending field and key by path, as validation errors do', () => {
    const issues = findTextIssues({ title: 'a\u0000', alerts: [{ labels: { ok: 'x', service: '\ud800' } }], ['k\u0000']: 'v' }, 'body');
    expect(issues).toEqual([
      { path: 'body.title', message: expect.stringContaining('U+0000'), reason: 'text' },
      { path: 'body.alerts.0.labels.service', message: expect.stringContaining('surrogate'), reason: 'text' },
      { path: 'body.k\uFFFD', message: expect.stringContaining('has a key that contains the character U+0000'), reason: 'text' },
    ]);
    expect(findTextIssues('q\u0000', 'querystring.q')).toHaveLength(1);
    expect(findTextIssues({ a: 1, b: [true, null], c: Buffer.from([0]) }, 'body')).toEqual([]);
  });

  it('P2: refuses nesting deeper than the limit without walking it all', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(findTextIssues(deep, 'body')).toEqual([{ path: `body${'.0'.repeat(maxInputDepth)}`, message: expect.stringContaining('nested'), reason: 'depth' }]);
  });

  it('P2: repairs strings and keys throughout, keeping a __proto__ key a plain key', () => {
    const repaired = repairTexts(JSON.parse('{"labels":{"a\\u0000":"\\ud800"},"list":["x\\u0000"],"__proto__":{"polluted":"\\u0000"},"n":1}'));
    expect(repaired).toMatchObject({ labels: { 'a\uFFFD': '\uFFFD' }, list: ['x\uFFFD'], n: 1 });
    expect(Object.keys(repaired)).toEqual(['labels', 'list', '__proto__', 'n']);
    expect(Object.getPrototypeOf(repaired)).toBe(Object.prototype);
    expect((repaired as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('P2: caps the number of issues named', () => {
    expect(findTextIssues(Array.from({ length: 500 }, () => '\u0000'), 'body')).toHaveLength(20);
  });
});
