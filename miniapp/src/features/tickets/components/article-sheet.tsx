import type { Article } from '@dingops/shared/knowledge';
import { Button, ErrorBlock, Popup, SpinLoading, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { getArticle, markArticleHelpful } from '../../../lib/api/knowledge';
import sheet from '../../../components/bottom-sheet.module.css';
import styles from './article-sheet.module.css';

type ArticleState = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; article: Article };
type ArticleSheetProps = { articleId: string; onClose: () => void; onSolved: () => void };

function useArticle(articleId: string): ArticleState {
  const [state, setState] = useState<ArticleState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getArticle(articleId, { signal: controller.signal })
      .then((article) => setState({ status: 'ready', article }))
      .catch(() => {
        if (!controller.signal.aborted) setState({ status: 'failed' });
      });
    return () => controller.abort();
  }, [articleId]);
  return state;
}

/** One knowledge article over the report form: symptom, cause, resolution; then solved (no ticket) or report anyway. */
export function ArticleSheet({ articleId, onClose, onSolved }: ArticleSheetProps) {
  const { t } = useI18n();
  const state = useArticle(articleId);
  const [thanked, setThanked] = useState(false);

  const helpful = async () => {
    setThanked(true);
    try {
      await markArticleHelpful(articleId);
      Toast.show({ icon: 'success', content: t('tickets.more.helpfulThanks') });
    } catch {
      setThanked(false);
    }
  };

  return (
    <Popup visible onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet}>
      <div className={`${sheet.body} ${styles.body}`} data-testid="article-sheet">
        {state.status === 'loading' ? (
          <div className={styles.center}>
            <SpinLoading />
          </div>
        ) : state.status === 'failed' ? (
          <ErrorBlock status="disconnected" title={t('error.pageTitle')} description={t('error.pageDescription')} />
        ) : (
          <article className={styles.article}>
            <h2 className={sheet.title} data-testid="article-title">
              {state.article.title}
            </h2>
            <Part heading={t('tickets.more.articleSymptom')} text={state.article.symptom} testId="article-symptom" />
            {state.article.cause ? <Part heading={t('ticket.cause')} text={state.article.cause} testId="article-cause" /> : null}
            <Part heading={t('tickets.more.articleResolution')} text={state.article.resolution} testId="article-resolution" />
            <Button size="small" fill="outline" color="primary" disabled={thanked} onClick={() => void helpful()} data-testid="article-helpful">
              {thanked ? t('tickets.more.helpfulDone') : t('tickets.more.helpful')}
            </Button>
          </article>
        )}
        <div className={styles.actions}>
          <Button block color="primary" onClick={onSolved} data-testid="article-solved">
            {t('tickets.more.solvedNoReport')}
          </Button>
          <Button block onClick={onClose} data-testid="article-report-anyway">
            {t('tickets.more.reportAnyway')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}

function Part({ heading, text, testId }: { heading: string; text: string; testId: string }) {
  return (
    <section className={styles.part} data-testid={testId}>
      <h3 className={styles.heading}>{heading}</h3>
      <p className={styles.text}>{text}</p>
    </section>
  );
}
