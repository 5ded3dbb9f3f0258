import { afterEach, describe, expect, it } from 'vitest';
import { demoUserIds, type RunningSandbox } from '../../../server/src/sandbox';
import { startMessagingSandbox } from './messaging-fixture';
import { testApp } from './sandbox-fixture';

// The sandbox console at /sandbox/, served as static strings. Driving it in Chromium belongs to the
// browser tier: test/browser/sandbox-console-standalone.test.ts.

describe('Sandbox console', () => {
  let sandbox: RunningSandbox | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('serves a zh-CN page, its stylesheet and a script that parses', async () => {
    sandbox = await startMessagingSandbox({ miniappUrl: 'http://localhost:3000' });

    const page = await fetch(`${sandbox.url}/sandbox/`);
    const css = await fetch(`${sandbox.url}/sandbox/console.css`);
    const script = await fetch(`${sandbox.url}/sandbox/console.js`);
    const config = await fetch(`${sandbox.url}/sandbox/api/console/config`).then((r) => r.json());

    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<html lang="zh-CN">');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(script.headers.get('content-type')).toContain('javascript');
    // Compiling a function parses its body without running it.
    const source = await script.text();
    expect(() => new Function(source)).not.toThrow();
    expect(config).toMatchObject({ corpName: '云栖示范科技有限公司', miniappUrl: 'http://localhost:3000', robotName: '运维助手', defaultUserId: demoUserIds.chengang });
    // 凭证与基础信息: what a customer's own SDK script needs to talk to the sandbox.
    expect(config).toMatchObject({
      clientId: testApp.clientId,
      clientSecret: testApp.clientSecret,
      corpId: testApp.corpId,
      agentId: testApp.agentId,
      apiEndpoint: `127.0.0.1:${sandbox.port}`,
      apiProtocol: 'http',
      oapiBaseUrl: sandbox.url,
      streamOpenUrl: `${sandbox.url}/v1.0/gateway/connections/open`,
    });
  });
});
