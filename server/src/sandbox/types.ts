// Shapes every part of the sandbox shares. Imports nothing, so the stores that state.ts composes can
// name them without importing state.ts back.

/** The one internal app the sandbox hosts: DingOps itself. */
export interface SandboxApp {
  /** AppKey / Client ID; also the robot code of the app's enterprise robot. */
  clientId: string;
  clientSecret: string;
  corpId: string;
  agentId: string;
}
