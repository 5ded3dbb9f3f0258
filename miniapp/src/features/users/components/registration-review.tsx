import type { PendingUser } from '@dingops/shared/users';
import { Dialog, ErrorBlock, Toast } from 'antd-mobile';
import { useState } from 'react';
import { PageLoadFailed } from '../../../components/load-states';
import { useLoaded } from '../../../hooks/use-loaded';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { listPendingUsers } from '../api/list-pending-users';
import { activateUser } from '../api/review-registration';
import { PendingRow } from './pending-row';
import { RejectSheet } from './reject-sheet';
import styles from './registration-review.module.css';

/**
 * 账号审核 (rule S1): people whose first login waits for IT. IT admins pass or refuse each; IT staff
 * see the list only (the server enforces the same).
 */
export function RegistrationReview({ canDecide }: { canDecide: boolean }) {
  const { t } = useI18n();
  const { state, reload } = useLoaded((signal) => listPendingUsers({ signal }), 'pending-users');
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<PendingUser | null>(null);
  const done = (person: PendingUser) => setDecided((previous) => new Set(previous).add(person.id));

  const activate = async (person: PendingUser) => {
    const confirmed = await Dialog.confirm({ content: t('registration.activateConfirm', { name: person.name }), confirmText: t('registration.activate'), cancelText: t('common.cancel') });
    if (!confirmed) return;
    setBusyId(person.id);
    try {
      await activateUser({ userId: person.id });
      Toast.show({ icon: 'success', content: t('registration.activatedToast', { name: person.name }) });
      done(person);
    } catch {
      // the API client has shown why (e.g. someone else decided first); the list reloads
      reload();
    } finally {
      setBusyId(null);
    }
  };

  if (state.status === 'failed') return <PageLoadFailed description={state.error ? describeApiError(state.error) : null} onRetry={reload} />;
  if (state.status === 'loading') return <p className={styles.loading}>{t('common.loading')}</p>;
  const waiting = state.value.filter((person) => !decided.has(person.id));
  return (
    <div className={styles.review}>
      <p className={styles.intro}>{t(canDecide ? 'registration.intro' : 'registration.introReadOnly')}</p>
      {waiting.length === 0 ? (
        <ErrorBlock status="empty" title={t('registration.empty')} description={null} data-testid="pending-empty" />
      ) : (
        <ul className={styles.list} data-testid="pending-list">
          {waiting.map((person) => (
            <PendingRow key={person.id} person={person} canDecide={canDecide} busy={busyId === person.id} onActivate={(chosen) => void activate(chosen)} onReject={setRejecting} />
          ))}
        </ul>
      )}
      <RejectSheet
        person={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(person) => {
          done(person);
          setRejecting(null);
        }}
      />
    </div>
  );
}
