import { describe, expect, it } from 'vitest';
import { webhookHintOf, webhookUrlProblem } from './robot-pool.rules';

const live = { oapiBaseUrl: 'https://oapi.dingtalk.com', requireHttps: true };

describe('pool robot webhook URLs', () => {
  it('S3: accepts DingTalk’s robot endpoint with a token and masks the token in the hint', () => {
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef';
    expect(webhookUrlProblem(url, live)).toBeNull();
    expect(webhookHintOf(url)).toBe('https://oapi.dingtalk.com/robot/send?access_token=…cdef');
  });

  it('refuses other hosts, plain http, a missing token and a pre-signed URL', () => {
    expect(webhookUrlProblem('https://evil.example/robot/send?access_token=x', live)).toMatch(/must be https:\/\/oapi.dingtalk.com/);
    expect(webhookUrlProblem('http://oapi.dingtalk.com/robot/send?access_token=x', live)).toBe('must use https');
    expect(webhookUrlProblem('https://oapi.dingtalk.com/robot/send', live)).toMatch(/access_token/);
    expect(webhookUrlProblem('https://oapi.dingtalk.com/robot/send?access_token=x&timestamp=1&sign=y', live)).toMatch(/without timestamp/);
    expect(webhookUrlProblem('not a url', live)).toBe('must be a URL');
  });

  it('in sandbox mode takes the sandbox’s own endpoint', () => {
    const sandbox = { oapiBaseUrl: 'http://127.0.0.1:4100', requireHttps: false };
    expect(webhookUrlProblem('http://127.0.0.1:4100/robot/send?access_token=abc', sandbox)).toBeNull();
    expect(webhookUrlProblem('https://oapi.dingtalk.com/robot/send?access_token=abc', sandbox)).toMatch(/127.0.0.1:4100/);
  });
});
