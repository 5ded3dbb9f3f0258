import type { Ticket } from '@dingops/shared/tickets';
import { Toast } from 'antd-mobile';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { t } from '../../../lib/i18n';
import { createTicket } from '../api/create-ticket';
import { uploadInTurn } from '../api/upload-attachment';
import { addFailedUploads } from '../utils/failed-uploads';
import { checkDraft, fieldErrorsFromProblem, type FieldErrors, type ReportDraft, type ReportField } from '../utils/report-draft';
import { usePickedImages } from './use-picked-images';
import { useReportDraft } from './use-report-draft';

function scrollToFirstError(): void {
  requestAnimationFrame(() => document.querySelector('[aria-invalid="true"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
}

/**
 * The report form's state: the draft, which errors to show (a field's own once it was left, all
 * after a submit attempt, the server's until the field changes), the screenshots, and sending it:
 * the ticket first, then each screenshot. A screenshot that fails never costs the ticket; it waits
 * on the ticket's page for a retry.
 */
export function useReportForm({ userId, onCreated }: { userId: string; onCreated: (ticket: Ticket) => void }) {
  const { draft, update, reset, forgetStored, restored } = useReportDraft(userId);
  const { images, add, setImages, clearImages } = usePickedImages();
  const [touched, setTouched] = useState<ReadonlySet<ReportField>>(() => new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [uploadProgress, setUploadProgress] = useState<{ done: number; total: number } | null>(null);
  // A second tap (or Enter) while sending must not report the fault twice.
  const sending = useRef(false);

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
    clearImages();
    setTouched(new Set());
    setAttempted(false);
    setServerErrors({});
  }, [reset, clearImages]);

  const uploadImages = async (ticket: Ticket): Promise<number> => {
    if (images.length === 0) return 0;
    setUploadProgress({ done: 0, total: images.length });
    const failed = await uploadInTurn({
      ticketId: ticket.id,
      uploads: images,
      onSettled: () => setUploadProgress((progress) => progress && { ...progress, done: progress.done + 1 }),
    });
    addFailedUploads(ticket.id, failed);
    return failed.length;
  };

  const submit = async () => {
    setAttempted(true);
    if (!check.body) return scrollToFirstError();
    if (sending.current) return;
    sending.current = true;
    setSubmitting(true);
    try {
      const ticket = await createTicket(check.body);
      forgetStored();
      const failedCount = await uploadImages(ticket);
      clear();
      if (failedCount > 0) Toast.show({ content: t('report.submittedImagesFailed', { count: failedCount }), duration: 3000 });
      else Toast.show({ icon: 'success', content: t('report.submitted') });
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
      sending.current = false;
      setSubmitting(false);
      setUploadProgress(null);
    }
  };

  const imagePicker = { images, add, setImages };
  return { draft, errors, change, leave, clear, submit, submitting, uploadProgress, restored, imagePicker };
}

/** What each section of the form needs from the form's state. */
export type ReportSectionProps = Pick<ReturnType<typeof useReportForm>, 'draft' | 'errors' | 'change' | 'leave'>;
/** What the screenshots row needs. */
export type ImagePickerProps = ReturnType<typeof useReportForm>['imagePicker'];
