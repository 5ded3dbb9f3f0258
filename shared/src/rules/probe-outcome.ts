/**
 * Built-in probes (rule F1 "built-in monitoring"): what one check means, and how a run of checks
 * raises and resolves the probe's alerts. Pure; time and I/O stay with the caller.
 */

export type ProbeOutcome = 'up' | 'slow' | 'down';
/** The alert a probe has raised and not yet resolved. */
export type ProbeAlertState = 'ok' | 'slow' | 'down';
export type ProbeAlertName = 'ProbeDown' | 'ProbeSlow';

export interface StatusRange {
  from: number;
  to: number;
}

/** "200-299,301" → ranges; a problem names what is wrong so the form can say it. */
export function parseExpectedStatus(text: string): { ranges: StatusRange[] } | { problem: string } {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => part === '')) return { problem: 'list status codes or ranges, e.g. 200-299,301' };
  const ranges: StatusRange[] = [];
  for (const part of parts) {
    const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
    if (!match) return { problem: `"${part}" is not a status code or a range like 200-299` };
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    if (from < 100 || to > 599) return { problem: `"${part}" is outside 100-599` };
    if (from > to) return { problem: `"${part}" runs backwards` };
    ranges.push({ from, to });
  }
  return { ranges };
}

export const isExpectedStatus = (ranges: readonly StatusRange[], status: number) => ranges.some((range) => status >= range.from && status <= range.to);

export interface CheckObservation {
  /** HTTP status; null for TCP or when nothing answered. */
  statusCode: number | null;
  /** Time to response headers (HTTP) or to the connection (TCP); null when nothing answered. */
  responseMs: number | null;
  /** Why nothing usable answered (timeout, refused…); null when something did. */
  error: string | null;
}

/**
 * One check's outcome. Down: an error, or an HTTP status outside the expected ones. Slow: answered
 * as expected but slower than `slowMs`. Otherwise up. The reason is the Chinese text alerts carry.
 */
export function outcomeOf({ observation, expected, slowMs }: { observation: CheckObservation; expected: readonly StatusRange[] | null; slowMs: number | null }): { outcome: ProbeOutcome; reason: string } {
  const { statusCode, responseMs, error } = observation;
  if (error !== null) return { outcome: 'down', reason: error };
  if (expected && statusCode !== null && !isExpectedStatus(expected, statusCode)) return { outcome: 'down', reason: `状态码 ${statusCode}` };
  if (slowMs !== null && responseMs !== null && responseMs > slowMs) return { outcome: 'slow', reason: `响应 ${responseMs} ms，超过 ${slowMs} ms` };
  return { outcome: 'up', reason: statusCode === null ? '连接正常' : `状态码 ${statusCode}` };
}

export interface ProbeCounters {
  consecutiveFailures: number;
  consecutiveSlow: number;
  alertState: ProbeAlertState;
}

export interface ProbeStep {
  next: ProbeCounters;
  /** The alert to send as firing, if this check crossed a threshold. */
  fire: ProbeAlertName | null;
  /** Alerts to send as resolved. */
  resolve: ProbeAlertName[];
}

const alertNameOf: Record<Exclude<ProbeAlertState, 'ok'>, ProbeAlertName> = { down: 'ProbeDown', slow: 'ProbeSlow' };

/**
 * The state step after one check. `failuresToAlert` consecutive downs fire ProbeDown (and resolve
 * an open ProbeSlow); as many consecutive slow checks fire ProbeSlow (and resolve ProbeDown). An up
 * check resolves whatever is open. A slow check also resolves ProbeDown at once: the target answers,
 * so "unreachable" is no longer true. A down check leaves ProbeSlow open until ProbeDown replaces it,
 * so a failing service is never shown as healthy in between.
 */
export function stepProbeState({ state, outcome, failuresToAlert }: { state: ProbeCounters; outcome: ProbeOutcome; failuresToAlert: number }): ProbeStep {
  const open = state.alertState === 'ok' ? null : alertNameOf[state.alertState];
  if (outcome === 'up') return { next: { consecutiveFailures: 0, consecutiveSlow: 0, alertState: 'ok' }, fire: null, resolve: open ? [open] : [] };

  if (outcome === 'down') {
    const consecutiveFailures = state.consecutiveFailures + 1;
    const counters = { consecutiveFailures, consecutiveSlow: 0 };
    if (consecutiveFailures < failuresToAlert || state.alertState === 'down') return { next: { ...counters, alertState: state.alertState }, fire: null, resolve: [] };
    return { next: { ...counters, alertState: 'down' }, fire: 'ProbeDown', resolve: open ? [open] : [] };
  }

  const consecutiveSlow = state.consecutiveSlow + 1;
  const counters = { consecutiveFailures: 0, consecutiveSlow };
  if (state.alertState === 'slow') return { next: { ...counters, alertState: 'slow' }, fire: null, resolve: [] };
  if (consecutiveSlow >= failuresToAlert) return { next: { ...counters, alertState: 'slow' }, fire: 'ProbeSlow', resolve: open ? [open] : [] };
  return { next: { ...counters, alertState: 'ok' }, fire: null, resolve: open ? [open] : [] };
}

/** host:port or [ipv6]:port for TCP probes; null when it is not one. */
export function parseHostPort(target: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?)):(\d{1,5})$/.exec(target.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1] ?? match[2] ?? '', port };
}
