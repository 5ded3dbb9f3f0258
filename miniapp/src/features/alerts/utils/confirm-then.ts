import { Dialog, Toast } from 'antd-mobile';
import { t } from '../../../lib/i18n';
import { showApiError } from './show-api-error';

/** Asks first; on yes runs the call, says it is done and refreshes, or says why it failed. */
export async function confirmThen({ question, confirmText, run, doneText, done }: { question: string; confirmText: string; run: () => Promise<unknown>; doneText: string; done: () => void }): Promise<void> {
  if (!(await Dialog.confirm({ content: question, confirmText, cancelText: t('common.cancel') }))) return;
  try {
    await run();
    Toast.show({ icon: 'success', content: doneText });
    done();
  } catch (error) {
    showApiError(error);
  }
}
