import type { Labels } from './alert-matchers';

/**
 * Alert identity and grouping as Alertmanager does it: an alert is its label set (the fingerprint),
 * and alerts whose group-by labels agree share one alert group (one card).
 */

/**
 * FNV-1a 64-bit over the sorted label pairs (`name \0 value \1` each), as 16 hex digits: stable
 * across processes and languages. The 64-bit state is two 32-bit halves in int32 arithmetic (BigInt
 * costs ~10× more on the ingest path): multiplying by the prime 2^40 + 0x1b3 is `h·0x1b3 + (h << 40)`;
 * the low half's product is split in 16-bit limbs so its carry into the high half stays exact.
 */
export function fingerprintOf(labels: Labels): string {
  let hi = 0xcbf29ce4 | 0;
  let lo = 0x84222325 | 0;
  for (const name of Object.keys(labels).sort()) {
    // The name, then \0; the value, then \1 (one loop, no closures: this runs for every alert).
    for (let part = 0; part < 2; part += 1) {
      const text = part === 0 ? name : labels[name]!;
      for (let i = 0; i <= text.length; i += 1) {
        lo ^= i < text.length ? text.charCodeAt(i) : part;
        const low = (lo & 0xffff) * 0x1b3;
        const mid = (lo >>> 16) * 0x1b3 + (low >>> 16);
        hi = (Math.imul(hi, 0x1b3) + (mid >>> 16) + (lo << 8)) | 0;
        lo = ((mid & 0xffff) << 16) | (low & 0xffff);
      }
    }
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/**
 * Group-by entries are label names; `a|b` takes the first of the alternatives present (the default
 * `alertname`, `service|job` groups by service, or by job where there is no service label).
 */
export function groupLabelsOf(labels: Labels, groupBy: readonly string[]): Labels {
  const picked: Labels = {};
  for (const entry of groupBy) {
    const name = alternativesOf(entry).find((candidate) => (labels[candidate] ?? '') !== '');
    if (name) picked[name] = labels[name] ?? '';
  }
  return picked;
}

/** `a|b` split once per setting, not once per alert. */
const alternatives = new Map<string, string[]>();
function alternativesOf(entry: string): string[] {
  let split = alternatives.get(entry);
  if (!split) {
    split = entry.split('|');
    if (alternatives.size < 1000) alternatives.set(entry, split);
  }
  return split;
}

/** The key an alert group is found by (within its source). */
export function groupKeyOf(groupLabels: Labels): string {
  const names = Object.keys(groupLabels).sort();
  return names.length === 0 ? '{}' : `{${names.map((name) => `${name}=${JSON.stringify(groupLabels[name])}`).join(',')}}`;
}

export interface FlapSettings {
  /** More than this many firing↔resolved changes … */
  threshold: number;
  /** … within this window marks a group as flapping. */
  windowMinutes: number;
}

/** Adds state changes (epoch ms) and keeps only those inside the window. */
export function recordFlips({ flips, changes, now, settings }: { flips: readonly number[]; changes: number; now: Date; settings: FlapSettings }): number[] {
  const since = now.getTime() - settings.windowMinutes * 60_000;
  return [...flips.filter((at) => at > since), ...Array.from({ length: changes }, () => now.getTime())].slice(-(settings.threshold + 50));
}

export function isFlapping({ flips, now, settings }: { flips: readonly number[]; now: Date; settings: FlapSettings }): boolean {
  const since = now.getTime() - settings.windowMinutes * 60_000;
  return flips.filter((at) => at > since).length > settings.threshold;
}

/**
 * Inhibition: a firing level-1 alert mutes level-2/3 alerts that agree with it on every `equal`
 * label (at least one of which the muted alert has, so unlabelled alerts are not muted wholesale).
 */
export function inhibitionKeyOf(labels: Labels, equal: readonly string[]): string | null {
  if (equal.length === 0 || equal.every((name) => (labels[name] ?? '') === '')) return null;
  return JSON.stringify(equal.map((name) => labels[name] ?? ''));
}

/** Card updates for a group: always on a status change; otherwise at most once per interval, and rarer while flapping. */
export function cardUpdateDue({ statusChanged, lastUpdateAt, now, intervalSeconds, flapping, flapDampSeconds }: { statusChanged: boolean; lastUpdateAt: Date | null; now: Date; intervalSeconds: number; flapping: boolean; flapDampSeconds: number }): boolean {
  if (!lastUpdateAt) return true;
  const wait = (flapping ? Math.max(flapDampSeconds, intervalSeconds) : statusChanged ? 0 : intervalSeconds) * 1000;
  return now.getTime() - lastUpdateAt.getTime() >= wait;
}
