import { createSdkConfig, errorFromSdk, loadSdk, type SdkSettings } from './sdk';

type DingTalkSdk = typeof import('@alicloud/dingtalk');
type TeaUtil = typeof import('@alicloud/tea-util');
type RuntimeOptions = InstanceType<TeaUtil['RuntimeOptions']>;

export type RobotModels = DingTalkSdk['robot_1_0'];
export type CardModels = DingTalkSdk['card_1_0'];
type RobotClient = InstanceType<RobotModels['default']>;
type CardClient = InstanceType<CardModels['default']>;

export interface SdkCallContext<TClient, TModels> {
  client: TClient;
  /** The module's request, header and response model classes. */
  models: TModels;
  /** Per-call options; the SDK's own automatic retry stays off (the outbox retries). */
  runtime: RuntimeOptions;
}

/** One call through an SDK module; whatever it throws comes out as a DingTalkError. */
type SdkCaller<TClient, TModels> = <T>(api: string, call: (context: SdkCallContext<TClient, TModels>) => Promise<T>) => Promise<T>;

export interface MessagingSdk {
  robot: SdkCaller<RobotClient, RobotModels>;
  card: SdkCaller<CardClient, CardModels>;
}

let loadingUtil: Promise<TeaUtil> | null = null;

function loadTeaUtil(): Promise<TeaUtil> {
  loadingUtil ??= import('@alicloud/tea-util').catch((error: unknown) => {
    loadingUtil = null;
    throw error;
  });
  return loadingUtil;
}

/**
 * The robot_1_0 and card_1_0 SDK clients, built once on first use from the lazily loaded SDK
 * (it is slow to load). Calls go through the `*WithOptions` variants, since only those send the
 * access-token header.
 */
export function createMessagingSdk(settings: SdkSettings): MessagingSdk {
  let clients: Promise<{ robot: RobotClient; card: CardClient; sdk: DingTalkSdk; util: TeaUtil }> | null = null;

  const getClients = () => {
    clients ??= Promise.all([loadSdk(), loadTeaUtil()]).then(
      ([{ sdk, Config }, util]) => ({
        sdk,
        util,
        robot: new sdk.robot_1_0.default(createSdkConfig(Config, settings)),
        card: new sdk.card_1_0.default(createSdkConfig(Config, settings)),
      }),
      (error: unknown) => {
        clients = null;
        throw error;
      },
    );
    return clients;
  };

  const runtimeFor = (util: TeaUtil) => new util.RuntimeOptions({ autoretry: false, readTimeout: settings.timeoutMs, connectTimeout: settings.timeoutMs });

  return {
    async robot(api, call) {
      try {
        const { robot, sdk, util } = await getClients();
        return await call({ client: robot, models: sdk.robot_1_0, runtime: runtimeFor(util) });
      } catch (error) {
        throw errorFromSdk(error, api);
      }
    },
    async card(api, call) {
      try {
        const { card, sdk, util } = await getClients();
        return await call({ client: card, models: sdk.card_1_0, runtime: runtimeFor(util) });
      } catch (error) {
        throw errorFromSdk(error, api);
      }
    },
  };
}
