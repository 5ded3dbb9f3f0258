/** Which fields to mark, and which matcher rows (`matchers.2.value` marks row 2). */
export type FormErrors<F extends string> = { fields: ReadonlySet<F>; matcherRows: ReadonlySet<number> };

/** Field paths (from zod or a problem+json) as errors under the fields the form shows. */
export function formErrorsOf<F extends string>(paths: readonly string[], fields: readonly F[]): FormErrors<F> {
  const marked = new Set<F>();
  const matcherRows = new Set<number>();
  for (const path of paths) {
    const [field = '', index] = path.split('.');
    if (field === 'matchers' && index !== undefined && /^\d+$/.test(index)) matcherRows.add(Number(index));
    else if ((fields as readonly string[]).includes(field)) marked.add(field as F);
  }
  return { fields: marked, matcherRows };
}

export const hasAnyError = (errors: FormErrors<string>) => errors.fields.size > 0 || errors.matcherRows.size > 0;
