import { NavBar, SafeArea } from 'antd-mobile';
import { useEffect, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { isInDingTalk, setTitle } from '../lib/dingtalk';
import styles from './page-layout.module.css';

type PageLayoutProps = {
  title: string;
  /** Where the back arrow goes when there is no in-app history to step back through. */
  backTo?: string;
  /** From 900px wide (DingTalk's PC client, a desktop browser) use the window's width, not a phone column. */
  wide?: boolean;
  children: ReactNode;
};

/** Titles the page in DingTalk's own bar; in a plain browser it draws the header itself. */
export function PageLayout({ title, backTo, wide = false, children }: PageLayoutProps) {
  const navigate = useNavigate();
  const inDingTalk = isInDingTalk();

  useEffect(() => {
    document.title = title;
    void setTitle(title);
  }, [title]);

  const goBack = () => {
    // react-router keeps the history index in history.state; 0 means we arrived on this page.
    const index = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (index > 0) void navigate(-1);
    else if (backTo) void navigate(backTo, { replace: true });
  };

  return (
    <div className={[styles.page, inDingTalk ? null : styles.withHeader, wide ? styles.wide : null].filter(Boolean).join(' ')} data-layout={wide ? 'wide' : 'column'}>
      {inDingTalk ? null : (
        <NavBar className={styles.nav} back={backTo ? '' : null} onBack={goBack}>
          {title}
        </NavBar>
      )}
      <main className={styles.content}>{children}</main>
      <SafeArea position="bottom" />
    </div>
  );
}
