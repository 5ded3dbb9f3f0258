import { Tabs } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';

const targets = { groups: paths.alerts.getHref(), silences: paths.alertSilences.getHref(), rules: paths.alertRules.getHref(), probes: paths.alertProbes.getHref(), maintenance: paths.alertMaintenance.getHref(), timing: paths.alertTiming.getHref(), robots: paths.alertRobots.getHref(), sources: paths.alertSources.getHref() } as const;

/** 告警 | 静默 | 规则 | 探测 | 维护窗口 | 通知节奏 | 机器人池 | 监控源: pages of one feature, switched like tabs. */
export function AlertsTabs({ active }: { active: keyof typeof targets }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Tabs activeKey={active} onChange={(key) => void navigate(targets[key as keyof typeof targets], { replace: true })}>
      <Tabs.Tab title={t('alerts.tab.groups')} key="groups" />
      <Tabs.Tab title={t('alerts.tab.silences')} key="silences" />
      <Tabs.Tab title={t('alerts.tab.rules')} key="rules" />
      <Tabs.Tab title={t('alerts.tab.probes')} key="probes" />
      <Tabs.Tab title={t('alerts.tab.maintenance')} key="maintenance" />
      <Tabs.Tab title={t('alerts.tab.timing')} key="timing" />
      <Tabs.Tab title={t('alerts.tab.robots')} key="robots" />
      <Tabs.Tab title={t('alerts.tab.sources')} key="sources" />
    </Tabs>
  );
}
