import { ApiError } from '../../../lib/api-client';
import { hasMessage, t } from '../../../lib/i18n';

/**
 * The fields a refused call names, as paths after `body.` (`body.days` → `days`,
 * `body.items.3.comment` → `items.3.comment`); null when the error is not about fields. Conflicts
 * (a name taken, a role held already) and refusals (not your team) name their field too.
 */
export function fieldsNamedBy(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return null;
  const fields = (error.problem?.errors ?? []).map(({ path }) => path.replace(/^(body|query)\./, ''));
  return fields.length > 0 ? [...new Set(fields)] : null;
}

/** Our own words for a refusal the server named by code (`problem.access.already_held`), or null. */
export function problemText(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const key = `problem.${error.code}`;
  return hasMessage(key) ? t(key) : null;
}

/** The named fields among `known`; the rest are reported as `other`. */
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

/** A field's error: the server's refusal in our words when there is one, else the field's own message. */
export function messageOf(error: true | string | undefined, fallback: string): string | null {
  if (error === undefined) return null;
  return error === true ? fallback : error;
}
