import { ActionSheet, Dialog, List } from 'antd-mobile';
import { localeLabels, locales, useI18n } from '../../../lib/i18n';
import styles from './settings-list.module.css';

/** The "我的" section: language choice and log out. */
export function SettingsList({ onLogout }: { onLogout: () => void }) {
  const { t, locale, setLocale } = useI18n();

  const chooseLanguage = () => {
    const handler = ActionSheet.show({
      actions: locales.map((option) => ({ key: option, text: localeLabels[option], bold: option === locale })),
      cancelText: t('common.cancel'),
      onAction: (action) => {
        const chosen = locales.find((option) => option === action.key);
        if (chosen) setLocale(chosen);
        handler.close();
      },
    });
  };

  const confirmLogout = async () => {
    const confirmed = await Dialog.confirm({
      content: t('home.logoutConfirm'),
      confirmText: t('home.logout'),
      cancelText: t('common.cancel'),
    });
    if (confirmed) onLogout();
  };

  return (
    <List header={t('home.settings')} className={styles.list}>
      <List.Item extra={localeLabels[locale]} onClick={chooseLanguage} data-testid="settings-language">
        {t('home.language')}
      </List.Item>
      <List.Item onClick={() => void confirmLogout()} arrowIcon={false} data-testid="settings-logout">
        <span className={styles.danger}>{t('home.logout')}</span>
      </List.Item>
    </List>
  );
}
