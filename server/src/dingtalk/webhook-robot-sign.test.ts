import { describe, expect, it } from 'vitest';
import { isValidWebhookSign, signWebhookRequest } from './webhook-robot-sign';

describe('custom robot signature', () => {
  it('matches the reference vector for secret SEC000… at 1700000000000', () => {
    const sign = signWebhookRequest('SEC000000000000000000000', 1700000000000);

    expect(sign).toBe('1zJ/w34EOSVAYr7cu7Vo8LnebmK2/GrCgegtr8mQrqM=');
    expect(new URLSearchParams({ sign }).toString()).toBe('sign=1zJ%2Fw34EOSVAYr7cu7Vo8LnebmK2%2FGrCgegtr8mQrqM%3D');
  });

  it('refuses a sign that was URL-encoded twice', () => {
    const once = encodeURIComponent(signWebhookRequest('SEC000000000000000000000', 1700000000000));

    expect(isValidWebhookSign('SEC000000000000000000000', '1700000000000', once)).toBe(false);
    expect(isValidWebhookSign('SEC000000000000000000000', '1700000000000', decodeURIComponent(once))).toBe(true);
  });
});
