import { getPlatform } from '../../../lib/dingtalk';

/** DingTalk's phone clients open no file downloads from a web page; its PC client and browsers do. */
export function canSaveFiles(): boolean {
  const platform = getPlatform();
  return platform === 'pc' || platform === 'notInDingTalk';
}

/** Hand a fetched file (CSV evidence) to the browser's own download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download holds its own copy once it started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
