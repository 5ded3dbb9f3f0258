import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { demoDepartmentIds } from '../../../server/src/sandbox';
import { personByRole } from '../../support/demo-people';
import { buildTestApp, type TestApp } from '../../support/test-app';
import { createSampler, type FuzzRequest, type Operation, operationsOf, requestsFor, seededRandom, validSample } from './openapi-fuzz.cases';

/** Change it to explore new inputs; a failure reproduces with the seed it ran with. */
const seed = 20261128;

type Totals = { requests: number; '2xx': number; '3xx': number; '4xx': number; '5xx': number };

/** Headers that get each operation past its access check: a session whose roles it allows, or a webhook source's token. */
async function accessFor(t: TestApp) {
  const sessions = await Promise.all(
    Object.values(personByRole).map(async (userId) => {
      const session = await t.loginAs(userId);
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers });
      return { ...session, roles: me.json().roles as string[] };
    }),
  );
  const admin = sessions.find((session) => session.roles.includes('it_admin'))!;
  const accessOf = (operation: Operation) => {
    const url = operation.path.replace(/\{(\w+)\}/g, ':$1');
    return t.app.registeredRoutes.find((route) => route.method === operation.method && route.url === url)?.access ?? 'authenticated';
  };
  // A fresh source per webhook operation: the source routes rotate and disable the ones they find.
  const webhookToken = async (kind: string) => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: `fuzz ${kind}`, kind } });
    return created.json().token as string;
  };
  return {
    userIds: new Set(sessions.map((session) => session.userId)),
    itStaffId: sessions.find((session) => session.roles.includes('it_staff'))!.userId,
    admin,
    async headersFor(operation: Operation): Promise<Record<string, string>> {
      const webhook = /\/webhooks\/([\w-]+)$/.exec(operation.path);
      if (webhook) return { authorization: `Bearer ${await webhookToken(webhook[1]!)}` };
      const access = accessOf(operation);
      if (access === 'public' || access === 'authenticated') return admin.headers;
      return (sessions.find((session) => access.some((role) => session.roles.includes(role))) ?? admin).headers;
    },
  };
}

/** The first item a list answers, as the value for a path parameter (`items[0].id`, or the field named like the parameter). */
function firstIdIn(body: unknown, name: string, skip: Set<string>): string | null {
  const lists = Array.isArray(body) ? [body] : Object.values((body ?? {}) as Record<string, unknown>).filter(Array.isArray);
  for (const item of lists.flat() as Record<string, unknown>[]) {
    const value = item?.[name] ?? item?.id;
    if ((typeof value === 'string' || typeof value === 'number') && !skip.has(String(value))) return String(value);
  }
  return null;
}

function problemFailure(response: LightMyRequestResponse): string | null {
  if (!String(response.headers['content-type'] ?? '').startsWith('application/problem+json')) return `not problem+json (${String(response.headers['content-type'])})`;
  const problem = response.json() as { status?: unknown; code?: unknown; instance?: unknown };
  if (problem.status !== response.statusCode) return `problem status ${String(problem.status)}`;
  if (typeof problem.code !== 'string' || typeof problem.instance !== 'string') return 'problem without code or instance';
  return null;
}

describe('OpenAPI fuzz', () => {
  it('P2, P4: no request built from the API document is answered 5xx, and every 4xx is problem+json with status, code and instance', { timeout: 600_000 }, async () => {
    const t = await buildTestApp();
    const operations = operationsOf((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json());
    const random = seededRandom(seed);
    const access = await accessFor(t);
    // What a schema cannot say: which values exist. Everything else is sampled from the document.
    const sample = createSampler(random, {
      category: 'network',
      parentCode: null,
      target: 'http://127.0.0.1:9/health',
      expectedStatus: '200-399',
      members: [access.itStaffId],
      userId: access.itStaffId,
      assigneeId: access.itStaffId,
      webhookUrl: `${t.sandboxUrl}/robot/send?access_token=fuzz`,
      // Access: people are DingTalk ids; a request for oneself, not an extension of a grant one lacks.
      ownerUserId: 'yq-wanglei',
      forUserId: 'yq-wanglei',
      extendsGrantId: undefined,
      // An access review's scope: the department of a demo employee who holds a grant.
      departmentId: demoDepartmentIds.sales,
    });
    const totals: Totals = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
    const failures: string[] = [];
    let validSamplesAccepted = 0;
    const validSamplesRefused: string[] = [];

    const send = async (operation: Operation, request: FuzzRequest, headers: Record<string, string>) => {
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => request.pathValues[name] ?? '');
      const response = await t.app.inject({
        method: operation.method as 'GET',
        url: request.query ? `${path}?${request.query}` : path,
        headers: { ...headers, ...(request.contentType ? { 'content-type': request.contentType } : {}) },
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      });
      totals.requests += 1;
      totals[`${Math.floor(response.statusCode / 100)}xx` as keyof Totals] += 1;
      const failure = response.statusCode >= 500 ? response.body.slice(0, 300) : response.statusCode >= 400 ? problemFailure(response) : null;
      if (failure) failures.push(`${operation.method} ${operation.path} [${request.label}] → ${response.statusCode}: ${failure}`);
      if (request.label === validSample && response.statusCode < 300) validSamplesAccepted += 1;
      else if (request.label === validSample) validSamplesRefused.push(`${operation.method} ${path} → ${response.statusCode} ${response.body.slice(0, 160)}`);
    };

    const resolvePath = async (operation: Operation): Promise<Record<string, string>> => {
      const values: Record<string, string> = {};
      for (const param of operation.pathParams) {
        const listPath = operation.path.slice(0, operation.path.indexOf(`/{${param.name}}`));
        const list = operations.find((candidate) => candidate.method === 'GET' && candidate.path === listPath);
        let found: string | null = null;
        if (list && list.pathParams.every((p) => values[p.name] !== undefined)) {
          const url = listPath.replace(/\{(\w+)\}/g, (_, name: string) => values[name]!);
          const response = await t.app.inject({ method: 'GET', url, headers: await access.headersFor(list) });
          if (response.statusCode === 200) found = firstIdIn(response.json(), param.name, access.userIds);
        }
        values[param.name] = encodeURIComponent(found ?? String(sample(param.schema)));
      }
      return values;
    };

    // Creates first, so the other operations find real rows to work on.
    const creates = operations.filter((operation) => operation.method === 'POST' && operation.pathParams.length === 0);
    for (const operation of [...creates, ...operations.filter((operation) => !creates.includes(operation))]) {
      const headers = await access.headersFor(operation);
      for (const request of requestsFor({ operation, random, sample, resolvedPath: await resolvePath(operation) })) await send(operation, request, headers);
    }

    console.info(`OpenAPI fuzz (seed ${seed}): ${operations.length} operations, ${totals.requests} requests: ${totals['2xx']} × 2xx, ${totals['3xx']} × 3xx, ${totals['4xx']} × 4xx, ${totals['5xx']} × 5xx`);
    expect(operations.length).toBeGreaterThan(80);
    // The broken inputs are worth something only if the intact ones get through to the handlers.
    expect(validSamplesAccepted, `intact samples refused:\n${validSamplesRefused.join('\n')}`).toBeGreaterThan(operations.length * 0.8);
    expect(failures.slice(0, 60)).toEqual([]);
    expect(totals['5xx']).toBe(0);
  });
});
