import { ErrorBlock } from 'antd-mobile';
import type { ReactNode } from 'react';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import type { Loaded } from '../../../hooks/use-loaded';
import { apiErrorText } from '../utils/show-api-error';

/** A page's list as it loads: the spinner, the failure with a retry, the empty state, or the rows. */
export function LoadedList<T>({ state, reload, empty, children }: { state: Loaded<T[]>; reload: () => void; empty: { title: string; description?: string; testId: string }; children: (items: T[]) => ReactNode }) {
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed description={apiErrorText(state.error)} onRetry={reload} />;
  if (state.value.length === 0) return <ErrorBlock status="empty" title={empty.title} description={empty.description ?? null} data-testid={empty.testId} />;
  return <>{children(state.value)}</>;
}
