import { ApiError } from '../../../lib/api-client';

/**
 * The fields a refused call names, as paths after `body.` (`body.days` → `days`,
 * `body.items.3.comment` → `items.3.comment`); null when the error is not about fields. The server's
 * own messages are zod's English: pages put their own words under the fields named here.
 */
export function fieldsNamedBy(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const fields = (error.problem?.errors ?? []).map(({ path }) => path.replace(/^(body|query)\./, ''));
  return fields.length > 0 ? [...new Set(fields)] : null;
}

/** Keeps the first message per field among `known`; the rest are reported as `other`. */
export function errorsFor<F extends string>(fields: readonly string[], known: readonly F[]): { errors: Partial<Record<F, true>>; other: string[] } {
  const errors: Partial<Record<F, true>> = {};
  const other: string[] = [];
  for (const path of fields) {
    const head = path.split('.')[0] ?? '';
    if ((known as readonly string[]).includes(head)) errors[head as F] = true;
    else other.push(path);
  }
  return { errors, other };
}
