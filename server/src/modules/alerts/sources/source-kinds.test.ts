import { webhookSourceKinds } from '@dingops/shared/alert-sources';
import { describe, expect, it } from 'vitest';
import { webhookSources } from './source-kinds';

describe('alert source kinds', () => {
  it('F1: each kind in the shared list has exactly one webhook, at /webhooks/<kind>, in the list order', () => {
    expect(webhookSources.map((source) => source.kind)).toEqual([...webhookSourceKinds]);
    for (const source of webhookSources) expect(source.path).toBe(`/webhooks/${source.kind}`);
  });
});
