import type { AuditEntry, AuditVerification } from '@dingops/shared/audit';
import { beijingTime } from '@dingops/shared/rules/beijing-time';
import { Button, ErrorBlock, InfiniteScroll, List, Toast } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { exportAuditCsv } from '../api/export-audit-csv';
import { verifyAuditChain } from '../api/verify-audit-chain';
import { useAuditEntries } from '../hooks/use-audit-entries';
import { filtersQuery } from '../utils/filters-query';
import { saveBlob } from '../../../lib/save-file';
import { AuditEntryRow } from './audit-entry-row';
import { AuditEntrySheet } from './audit-entry-sheet';
import { AuditFilterBar, noAuditFilters, type AuditFilterState } from './audit-filter-bar';
import styles from './audit.module.css';
import { ChainVerdict } from './chain-check';

const errorText = (error: unknown, fallback: string) => (error instanceof ApiError ? (error.problem?.errors?.[0]?.message ?? describeApiError(error)) : fallback);

/** 审计日志: the trail newest first, filtered by person, kind of action and Beijing days; 校验链 and 导出 CSV. */
export function AuditLogPage() {
  const { t } = useI18n();
  const [state, setState] = useState<AuditFilterState>(noAuditFilters);
  const filters = useMemo(() => filtersQuery(state), [state]);
  const list = useAuditEntries(filters);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const [verdict, setVerdict] = useState<AuditVerification | null>(null);
  const [busy, setBusy] = useState<'verify' | 'export' | null>(null);

  const verify = async () => {
    setBusy('verify');
    try {
      setVerdict(await verifyAuditChain());
    } catch (error) {
      Toast.show({ content: errorText(error, t('audit.verify.failed')) });
    } finally {
      setBusy(null);
    }
  };

  const download = async () => {
    setBusy('export');
    try {
      const blob = await exportAuditCsv(filters);
      saveBlob(blob, `audit-${beijingTime(new Date()).replace(/[-: ]/g, '').replace(/^(\d{8})/, '$1-')}.csv`);
      Toast.show({ icon: 'success', content: t('audit.export.done') });
    } catch (error) {
      Toast.show({ content: errorText(error, t('error.server')) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="audit-log">
      <div className={styles.toolbar}>
        <Button color="primary" fill="outline" loading={busy === 'verify'} disabled={busy !== null} onClick={() => void verify()} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
        <Button color="primary" loading={busy === 'export'} disabled={busy !== null} onClick={() => void download()} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </div>
      {verdict ? <ChainVerdict verification={verdict} /> : null}
      <AuditFilterBar value={state} onChange={setState} />
      {list.status === 'loading' ? (
        <PageLoading />
      ) : list.status === 'failed' ? (
        <PageLoadFailed description={errorText(list.error, t('error.pageDescription'))} onRetry={list.retry} testId="audit-failed" />
      ) : list.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('audit.empty')} description={t('audit.emptyHint')} data-testid="audit-empty" />
      ) : (
        <>
          <List className={styles.list} data-testid="audit-rows">
            {list.items.map((entry) => (
              <AuditEntryRow key={entry.id} entry={entry} onOpen={setOpen} />
            ))}
          </List>
          <InfiniteScroll loadMore={list.loadMore} hasMore={list.nextCursor !== null} />
        </>
      )}
      <AuditEntrySheet entry={open} onClose={() => setOpen(null)} />
    </div>
  );
}
