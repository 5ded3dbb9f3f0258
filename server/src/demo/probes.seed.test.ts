import { describe, expect, it } from 'vitest';
import { ownReadyzUrl, sandboxTcpTarget } from './probes.seed';

const listening = (address: string, port = 3000) => ({ address, port, family: address.includes(':') ? 'IPv6' : 'IPv4' });

describe('demo probe targets (sandbox mode, loopback only)', () => {
  it('uses the public URL when it is this machine’s listening port, else the port on loopback', () => {
    expect(ownReadyzUrl({ publicUrl: 'http://localhost:3000', address: listening('0.0.0.0'), tls: false })).toBe('http://localhost:3000/readyz');
    expect(ownReadyzUrl({ publicUrl: 'http://localhost:3000', address: listening('127.0.0.1', 41234), tls: false })).toBe('http://127.0.0.1:41234/readyz');
    expect(ownReadyzUrl({ publicUrl: 'https://ops.example.com', address: listening('::'), tls: true })).toBe('https://127.0.0.1:3000/readyz');
    expect(ownReadyzUrl({ publicUrl: 'https://ops.example.com', address: listening('10.0.0.5'), tls: false })).toBeNull();
  });

  it('checks the sandbox’s port only when it runs on loopback', () => {
    expect(sandboxTcpTarget('http://127.0.0.1:3001/sandbox/api')).toBe('127.0.0.1:3001');
    expect(sandboxTcpTarget('http://sandbox.example.com:3001/sandbox/api')).toBeNull();
    expect(sandboxTcpTarget(null)).toBeNull();
  });
});
