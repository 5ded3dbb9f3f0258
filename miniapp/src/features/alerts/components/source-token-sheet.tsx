import type { AlertSource } from '@dingops/shared/alerts';
import { Button, Popup, Toast } from 'antd-mobile';
import sheet from '../../../components/bottom-sheet.module.css';
import { copyText } from '../../../lib/dingtalk';
import { useI18n } from '../../../lib/i18n';
import { webhookUrlOf, type WebhookSourceKind } from '../api/sources';
import { sourceSetupText } from '../utils/source-setup';
import styles from './alerts.module.css';
import sourceStyles from './sources.module.css';

export type SourceWithToken = AlertSource & { token: string; kind: WebhookSourceKind };

/** The token, this once: the webhook URL, the token and what to paste into the monitor, each copyable. */
export function SourceTokenSheet({ source, onClose }: { source: SourceWithToken | null; onClose: () => void }) {
  const { t } = useI18n();
  const copy = (text: string) =>
    copyText(text).then(
      () => Toast.show({ icon: 'success', content: t('sources.copied') }),
      () => Toast.show({ content: t('sources.copyFailed') }),
    );
  const url = source ? webhookUrlOf(source.kind) : '';
  const setup = source ? sourceSetupText(source.kind, { url, token: source.token }) : '';
  const block = (label: string, text: string, testId: string) => (
    <div className={sourceStyles.secretBlock}>
      <div className={sourceStyles.secretHead}>
        <span className={styles.meta}>{label}</span>
        <Button size="mini" fill="none" color="primary" onClick={() => void copy(text)} data-testid={`${testId}-copy`}>
          {t('sources.copy')}
        </Button>
      </div>
      <pre className={sourceStyles.secretText} data-testid={testId}>
        {text}
      </pre>
    </div>
  );
  return (
    <Popup visible={source !== null} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {source ? (
        <div className={sheet.body} data-testid="source-token-sheet">
          <h2 className={sheet.title}>{t('sources.tokenTitle', { name: source.name })}</h2>
          <p className={sourceStyles.warningLine}>{t('sources.tokenOnce')}</p>
          {block(t('sources.webhookUrl'), url, 'source-url')}
          {block(t('sources.token'), source.token, 'source-token')}
          {block(t(`sources.setup.${source.kind}`), setup, 'source-setup')}
          <div className={styles.footer}>
            <Button block color="primary" size="large" onClick={onClose} data-testid="source-token-done">
              {t('sources.done')}
            </Button>
          </div>
        </div>
      ) : null}
    </Popup>
  );
}
