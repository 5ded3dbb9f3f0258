import type { SandboxPersonAccess, Session } from '@dingops/shared/auth';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeApiError, setSession } from '../../../lib/api-client';
import { DingTalkError, isInDingTalk, requestAuthCode } from '../../../lib/dingtalk';
import { t } from '../../../lib/i18n';
import { createSandboxAuthCode } from '../api/create-sandbox-auth-code';
import { getPublicConfig } from '../api/get-public-config';
import { getSandboxAccess } from '../api/get-sandbox-access';
import { listSandboxPeople } from '../api/list-sandbox-people';
import { loginWithAuthCode } from '../api/login-with-auth-code';
import type { SandboxPerson } from '../api/sandbox-people';

export type LoginState =
  | { step: 'loading' }
  | { step: 'signing-in'; name: string | null }
  | { step: 'picker'; sandboxApiUrl: string; people: SandboxPerson[]; access: ReadonlyMap<string, SandboxPersonAccess>; notice: string | null }
  | { step: 'open-in-dingtalk' }
  | { step: 'failed'; message: string; detail: string | null }
  /** Rule S1: IT refused this person's registration; `reason` is IT's, when it gave one. */
  | { step: 'rejected'; reason: string | null };

const isRejection = (error: unknown): error is ApiError => error instanceof ApiError && error.code === 'auth.registration_rejected';

function toFailure(error: unknown): LoginState {
  if (isRejection(error)) return { step: 'rejected', reason: error.problem?.reason ?? null };
  if (error instanceof ApiError) return { step: 'failed', message: describeApiError(error), detail: error.code };
  if (error instanceof DingTalkError) {
    return { step: 'failed', message: t('login.failedDescription'), detail: `DingTalk ${error.code ?? error.message}` };
  }
  return { step: 'failed', message: t('login.failedDescription'), detail: null };
}

type UseLoginFlowInput = { loginAs: string | null; onSignedIn: (session: Session) => void };

/**
 * Inside DingTalk: requestAuthCode → POST /auth/dingtalk. Outside, in sandbox mode: the sandbox
 * issues the code for a chosen person (picked, or named by `?loginAs=`). Outside in live mode
 * there is nothing to log in with, so the page asks to open the app from DingTalk.
 */
export function useLoginFlow({ loginAs, onSignedIn }: UseLoginFlowInput) {
  const [state, setState] = useState<LoginState>({ step: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const onSignedInRef = useRef(onSignedIn);
  useEffect(() => {
    onSignedInRef.current = onSignedIn;
  }, [onSignedIn]);

  const finish = useCallback((session: Session) => {
    setSession(session);
    onSignedInRef.current(session);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const run = async () => {
      const config = await getPublicConfig({ signal });
      if (isInDingTalk()) {
        setState({ step: 'signing-in', name: null });
        const authCode = await requestAuthCode({ corpId: config.corpId, clientId: config.clientId });
        if (!signal.aborted) finish(await loginWithAuthCode({ authCode }));
        return;
      }
      if (config.mode !== 'sandbox' || !config.sandboxApiUrl) {
        setState({ step: 'open-in-dingtalk' });
        return;
      }
      const sandboxApiUrl = config.sandboxApiUrl;
      // Roles are a help, not a need: without them the picker still lists everyone.
      const [people, access] = await Promise.all([listSandboxPeople({ sandboxApiUrl, signal }), getSandboxAccess({ signal }).catch(() => [])]);
      const chosen = loginAs ? people.find((person) => person.userId === loginAs) : undefined;
      if (!chosen) {
        const notice = loginAs ? t('login.unknownPerson', { userId: loginAs }) : null;
        setState({ step: 'picker', sandboxApiUrl, people, access: new Map(access.map((entry) => [entry.dingtalkUserId, entry])), notice });
        return;
      }
      setState({ step: 'signing-in', name: chosen.name });
      const authCode = await createSandboxAuthCode({ sandboxApiUrl, userId: chosen.userId });
      if (!signal.aborted) finish(await loginWithAuthCode({ authCode }));
    };
    run().catch((error: unknown) => {
      if (!signal.aborted) setState(toFailure(error));
    });
    return () => controller.abort();
  }, [attempt, loginAs, finish]);

  /** A tap in the picker: errors toast and leave the picker in place to try someone else. */
  const pickPerson = useCallback(
    async (person: SandboxPerson) => {
      if (state.step !== 'picker') return;
      const picker = state;
      setState({ step: 'signing-in', name: person.name });
      try {
        const authCode = await createSandboxAuthCode({ sandboxApiUrl: picker.sandboxApiUrl, userId: person.userId, silent: false });
        finish(await loginWithAuthCode({ authCode, silent: false }));
      } catch (error) {
        setState(isRejection(error) ? toFailure(error) : picker);
      }
    },
    [state, finish],
  );

  const retry = useCallback(() => {
    setState({ step: 'loading' });
    setAttempt((count) => count + 1);
  }, []);

  return { state, pickPerson, retry };
}
