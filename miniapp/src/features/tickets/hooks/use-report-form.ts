import type { Ticket } from '@dingops/shared/tickets';
import { Toast } from 'antd-mobile';
import { useCallback, useMemo, useState } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { t } from '../../../lib/i18n';
import { createTicket } from '../api/create-ticket';
import { checkDraft, fieldErrorsFromProblem, type FieldErrors, type ReportDraft, type ReportField } from '../utils/report-draft';
import { useReportDraft } from './use-report-draft';

function scrollToFirstError(): void {
  requestAnimationFrame(() => document.querySelector('[aria-invalid="true"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
}

/**
 * The report form's state: the draft, which errors to show (a field's own once it was left, all
 * after a submit attempt, the server's until the field changes) and sending it.
 */
export function useReportForm({ userId, onCreated }: { userId: string; onCreated: (ticket: Ticket) => void }) {
  const { draft, update, reset, restored } = useReportDraft(userId);
  const [touched, setTouched] = useState<ReadonlySet<ReportField>>(() => new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  const check = useMemo(() => checkDraft(draft, new Date()), [draft]);
  const errors = useMemo(() => {
    const shown: FieldErrors = { ...serverErrors };
    for (const [field, message] of Object.entries(check.errors ?? {}) as [ReportField, FieldErrors[ReportField]][]) {
      if (attempted || touched.has(field)) shown[field] = message;
    }
    return shown;
  }, [check, serverErrors, attempted, touched]);

  const change = useCallback(
    <F extends ReportField>(field: F, value: ReportDraft[F]) => {
      update(field, value);
      setServerErrors((previous) => (field in previous ? { ...previous, [field]: undefined } : previous));
    },
    [update],
  );

  const leave = useCallback((field: ReportField) => {
    setTouched((previous) => (previous.has(field) ? previous : new Set(previous).add(field)));
  }, []);

  const clear = useCallback(() => {
    reset();
    setTouched(new Set());
    setAttempted(false);
    setServerErrors({});
  }, [reset]);

  const submit = async () => {
    setAttempted(true);
    if (!check.body) return scrollToFirstError();
    setSubmitting(true);
    try {
      const ticket = await createTicket(check.body);
      clear();
      Toast.show({ icon: 'success', content: t('report.submitted') });
      onCreated(ticket);
    } catch (error) {
      const mapped = error instanceof ApiError && error.status === 400 ? fieldErrorsFromProblem(error.problem) : {};
      if (Object.keys(mapped).length > 0) {
        setServerErrors(mapped);
        scrollToFirstError();
      } else if (error instanceof ApiError) {
        Toast.show({ content: describeApiError(error) });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return { draft, errors, change, leave, clear, submit, submitting, restored };
}

/** What each section of the form needs from the form's state. */
export type ReportSectionProps = Pick<ReturnType<typeof useReportForm>, 'draft' | 'errors' | 'change' | 'leave'>;
