import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendInvalidBody } from '../replies';
import type { SandboxState } from '../state';

const faultsBody = z.object({
  errorRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  throttle: z.boolean().optional(),
  throttleForMs: z.number().int().positive().max(86_400_000).optional(),
  dropConnections: z.boolean().optional(),
});

/**
 * Fault injection settings, under /sandbox/api, with how many answers it injected since the sandbox
 * started. PUT replaces the settings: anything left out is off.
 */
export const faultsRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const current = () => ({ ...state.faults.get(), injected: state.faults.injectedCounts() });

  app.get('/faults', async () => current());

  app.put('/faults', async (request, reply) => {
    const body = faultsBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    state.faults.set(body.data);
    return current();
  });

  app.delete('/faults', async (_request, reply) => {
    state.faults.reset();
    return reply.status(204).send();
  });
};
