import { isInDingTalk } from '../../../lib/dingtalk';

/**
 * Print an HTML document fetched with the token. In a browser a hidden frame prints it in place
 * (a srcdoc frame: the page's CSP allows no blob: frames, and the frame inherits that CSP, so the
 * report runs no scripts). DingTalk's web view may not print frames, so there it opens as its own
 * page (a blob URL) to print from the container's menu.
 */
export async function printHtml(blob: Blob): Promise<void> {
  if (isInDingTalk()) {
    const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
    if (!window.open(url, '_blank')) window.location.assign(url);
    return;
  }
  const html = await blob.text();
  document.querySelector('[data-testid="ticket-report-frame"]')?.remove();
  const frame = document.createElement('iframe');
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
  frame.title = 'print';
  frame.dataset.testid = 'ticket-report-frame';
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
  };
  frame.srcdoc = html;
  document.body.append(frame);
}
