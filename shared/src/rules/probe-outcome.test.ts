import { describe, expect, it } from 'vitest';
import { type ProbeCounters, type ProbeOutcome, outcomeOf, parseExpectedStatus, parseHostPort, stepProbeState } from './probe-outcome';

const ok: ProbeCounters = { consecutiveFailures: 0, consecutiveSlow: 0, alertState: 'ok' };

/** Runs a sequence of outcomes through the state step and lists what each check sent. */
function run(outcomes: ProbeOutcome[], failuresToAlert = 2) {
  let state = ok;
  return outcomes.map((outcome) => {
    const step = stepProbeState({ state, outcome, failuresToAlert });
    state = step.next;
    return [step.fire ?? '-', step.resolve.join('+') || '-', step.next.alertState].join(' ');
  });
}

describe('probe rules (F1 built-in monitoring)', () => {
  it('parses expected status lists and names what is wrong', () => {
    expect(parseExpectedStatus('200-299,301')).toEqual({ ranges: [{ from: 200, to: 299 }, { from: 301, to: 301 }] });
    expect(parseExpectedStatus(' 204 ')).toEqual({ ranges: [{ from: 204, to: 204 }] });
    expect(parseExpectedStatus('200-')).toHaveProperty('problem');
    expect(parseExpectedStatus('299-200')).toEqual({ problem: '"299-200" runs backwards' });
    expect(parseExpectedStatus('200,,301')).toHaveProperty('problem');
    expect(parseExpectedStatus('700')).toHaveProperty('problem');
  });

  it('decides up, slow or down from the status, the time and the error', () => {
    const expected = [{ from: 200, to: 299 }];
    expect(outcomeOf({ observation: { statusCode: 200, responseMs: 40, error: null }, expected, slowMs: 500 })).toEqual({ outcome: 'up', reason: '状态码 200' });
    expect(outcomeOf({ observation: { statusCode: 200, responseMs: 900, error: null }, expected, slowMs: 500 })).toEqual({ outcome: 'slow', reason: '响应 900 ms，超过 500 ms' });
    expect(outcomeOf({ observation: { statusCode: 200, responseMs: 900, error: null }, expected, slowMs: null }).outcome).toBe('up');
    expect(outcomeOf({ observation: { statusCode: 500, responseMs: 5, error: null }, expected, slowMs: 500 })).toEqual({ outcome: 'down', reason: '状态码 500' });
    expect(outcomeOf({ observation: { statusCode: null, responseMs: null, error: '连接超时' }, expected: null, slowMs: null })).toEqual({ outcome: 'down', reason: '连接超时' });
    expect(outcomeOf({ observation: { statusCode: null, responseMs: 3, error: null }, expected: null, slowMs: 100 })).toEqual({ outcome: 'up', reason: '连接正常' });
  });

  it('fires ProbeDown after failuresToAlert consecutive failures, once, and one good check resolves it', () => {
    expect(run(['down', 'down', 'down', 'up', 'up'])).toEqual(['- - ok', 'ProbeDown - down', '- - down', '- ProbeDown ok', '- - ok']);
    expect(run(['down', 'up', 'down', 'up'])).toEqual(['- - ok', '- - ok', '- - ok', '- - ok']);
    expect(run(['down'], 1)).toEqual(['ProbeDown - down']);
  });

  it('fires ProbeSlow after as many slow checks; down replaces slow and slow replaces down', () => {
    expect(run(['slow', 'slow', 'slow', 'up'])).toEqual(['- - ok', 'ProbeSlow - slow', '- - slow', '- ProbeSlow ok']);
    expect(run(['slow', 'slow', 'down', 'down'])).toEqual(['- - ok', 'ProbeSlow - slow', '- - slow', 'ProbeDown ProbeSlow down']);
    expect(run(['down', 'down', 'slow', 'slow'])).toEqual(['- - ok', 'ProbeDown - down', '- ProbeDown ok', 'ProbeSlow - slow']);
  });

  it('counts consecutive checks only', () => {
    const step = stepProbeState({ state: { consecutiveFailures: 3, consecutiveSlow: 0, alertState: 'down' }, outcome: 'slow', failuresToAlert: 2 });
    expect(step.next).toEqual({ consecutiveFailures: 0, consecutiveSlow: 1, alertState: 'ok' });
  });

  it('reads host:port targets for TCP probes', () => {
    expect(parseHostPort('db.internal:5432')).toEqual({ host: 'db.internal', port: 5432 });
    expect(parseHostPort('[::1]:22')).toEqual({ host: '::1', port: 22 });
    expect(parseHostPort('10.0.0.1')).toBeNull();
    expect(parseHostPort('host:70000')).toBeNull();
    expect(parseHostPort('http://x:80')).toBeNull();
  });
});
