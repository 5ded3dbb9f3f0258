import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('../../../server', import.meta.url));

describe('start-up', () => {
  it('a bad setting stops start-up with one readable line naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: { PATH: process.env.PATH, PORT: 'not-a-port', DINGTALK_CLIENT_ID: 'only-one' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ {2}- PORT: /m);
    expect(result.stderr).toMatch(/DINGTALK_CLIENT_SECRET, DINGTALK_CORP_ID, DINGTALK_AGENT_ID: live DingTalk needs all/);
  });
});
