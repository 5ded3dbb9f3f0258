import { describe, expect, it } from 'vitest';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldIssuesOf, type ValidationIssue } from './validation-issues';

const alert = z.object({ title: z.string(), severity: z.string().max(5).optional(), labels: z.record(z.string(), z.string()).default({}) });
const payload = z.union([alert, z.object({ alerts: z.array(alert).min(1) })]);

/** The issues as the error handler receives them: zod's, reshaped by the type provider's validator. */
function issuesFor(schema: z.ZodType, input: unknown) {
  const result = validatorCompiler({ schema, method: 'POST', url: '/', httpPart: 'body' })(input) as { error?: ValidationIssue[] };
  if (!result.error) throw new Error('expected a failure');
  return fieldIssuesOf({ validation: result.error, context: 'body', input });
}

describe('validation issues', () => {
  it('R5: a failed union names the field of the branch the input came closest to', () => {
    expect(issuesFor(payload, { title: 5 })).toEqual([{ path: 'body.title', message: expect.stringContaining('expected string') }]);
    expect(issuesFor(payload, { alerts: [{ title: 'x', labels: { service: 5 } }] })).toEqual([{ path: 'body.alerts.0.labels.service', message: expect.stringContaining('expected string') }]);
    expect(issuesFor(payload, { title: 'x', severity: 'far too long', labels: 'x' }).map((issue) => issue.path).sort()).toEqual(['body.labels', 'body.severity']);
  });

  it('R5: with nothing to go by, the first branch explains', () => {
    expect(issuesFor(payload, {})).toEqual([{ path: 'body.title', message: expect.stringContaining('expected string') }]);
    expect(issuesFor(payload, 7)).toEqual([{ path: 'body', message: expect.stringContaining('expected object') }]);
  });

  it('R5: unions inside objects keep their own path', () => {
    const wrapped = z.object({ level: z.union([z.literal(1), z.literal(2)]), nested: z.object({ payload }) });
    expect(issuesFor(wrapped, { level: 1, nested: { payload: { alerts: [{}] } } })).toEqual([{ path: 'body.nested.payload.alerts.0.title', message: expect.any(String) }]);
    expect(issuesFor(wrapped, { level: 3, nested: { payload: { title: 'x' } } })).toEqual([{ path: 'body.level', message: expect.any(String) }]);
  });

  it('R5: plain issues keep the existing path format', () => {
    expect(issuesFor(z.object({ title: z.string().min(2) }), { title: 'a' })).toEqual([{ path: 'body.title', message: expect.stringContaining('>=2') }]);
  });
});
