import type { AlertGroup, AlertGroupChat } from '@dingops/shared/alerts';
import { ErrorBlock, InfiniteScroll, List, SearchBar, Selector } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { useLoaded } from '../../../hooks/use-loaded';
import { useMediaQuery } from '../../../hooks/use-media-query';
import { useI18n } from '../../../lib/i18n';
import { listAlertGroupChats, type GroupFilters } from '../api/alert-groups';
import { useAlertGroups } from '../hooks/use-alert-groups';
import { useVisibleInterval } from '../../../hooks/use-visible-interval';
import { formatElapsed } from '../utils/elapsed';
import { apiErrorText } from '../utils/show-api-error';
import { AlertGroupDetailView } from './alert-group-detail';
import { AlertFoldedTag, AlertLevelTag, AlertStatusTag } from './alert-tags';
import styles from './alerts.module.css';

const levels = [1, 2, 3] as const;
const statuses = ['firing', 'acknowledged', 'resolved'] as const;

/**
 * 告警: live list of alert groups (refreshed every 10 s while visible; level 1 first, then the newest),
 * each row with the alert's own summary; searched by words and filtered
 * by level, status and the group chat the cards go to (offered once there is more than one).
 * On a phone a row opens the group's page; from 1024px the group opens beside the list (`?group=`).
 */
export function AlertGroupList() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const twoPane = useMediaQuery('(min-width: 1024px)');
  const [search, setSearch] = useSearchParams();
  const openId = twoPane ? search.get('group') : null;
  const [filters, setFilters] = useState<Omit<GroupFilters, 'q'>>({});
  const [words, setWords] = useState('');
  const q = useDebouncedValue(words.trim(), 300);
  const list = useAlertGroups({ ...filters, ...(q ? { q } : {}) });
  const chats = useLoaded((signal) => listAlertGroupChats(signal), 'alert-group-chats', { keepOnFailure: true });
  // A rule may route to a new chat at any time; the chat choices follow, less often than the list.
  useVisibleInterval(chats.reload, 60_000);
  const chatOptions = chats.state.status === 'ready' && chats.state.value.items.length > 1 ? chats.state.value.items : [];

  // The app is one centred column elsewhere; the two-pane list asks for the whole window.
  useEffect(() => {
    document.documentElement.dataset.dopLayout = 'two-pane';
    return () => {
      delete document.documentElement.dataset.dopLayout;
    };
  }, []);

  const open = (group: AlertGroup) => (twoPane ? setSearch({ group: group.id }, { replace: true }) : void navigate(paths.alertGroup.getHref(group.id)));

  return (
    <div className={twoPane ? styles.twoPane : undefined}>
      <div className={styles.listPane} data-testid="alert-groups">
        <div className={styles.filters}>
          <SearchBar placeholder={t('alerts.search')} value={words} onChange={setWords} maxLength={100} data-testid="alert-search" />
          <Selector
            value={filters.level ? [String(filters.level)] : []}
            onChange={(values) => setFilters((previous) => ({ ...previous, level: values[0] ? (Number(values[0]) as 1 | 2 | 3) : undefined }))}
            options={levels.map((level) => ({ label: t(`alerts.level.${level}`), value: String(level) }))}
            data-testid="alert-filter-level"
          />
          <Selector
            value={filters.status ? [filters.status] : []}
            onChange={(values) => setFilters((previous) => ({ ...previous, status: values[0] as GroupFilters['status'] }))}
            options={statuses.map((status) => ({ label: t(`alerts.status.${status}`), value: status }))}
            data-testid="alert-filter-status"
          />
          {chatOptions.length > 0 ? (
            <Selector
              value={filters.chat ? [filters.chat] : []}
              onChange={(values) => setFilters((previous) => ({ ...previous, chat: values[0] }))}
              options={chatOptions.map((chat) => ({ label: chatLabel(chat, t), value: chat.conversationId }))}
              data-testid="alert-filter-chat"
            />
          ) : null}
        </div>
        {list.status === 'loading' ? (
          <PageLoading />
        ) : list.status === 'failed' ? (
          <PageLoadFailed description={apiErrorText(list.error)} onRetry={list.retry} />
        ) : list.items.length === 0 ? (
          <ErrorBlock status="empty" title={t('alerts.empty')} description={q || Object.values(filters).some(Boolean) ? t('alerts.emptyFiltered') : t('alerts.emptyHint')} data-testid="alert-groups-empty" />
        ) : (
          <>
            <List className={styles.group}>
              {list.items.map((group) => (
                <AlertGroupRow key={group.id} group={group} selected={group.id === openId} onOpen={open} />
              ))}
            </List>
            <InfiniteScroll loadMore={list.loadMore} hasMore={list.nextCursor !== null} />
          </>
        )}
      </div>
      {twoPane ? (
        <div className={styles.detailPane} data-testid="alert-detail-pane">
          {openId ? <AlertGroupDetailView key={openId} groupId={openId} onChanged={list.retry} /> : <p className={styles.pickOne}>{t('alerts.pickOne')}</p>}
        </div>
      ) : null}
    </div>
  );
}

/** A chat as people know it: the configured groups by name, any other by the end of its id. */
function chatLabel(chat: AlertGroupChat, t: ReturnType<typeof useI18n>['t']): string {
  const name = chat.role === 'other' ? t('alerts.chat.other', { id: chat.conversationId.replace(/=+$/, '').slice(-6) }) : t(`alerts.chat.${chat.role}`);
  return chat.openGroups > 0 ? t('alerts.chat.withOpen', { name, count: chat.openGroups }) : name;
}

/** What the row says of the group: the alert's own summary, else the labels that tell it from its neighbours. */
function summaryLine(group: AlertGroup): string {
  if (group.summary) return group.summary;
  return Object.entries(group.labels)
    .filter(([name]) => name !== 'alertname')
    .map(([name, value]) => `${name}=${value}`)
    .join(' · ');
}

function AlertGroupRow({ group, selected, onOpen }: { group: AlertGroup; selected: boolean; onOpen: (group: AlertGroup) => void }) {
  const { t } = useI18n();
  return (
    <List.Item
      onClick={() => onOpen(group)}
      className={selected ? styles.selected : undefined}
      data-testid="alert-group-row"
      data-group-id={group.id}
      description={
        <>
          <span className={styles.rowLine}>
            <AlertStatusTag status={group.status} />
            <span>{t('alerts.firingCount', { firing: group.firingCount, total: group.alertCount })}</span>
            {group.acknowledgedBy ? <span>{t('alerts.acknowledgedBy', { name: group.acknowledgedBy })}</span> : null}
            {group.suppressed ? <span className={`${styles.tag} ${styles.neutral}`}>{t('alerts.silenced')}</span> : null}
            {group.folded ? <AlertFoldedTag /> : null}
            <span className={styles.meta}>{formatElapsed(group.openedAt, group.resolvedAt ? new Date(group.resolvedAt) : new Date())}</span>
          </span>
          <span className={styles.reason} data-testid="alert-group-summary">
            {summaryLine(group)}
          </span>
        </>
      }
    >
      <span className={styles.rowTitle}>
        <AlertLevelTag level={group.level} testId="alert-group-level" />
        <span className={styles.rowTitleText}>{group.title}</span>
      </span>
    </List.Item>
  );
}
