import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { baseUrlOf, sendInvalidBody, sendProblem } from '../replies';
import type { SandboxState } from '../state';
import { sampleAlertKeys } from './sample-alerts';

const receiverBody = z.object({
  url: z.string().url().refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL'),
  token: z.string().trim().min(1).max(200),
});
const sendBody = z.object({ sample: z.enum(sampleAlertKeys), status: z.enum(['firing', 'resolved']).default('firing') });

/**
 * The sandbox's Alertmanager, under /sandbox/api/monitoring: DingOps registers its webhook and a
 * source token (`PUT …/receiver`, at start-up in sandbox mode; `DELETE` forgets it); the console fires and resolves the
 * sample alerts (`POST …/alerts`), and shows the receiver, the samples and what was sent (`GET`).
 */
export const monitoringRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const alertmanager = state.alertmanager;

  app.get('/monitoring', async () => alertmanager.view());

  app.put('/monitoring/receiver', async (request, reply) => {
    const body = receiverBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    const { url, registeredAt } = alertmanager.configure(body.data);
    return { url, registeredAt };
  });

  app.delete('/monitoring/receiver', async (_request, reply) => {
    alertmanager.disconnect();
    return reply.status(204).send();
  });

  app.post('/monitoring/alerts', async (request, reply) => {
    const body = sendBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    // Alertmanager only ever resolves what it had fired.
    if (body.data.status === 'resolved' && !alertmanager.isFiring(body.data.sample)) {
      return sendProblem(request, reply, { status: 409, code: 'sandbox.sample_not_firing', title: 'Conflict', detail: `${body.data.sample} is not firing, so there is nothing to resolve` });
    }
    const sent = await alertmanager.send({ key: body.data.sample, status: body.data.status, externalUrl: `${baseUrlOf(request)}/sandbox/` });
    if (!sent) {
      return sendProblem(request, reply, { status: 409, code: 'sandbox.no_alert_receiver', title: 'Conflict', detail: 'No alert receiver yet: DingOps registers its webhook here when it starts in sandbox mode' });
    }
    if (sent.outcome !== 'delivered') {
      const detail = sent.outcome === 'refused' ? `The receiver answered ${sent.httpStatus}: ${sent.detail ?? ''}` : `The receiver could not be reached: ${sent.detail ?? ''}`;
      return sendProblem(request, reply, { status: 502, code: 'sandbox.alert_not_delivered', title: 'Bad Gateway', detail });
    }
    return sent;
  });
};
