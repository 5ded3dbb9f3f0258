import { getPlatform } from './dingtalk';

/** DingTalk's phone clients open no file downloads from a web page; its PC client and browsers do. */
export function canSaveFiles(): boolean {
  const platform = getPlatform();
  return platform === 'pc' || platform === 'notInDingTalk';
}

/** Hand a file to the browser's own download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; give it a moment before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
