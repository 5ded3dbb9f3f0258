import { webhookSourceKinds } from '@dingops/shared/alert-sources';
import { describe, expect, it } from 'vitest';
import { sourceSetupText } from './source-setup';

const where = { url: 'https://ops.example.com/api/v1/alerts/webhooks/alertmanager', token: 'dops_abc' };

describe('what an admin pastes into the monitor', () => {
  it('F1: an Alertmanager receiver with the URL, resolved alerts on, and the token as bearer credentials', () => {
    const text = sourceSetupText('alertmanager', where);
    expect(text).toContain(`      - url: ${where.url}`);
    expect(text).toContain('send_resolved: true');
    expect(text).toContain('            credentials: dops_abc');
  });

  it('Grafana gets its contact point fields; a script gets a curl line with the generic body', () => {
    expect(sourceSetupText('grafana', where)).toContain('Authorization Header - Credentials: dops_abc');
    const curl = sourceSetupText('generic', { ...where, url: where.url.replace('alertmanager', 'generic') });
    expect(curl).toContain("-H 'authorization: Bearer dops_abc'");
    expect(curl).toContain('"severity":"warning"');
  });

  it('Uptime Kuma gets its webhook notification fields: the post URL, JSON body and the token as an additional Authorization header', () => {
    const url = where.url.replace('alertmanager', 'uptime-kuma');
    const text = sourceSetupText('uptime-kuma', { ...where, url });
    expect(text).toContain('Notification Type: Webhook');
    expect(text).toContain(`Post URL: ${url}`);
    expect(text).toContain('application/json');
    expect(JSON.parse(text.split('\n').at(-1)!)).toEqual({ Authorization: 'Bearer dops_abc' });
  });

  it('every kind a source can be made of has its setup, with the URL and token filled in and no placeholder left', () => {
    for (const kind of webhookSourceKinds) {
      const text = sourceSetupText(kind, where);
      expect(text, kind).toContain('dops_abc');
      expect(text, kind).toContain(where.url);
      expect(text, kind).not.toMatch(/\{(url|token)\}/);
    }
  });
});
