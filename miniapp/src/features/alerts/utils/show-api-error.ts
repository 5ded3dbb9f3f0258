import { Toast } from 'antd-mobile';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { t } from '../../../lib/i18n';

/** The toast for a failed call: our message for the code, then the server's own detail when it gave one. */
export function apiErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.server');
  const detail = error.problem?.detail;
  const known = describeApiError(error);
  return detail && detail !== known ? `${known}\n${detail}` : known;
}

export function showApiError(error: unknown): void {
  Toast.show({ content: apiErrorText(error), duration: 4000 });
}

/** Problem+json field paths without the `body.` prefix (`matchers.0.value`, `endsAt`), for errors under fields. */
export function problemPaths(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  return (error.problem?.errors ?? []).map((issue) => issue.path.replace(/^body\./, ''));
}
