import type { FastifyPluginAsync } from 'fastify';
import type { SandboxState } from '../state';
import { approvalRoutes } from './approvals.routes';
import { workflowRoutes } from './workflow.routes';

/** The approval app: DingTalk's workflow API and the sandbox's approval inbox. */
export const approvalsPlugin: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  await app.register(workflowRoutes, { state });
  await app.register(approvalRoutes, { state, prefix: '/sandbox/api' });
};
