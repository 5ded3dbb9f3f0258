import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

/** antd-mobile's own strings (pickers, "没有更多了", dialogs) follow the app's language. */
export function AppProviders({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>{children}</ConfigProvider>;
}
