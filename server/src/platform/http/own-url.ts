import type { AddressInfo } from 'node:net';

export const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * A path on DingOps itself, for a caller on this machine (a demo probe, the sandbox): the public URL
 * when it points at this machine's listening port, otherwise the listening port on loopback. Null
 * when the server listens only on another interface.
 */
export function ownUrl({ publicUrl, address, tls }: { publicUrl: string; address: AddressInfo; tls: boolean }, path: string): string | null {
  const scheme = tls ? 'https' : 'http';
  const url = new URL(publicUrl);
  if (isLoopback(url.hostname) && Number(url.port || (url.protocol === 'https:' ? 443 : 80)) === address.port) return new URL(path, url).toString();
  if (address.address === '0.0.0.0' || address.address === '::' || isLoopback(address.address)) return `${scheme}://${address.family === 'IPv6' && address.address === '::1' ? '[::1]' : '127.0.0.1'}:${address.port}${path}`;
  return null;
}
