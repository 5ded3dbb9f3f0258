import { createAuthCodeStore, type AuthCodeStore } from './auth-codes';
import { createOrgDirectory, type OrgDirectory, type OrgSeed } from './org';
import { createDemoOrgSeed } from './org-seed';
import { createRequestLog, type RequestLog } from './request-log';
import { createTokenStore, type TokenStore } from './tokens';

/** The one internal app the sandbox hosts: DingOps itself. */
export interface SandboxApp {
  /** AppKey / Client ID; also the robot code of the app's enterprise robot. */
  clientId: string;
  clientSecret: string;
  corpId: string;
  agentId: string;
}

/**
 * Everything the sandbox knows, apart from its HTTP routes: the org, issued tokens and codes and
 * the traffic it saw. In memory; a restart gives a fresh demo company. Later steps add messages,
 * cards, approvals and event subscriptions as further stores here.
 */
export interface SandboxState {
  app: SandboxApp;
  org: OrgDirectory;
  tokens: TokenStore;
  authCodes: AuthCodeStore;
  requests: RequestLog;
  now: () => number;
}

export function createSandboxState({ app, seed = createDemoOrgSeed(), now = Date.now }: { app: SandboxApp; seed?: OrgSeed; now?: () => number }): SandboxState {
  return {
    app: { ...app },
    org: createOrgDirectory(seed),
    tokens: createTokenStore({ now }),
    authCodes: createAuthCodeStore({ now }),
    requests: createRequestLog({ now }),
    now,
  };
}
