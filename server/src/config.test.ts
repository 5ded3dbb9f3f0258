import { describe, expect, it } from 'vitest';
import { ConfigError, configKeys, loadConfig } from './config';

describe('config', () => {
  it('defaults to the fresh-machine mode: PGlite under ./data and the sandbox on 3001', () => {
    const config = loadConfig({});
    expect(config.server.port).toBe(3000);
    expect(config.db).toMatchObject({ url: null, dataDir: './data' });
    expect(config.dingtalk.mode).toBe('sandbox');
    expect(config.sandbox.port).toBe(3001);
  });

  it('names every bad variable in one readable line each', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues;
      expect(issues).toHaveLength(3);
      expect(issues.find((line) => line.startsWith('PORT:'))).toBeDefined();
      expect(issues.find((line) => line.startsWith('DATABASE_URL: must be a postgres:// URL'))).toBeDefined();
      expect(issues.find((line) => line.startsWith('LOG_LEVEL:'))).toBeDefined();
    }
  });

  it('live DingTalk needs client id, secret, corp id and agent id together, plus a JWT secret and data keys', () => {
    expect(() => loadConfig({ DINGTALK_CLIENT_ID: 'abc' })).toThrow(/DINGTALK_CLIENT_SECRET, DINGTALK_CORP_ID, DINGTALK_AGENT_ID/);
    const live = { DINGTALK_CLIENT_ID: 'a', DINGTALK_CLIENT_SECRET: 'b', DINGTALK_CORP_ID: 'ding1', DINGTALK_AGENT_ID: '1' };
    expect(() => loadConfig(live)).toThrow(/JWT_SECRET: required/);
    const config = loadConfig({ ...live, JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEYS: `v1:${Buffer.alloc(32).toString('base64')}` });
    expect(config.dingtalk.mode).toBe('live');
  });

  it('empty values count as unset and ADMIN_USER_IDS is a comma list', () => {
    const config = loadConfig({ DATABASE_URL: '', ADMIN_USER_IDS: 'a, b,,c' });
    expect(config.db.url).toBeNull();
    expect(config.auth.adminUserIds).toEqual(['a', 'b', 'c']);
  });

  it('S1: REGISTRATION_AUTO_ACTIVATE_DEPARTMENTS is a comma list of department ids; anything else is named', () => {
    expect(loadConfig({ REGISTRATION_AUTO_ACTIVATE_DEPARTMENTS: '581208002, 7,' }).auth.autoActivateDepartmentIds).toEqual([581208002, 7]);
    expect(loadConfig({}).auth.autoActivateDepartmentIds).toEqual([]);
    expect(() => loadConfig({ REGISTRATION_AUTO_ACTIVATE_DEPARTMENTS: '信息部' })).toThrow(/REGISTRATION_AUTO_ACTIVATE_DEPARTMENTS: must be comma-separated numeric/);
  });

  it('every key is documented', () => {
    for (const [key, { doc }] of Object.entries(configKeys)) expect(doc.length, key).toBeGreaterThan(10);
  });
});
