import { Tabs } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';

/** 值班表 | 升级策略: two pages of one feature, switched like tabs. */
export function OncallTabs({ active }: { active: 'calendar' | 'policies' }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Tabs activeKey={active} onChange={(key) => void navigate(key === 'calendar' ? paths.oncall.getHref() : paths.oncallPolicies.getHref(), { replace: true })}>
      <Tabs.Tab title={t('oncall.tab.calendar')} key="calendar" />
      <Tabs.Tab title={t('oncall.tab.policies')} key="policies" />
    </Tabs>
  );
}
