import { List } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';

/** 服务设置: the two things an IT admin tunes for the fault process. */
export function SettingsMenu() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <List header={t('settings.menuHeader')}>
      <List.Item description={t('settings.categoriesDescription')} onClick={() => void navigate(paths.settingsCategories.getHref())} data-testid="settings-categories">
        {t('title.settingsCategories')}
      </List.Item>
      <List.Item description={t('settings.slaDescription')} onClick={() => void navigate(paths.settingsSla.getHref())} data-testid="settings-sla">
        {t('title.settingsSla')}
      </List.Item>
    </List>
  );
}
