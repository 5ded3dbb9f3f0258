import { describe, expect, it } from 'vitest';
import { type ChainLink, canonicalJson, chainHash, checkLink, genesisHash } from './audit.chain';

const fields = {
  at: new Date('2026-11-28T08:00:00.000Z'),
  actorId: 'u1',
  actorName: '王磊',
  action: 'auth.login',
  targetType: 'user',
  targetId: 'u1',
  result: 'success' as const,
  sourceIp: '127.0.0.1',
  requestId: 'req-1',
  summary: { b: 1, a: { y: 2, x: [1, 'z'] } },
};

function link(id: string, prevHash: string, overrides: Partial<ChainLink> = {}): ChainLink {
  const base = { ...fields, ...overrides, id, prevHash };
  return { ...base, hash: overrides.hash ?? chainHash(prevHash, base) };
}

describe('audit hash chain (rules S4, S5)', () => {
  it('canonical JSON sorts keys at every depth so jsonb key order cannot change a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it('S5: an untouched chain checks out link by link', () => {
    const first = link('1', genesisHash);
    const second = link('2', first.hash, { action: 'users.roles_changed' });
    expect(checkLink(first, genesisHash)).toEqual({ ok: true });
    expect(checkLink(second, first.hash)).toEqual({ ok: true });
  });

  it('S5: a changed field breaks its own link', () => {
    const first = link('1', genesisHash);
    const tampered = { ...first, result: 'failure' as const };
    expect(checkLink(tampered, genesisHash)).toMatchObject({ ok: false, reason: expect.stringContaining('content was changed') });
  });

  it('S5: a removed row breaks the next link', () => {
    const first = link('1', genesisHash);
    const second = link('2', first.hash);
    const third = link('3', second.hash);
    expect(checkLink(third, first.hash)).toMatchObject({ ok: false, reason: expect.stringContaining('removed or reordered') });
  });
});
