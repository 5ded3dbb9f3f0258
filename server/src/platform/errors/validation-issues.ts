import type { FieldIssue } from './domain-error';

/** A zod issue as fastify-type-provider-zod hands it over: the path joined into `instancePath`, the rest in `params`. */
export interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

interface ZodIssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  errors?: ZodIssueLike[][];
}

/** How many leading segments of `path` exist in the input: how far the input got along this issue's path. */
function progressAlong(input: unknown, path: readonly PropertyKey[]): number {
  let node = input;
  for (const [index, key] of path.entries()) {
    if (typeof node !== 'object' || node === null || !(key in node)) return index;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return path.length;
}

/**
 * A failed union says only "Invalid input" at its own path. Of its branches, the one the input got
 * furthest into explains the failure (`{alerts: [{}]}` is the batch shape missing a title, not a
 * single alert missing its title); then the one with the fewest complaints, then the first. Its
 * issues are named instead, nested unions likewise.
 */
function expandUnion(issue: ZodIssueLike, path: PropertyKey[], input: unknown): { path: PropertyKey[]; message: string }[] {
  const branches = issue.errors?.filter((branch) => branch.length > 0) ?? [];
  if (issue.code !== 'invalid_union' || branches.length === 0) return [{ path, message: issue.message }];
  const ranked = branches.map((branch) => ({
    branch,
    progress: Math.max(...branch.map((inner) => progressAlong(input, [...path, ...inner.path]) - path.length)),
  }));
  ranked.sort((a, b) => b.progress - a.progress || a.branch.length - b.branch.length);
  return ranked[0]!.branch.flatMap((inner) => expandUnion(inner, [...path, ...inner.path], input));
}

/** Field issues named the way clients read them: `body.alerts.0.title`, `querystring.limit`, `params.id`. */
export function fieldIssuesOf({ validation, context, input }: { validation: readonly ValidationIssue[]; context: string; input: unknown }): FieldIssue[] {
  return validation.flatMap((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const errors = issue.params?.errors as ZodIssueLike[][] | undefined;
    const expanded = expandUnion({ code: issue.keyword, path: [], message: issue.message ?? 'is invalid', errors }, path, input);
    return expanded.map((item) => ({ path: [context, ...item.path.map(String)].join('.'), message: item.message }));
  });
}
