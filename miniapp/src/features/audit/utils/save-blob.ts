/** Saves a Blob under a file name through an object URL: works in DingTalk's web view and desktop browsers alike. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL only needs to outlive this turn.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
