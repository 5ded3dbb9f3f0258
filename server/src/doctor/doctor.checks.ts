// The vocabulary of `pnpm run doctor`: a check has a name and answers passed, failed (with what to
// fix) or skipped (not applicable, or blocked by an earlier failure).

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** What was found; for a failure, what went wrong and how to fix it. */
  detail: string;
}

export const passed = (name: string, detail: string): CheckResult => ({ name, status: 'passed', detail });
export const failed = (name: string, detail: string): CheckResult => ({ name, status: 'failed', detail });
export const skipped = (name: string, detail: string): CheckResult => ({ name, status: 'skipped', detail });

/**
 * Runs one check; anything it throws becomes a failure that names the error and the fix, so one
 * broken check never hides the others.
 */
export async function check(name: string, fix: string, run: () => Promise<CheckResult | string>): Promise<CheckResult> {
  try {
    const outcome = await run();
    return typeof outcome === 'string' ? passed(name, outcome) : outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failed(name, `${message} → ${fix}`);
  }
}

const symbols: Record<CheckStatus, string> = { passed: '✓', failed: '✗', skipped: '–' };

export function formatResult(result: CheckResult): string {
  return `${symbols[result.status]} ${result.name}: ${result.detail}`;
}
