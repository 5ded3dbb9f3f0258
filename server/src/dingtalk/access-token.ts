import { createSdkConfig, errorFromSdk, loadSdk, type OAuthClient, type SdkSettings } from './sdk';
import { invalidResponseError } from './error-mapping';
import type { FetchedToken } from './token-cache';

const api = 'POST /v1.0/oauth2/accessToken';

/**
 * Builds the function that asks DingTalk for an app access token through the official SDK
 * (`oauth2_1_0.getAccessToken`). The SDK client is created once, on the first fetch.
 */
export function createAccessTokenFetcher(settings: SdkSettings & { clientId: string; clientSecret: string }): () => Promise<FetchedToken> {
  let client: Promise<OAuthClient> | null = null;

  const getClient = () => {
    if (!client) {
      client = loadSdk().then(({ sdk, Config }) => new sdk.oauth2_1_0.default(createSdkConfig(Config, settings)));
      client.catch(() => {
        client = null;
      });
    }
    return client;
  };

  return async () => {
    const { sdk } = await loadSdk();
    const oauth = await getClient();
    let response;
    try {
      response = await oauth.getAccessToken(
        new sdk.oauth2_1_0.GetAccessTokenRequest({ appKey: settings.clientId, appSecret: settings.clientSecret }),
      );
    } catch (error) {
      throw errorFromSdk(error, api);
    }
    const token = response.body?.accessToken;
    const expiresIn = response.body?.expireIn;
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number' || expiresIn <= 0) {
      throw invalidResponseError(api, response.statusCode ?? 200);
    }
    return { token, expiresInSeconds: expiresIn };
  };
}
