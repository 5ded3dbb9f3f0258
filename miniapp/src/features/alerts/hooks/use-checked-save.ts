import { Toast } from 'antd-mobile';
import { useState } from 'react';
import type { ZodType } from 'zod';
import { formErrorsOf, hasAnyError, type FormErrors } from '../utils/form-errors';
import { problemPaths, showApiError } from '../utils/show-api-error';

/**
 * A sheet's save: the shared schema checks the body first, so errors land under their fields
 * without a round trip; the server's own 400 lands there too, and anything else is a toast.
 */
export function useCheckedSave<F extends string, T, R>({ schema, fields, submit, successText, onSaved }: { schema: ZodType<T>; fields: readonly F[]; submit: (body: T) => Promise<R>; successText: string; onSaved: (result: R) => void }) {
  const [errors, setErrors] = useState<FormErrors<F>>(() => formErrorsOf([], fields));
  const [saving, setSaving] = useState(false);

  const save = async (body: unknown) => {
    const checked = schema.safeParse(body);
    if (!checked.success) {
      setErrors(formErrorsOf(checked.error.issues.map((issue) => issue.path.join('.')), fields));
      return;
    }
    setSaving(true);
    try {
      const result = await submit(checked.data);
      Toast.show({ icon: 'success', content: successText });
      onSaved(result);
    } catch (error) {
      const mapped = formErrorsOf(problemPaths(error), fields);
      setErrors(mapped);
      if (!hasAnyError(mapped)) showApiError(error);
    } finally {
      setSaving(false);
    }
  };

  /** Wraps a field's setter: an edited field loses its error at once; the rest wait for the next save. */
  function edited<V>(field: F, set: (value: V) => void) {
    return (value: V) => {
      set(value);
      setErrors((previous) => ({ fields: new Set([...previous.fields].filter((other) => other !== field)), matcherRows: field === 'matchers' ? new Set() : previous.matcherRows }));
    };
  }

  return { errors, saving, save, edited };
}
