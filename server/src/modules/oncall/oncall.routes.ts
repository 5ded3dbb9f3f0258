import {
  calendarQuerySchema,
  calendarSchema,
  createOverrideBodySchema,
  onCallNowSchema,
  overrideParamsSchema,
  policyBodySchema,
  policyListSchema,
  policyParamsSchema,
  scheduleBodySchema,
  scheduleListSchema,
  scheduleParamsSchema,
  scheduleSchema,
  storedPolicySchema,
} from '@dingops/shared/oncall';
import type { Role } from '@dingops/shared/roles';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import type { PoliciesService } from './policies.service';
import type { SchedulesService } from './schedules.service';

/** IT sees who is on call; only IT admins change rotations, overrides and policies (rule R3). */
const readers: Role[] = ['it_staff', 'it_admin'];
const writers: Role[] = ['it_admin'];
const tags = ['oncall'];

export function setupScheduleRoutes(app: FastifyInstance, service: SchedulesService) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/schedules', {
    config: { access: readers },
    schema: { tags, summary: 'On-call schedules with their rotations and coming overrides', response: { 200: scheduleListSchema } },
    handler: async () => service.list(),
  });
  api.post('/schedules', {
    config: { access: writers },
    schema: { tags, summary: 'Create a weekly rotation (members must be IT staff)', body: scheduleBodySchema, response: { 201: scheduleSchema } },
    handler: async (request, reply) => reply.status(201).send(await service.create({ body: request.body, context: auditContextOf(request) })),
  });
  api.get('/schedules/:id', {
    config: { access: readers },
    schema: { tags, summary: 'One schedule', params: scheduleParamsSchema, response: { 200: scheduleSchema } },
    handler: async (request) => service.get(request.params.id),
  });
  api.put('/schedules/:id', {
    config: { access: writers },
    schema: { tags, summary: 'Change a schedule’s rotation', params: scheduleParamsSchema, body: scheduleBodySchema, response: { 200: scheduleSchema } },
    handler: async (request) => service.update({ id: request.params.id, body: request.body, context: auditContextOf(request) }),
  });
  api.post('/schedules/:id/overrides', {
    config: { access: writers },
    schema: { tags, summary: 'Put someone else on call as primary for a span', params: scheduleParamsSchema, body: createOverrideBodySchema, response: { 201: scheduleSchema } },
    handler: async (request, reply) => {
      const schedule = await service.addOverride({ scheduleId: request.params.id, body: request.body, actorId: request.actor?.id ?? null, context: auditContextOf(request) });
      return reply.status(201).send(schedule);
    },
  });
  api.delete('/schedules/:id/overrides/:overrideId', {
    config: { access: writers },
    schema: { tags, summary: 'Remove an override', params: overrideParamsSchema },
    handler: async (request, reply) => {
      await service.removeOverride({ scheduleId: request.params.id, overrideId: request.params.overrideId, context: auditContextOf(request) });
      return reply.status(204).send();
    },
  });
  api.get('/schedules/:id/calendar', {
    config: { access: readers },
    schema: { tags, summary: 'Who is primary and secondary in each span of a period (at most 62 days)', params: scheduleParamsSchema, querystring: calendarQuerySchema, response: { 200: calendarSchema } },
    handler: async (request) => service.calendar({ id: request.params.id, query: request.query }),
  });
  api.get('/now', {
    config: { access: readers },
    schema: { tags, summary: 'Who is on call now on each schedule', response: { 200: onCallNowSchema } },
    handler: async () => service.now(),
  });
}

export function setupPolicyRoutes(app: FastifyInstance, service: PoliciesService) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/policies', {
    config: { access: readers },
    schema: { tags, summary: 'Escalation policies', response: { 200: policyListSchema } },
    handler: async () => service.list(),
  });
  api.post('/policies', {
    config: { access: writers },
    schema: { tags, summary: 'Create an escalation policy (steps ascending by minutes)', body: policyBodySchema, response: { 201: storedPolicySchema } },
    handler: async (request, reply) => reply.status(201).send(await service.create({ body: request.body, context: auditContextOf(request) })),
  });
  api.get('/policies/:id', {
    config: { access: readers },
    schema: { tags, summary: 'One escalation policy', params: policyParamsSchema, response: { 200: storedPolicySchema } },
    handler: async (request) => service.get(request.params.id),
  });
  api.put('/policies/:id', {
    config: { access: writers },
    schema: { tags, summary: 'Change an escalation policy’s steps', params: policyParamsSchema, body: policyBodySchema, response: { 200: storedPolicySchema } },
    handler: async (request) => service.update({ id: request.params.id, body: request.body, context: auditContextOf(request) }),
  });
}
