import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requireProvider } from './providers';

describe('requireProvider', () => {
  it('hands over the contract a provider decorated on the root instance', async () => {
    const app = Fastify();
    app.decorate('oncall', { onCall: async () => ({ primary: [], secondary: [] }), policy: async () => ({ id: 'default', name: '默认', steps: [] }), beforeFirstUse: () => {} });
    expect(requireProvider(app, { provider: 'oncall', consumer: 'alerts' })).toBe(app.oncall);
  });

  it('stops start-up naming both modules when the provider is not registered yet', () => {
    expect(() => requireProvider(Fastify(), { provider: 'tickets', consumer: 'alerts' })).toThrow('alerts needs tickets: register the tickets module first');
  });
});
