import { describe, expect, it } from 'vitest';
import { robotRequestHeaders, signRobotRequest, verifyRobotRequest } from './robot-signature';

// Computed vector (not official), from the DingTalk reference notes.
const appSecret = 'this is secret';
const timestamp = '1577262236757';
const sign = 'hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=';
const now = Number(timestamp) + 5_000;

describe('robot message signature', () => {
  it('the computed vector signs to the documented value', () => {
    expect(signRobotRequest({ appSecret, timestamp })).toBe(sign);
    expect(signRobotRequest({ appSecret, timestamp: Number(timestamp) })).toBe(sign);
  });

  it('a request signed with the app secret within the hour is accepted', () => {
    expect(verifyRobotRequest({ appSecret, timestamp, sign, now })).toEqual({ valid: true });
  });

  it('a request signed with another secret is refused', () => {
    expect(verifyRobotRequest({ appSecret: 'another secret', timestamp, sign, now })).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('a request more than an hour old is refused even with a good sign', () => {
    const later = Number(timestamp) + 60 * 60 * 1000 + 1;

    expect(verifyRobotRequest({ appSecret, timestamp, sign, now: later })).toEqual({ valid: false, reason: 'expired' });
  });

  it('a request without its headers is refused', () => {
    expect(verifyRobotRequest({ appSecret, timestamp: undefined, sign, now })).toEqual({ valid: false, reason: 'missing' });
    expect(verifyRobotRequest({ appSecret, timestamp: 'yesterday', sign, now })).toEqual({ valid: false, reason: 'missing' });
  });

  it('headers made for sending verify on the receiving side', () => {
    const headers = robotRequestHeaders({ appSecret, now });

    expect(headers.timestamp).toBe(String(now));
    expect(verifyRobotRequest({ appSecret, ...headers, now })).toEqual({ valid: true });
  });
});
