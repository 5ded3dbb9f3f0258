import type { Catalog } from '@dingops/shared/access';
import { Button, List, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { downloadHistory } from '../api/download-history';
import { getHistory, type AccessHistory } from '../api/get-history';
import { fromDateInput, toDateInput } from '../utils/format';
import { canSaveFiles, saveBlob } from '../../../lib/save-file';
import { GrantList } from './grant-list';
import styles from './access.module.css';

/** 谁在何时拥有权限: a system and a date range → every grant held at some time in it (rules S4, S5). */
export function HistoryView({ catalog }: { catalog: Catalog }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [systemId, setSystemId] = useState<number | null>(catalog.items[0]?.id ?? null);
  const [from, setFrom] = useState(() => toDateInput(new Date(Date.now() - 90 * 86_400_000)));
  const [to, setTo] = useState(() => toDateInput(new Date()));
  const [result, setResult] = useState<AccessHistory | null>(null);
  const [busy, setBusy] = useState(false);
  const query = () => {
    const fromIso = fromDateInput(from);
    const toIso = fromDateInput(to, { endOfDay: true });
    if (!systemId || !fromIso || !toIso || fromIso >= toIso) {
      Toast.show({ content: t('access.history.invalid') });
      return null;
    }
    return { systemId, from: fromIso, to: toIso };
  };
  const search = async () => {
    const parsed = query();
    if (!parsed) return;
    setBusy(true);
    try {
      setResult(await getHistory(parsed));
    } catch (error) {
      if (error instanceof ApiError) Toast.show({ content: describeApiError(error) });
    } finally {
      setBusy(false);
    }
  };
  const download = async () => {
    const parsed = query();
    if (!parsed) return;
    try {
      saveBlob(await downloadHistory(parsed), `access-history-${parsed.systemId}-${from}-${to}.csv`);
    } catch {
      Toast.show({ content: t('access.downloadFailed') });
    }
  };
  return (
    <div className={`${styles.page} ${styles.form}`} data-testid="access-history">
      <List header={t('access.history.query')}>
        <List.Item title={t('access.form.system')}>
          <Selector columns={2} value={systemId ? [String(systemId)] : []} onChange={(values) => values[0] && setSystemId(Number(values[0]))} options={catalog.items.map((system) => ({ label: system.name, value: String(system.id) }))} data-testid="access-history-system" />
        </List.Item>
        <List.Item title={t('access.history.from')}>
          <input className={styles.dateInput} type="date" value={from} onChange={(event) => setFrom(event.target.value)} data-testid="access-history-from" aria-label={t('access.history.from')} />
        </List.Item>
        <List.Item title={t('access.history.to')}>
          <input className={styles.dateInput} type="date" value={to} onChange={(event) => setTo(event.target.value)} data-testid="access-history-to" aria-label={t('access.history.to')} />
        </List.Item>
      </List>
      {result ? (
        <>
          <div className={styles.section} data-testid="access-history-count">{t('access.history.count', { count: result.items.length, system: result.systemName })}</div>
          <GrantList testId="access-history-grants" grants={result.items} showHolder onOpenHolder={(userId) => void navigate(paths.accessPerson.getHref(userId))} emptyText={t('access.history.empty')} />
        </>
      ) : null}
      <div className={styles.actionBar}>
        <Button color="primary" size="large" loading={busy} onClick={() => void search()} data-testid="access-history-search">
          {t('access.history.search')}
        </Button>
        {canSaveFiles() ? (
          <Button size="large" onClick={() => void download()} data-testid="access-history-csv">
            {t('access.downloadCsv')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
