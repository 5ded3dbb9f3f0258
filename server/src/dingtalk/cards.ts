import { DingTalkError, isDingTalkError } from './errors';
import type { MessagingSdk } from './messaging-sdk';

export interface CreateAndDeliverCardInput {
  /** Our own unique id for the card instance; updates and clicks refer to it. Idempotency key. */
  outTrackId: string;
  /** The template built in DingTalk's card platform, e.g. '<uuid>.schema'. */
  cardTemplateId: string;
  /** Template variables; all values are strings (see cards-convention.ts). */
  cardParamMap: Record<string, string>;
  /** e.g. `dtv1.card//IM_GROUP.<openConversationId>` or `dtv1.card//IM_ROBOT.<userId>`; several joined by ';'. */
  openSpaceId: string;
  /** The enterprise robot that posts the card. */
  robotCode: string;
  /** People to @ in a group, `{ userId: displayName }`; `{ '@ALL': '@ALL' }` for everyone. */
  atUserIds?: Record<string, string>;
  /** STREAM sends clicks to the Stream topic; HTTP to the URL registered for `callbackRouteKey`. */
  callbackType: 'STREAM' | 'HTTP';
  callbackRouteKey?: string;
}

export interface UpdateCardInput {
  outTrackId: string;
  /** Only the keys given change (updateCardDataByKey). */
  cardParamMap: Record<string, string>;
  /** Per-person overrides, `{ userId: { key: value } }`; each person sees their own. */
  privateData?: Record<string, Record<string, string>>;
}

type WithToken = <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;

const createAndDeliverApi = 'POST /v1.0/card/instances/createAndDeliver';
const updateApi = 'PUT /v1.0/card/instances';

/**
 * Whether DingTalk refused a create because the outTrackId is taken. The exact code is
 * UNCONFIRMED (DingTalk's card API names its parameter errors `param.*`); the sandbox answers
 * HTTP 400 `param.outTrackIdExist`, and anything naming the outTrackId as existing or duplicate counts.
 */
export function isDuplicateCardError(error: unknown): boolean {
  return isDingTalkError(error) && error.httpStatus === 400 && /outTrackId.*(exist|duplicat)/i.test(error.code);
}

const spaceTypesOf = (openSpaceId: string) =>
  new Set(openSpaceId.split(';').map((space) => /^dtv1\.card\/\/([a-z_]+)\./i.exec(space.trim())?.[1]?.toUpperCase()));

/** Interactive card instances (card_1_0): create + deliver in one call, and update by key. */
export function createCards({ sdk, withToken }: { sdk: MessagingSdk; withToken: WithToken }) {
  return {
    /**
     * Idempotent by outTrackId: when DingTalk says the card already exists (an earlier attempt got
     * through but its answer was lost), the card counts as delivered and this returns normally.
     */
    async createAndDeliverCard(input: CreateAndDeliverCardInput): Promise<void> {
      if (input.callbackType === 'HTTP' && !input.callbackRouteKey) {
        throw localBadRequest(createAndDeliverApi, 'callbackRouteKey is required when callbackType is HTTP');
      }
      const spaces = spaceTypesOf(input.openSpaceId);
      if (!spaces.has('IM_GROUP') && !spaces.has('IM_ROBOT')) {
        throw localBadRequest(createAndDeliverApi, 'openSpaceId must name an IM_GROUP or IM_ROBOT space (dtv1.card//IM_GROUP.<cid>)');
      }
      let response;
      try {
        response = await withToken((accessToken) =>
          sdk.card(createAndDeliverApi, ({ client, models, runtime }) =>
            client.createAndDeliverWithOptions(
              new models.CreateAndDeliverRequest({
                outTrackId: input.outTrackId,
                cardTemplateId: input.cardTemplateId,
                cardData: new models.CreateAndDeliverRequestCardData({ cardParamMap: input.cardParamMap }),
                callbackType: input.callbackType,
                callbackRouteKey: input.callbackRouteKey,
                openSpaceId: input.openSpaceId,
                userIdType: 1,
                ...(spaces.has('IM_GROUP')
                  ? {
                      imGroupOpenSpaceModel: new models.CreateAndDeliverRequestImGroupOpenSpaceModel({ supportForward: true }),
                      imGroupOpenDeliverModel: new models.CreateAndDeliverRequestImGroupOpenDeliverModel({
                        robotCode: input.robotCode,
                        ...(input.atUserIds && Object.keys(input.atUserIds).length > 0 ? { atUserIds: input.atUserIds } : {}),
                      }),
                    }
                  : {}),
                ...(spaces.has('IM_ROBOT')
                  ? {
                      imRobotOpenSpaceModel: new models.CreateAndDeliverRequestImRobotOpenSpaceModel({ supportForward: true }),
                      imRobotOpenDeliverModel: new models.CreateAndDeliverRequestImRobotOpenDeliverModel({ spaceType: 'IM_ROBOT', robotCode: input.robotCode }),
                    }
                  : {}),
              }),
              new models.CreateAndDeliverHeaders({ xAcsDingtalkAccessToken: accessToken }),
              runtime,
            ),
          ),
        );
      } catch (error) {
        if (isDuplicateCardError(error)) return;
        throw error;
      }
      // Delivery failures (robot not in the group, unknown user) come back inside a 200 answer.
      const failed = (response.body?.result?.deliverResults ?? []).filter((result) => result.success === false);
      if (failed.length > 0) {
        throw new DingTalkError({
          code: 'card.deliver_failed',
          message: `DingTalk ${createAndDeliverApi} could not deliver to ${failed.map((f) => `${f.spaceType}.${f.spaceId}: ${f.errorMsg ?? 'failed'}`).join('; ')}`,
          reason: 'bad_request',
          retryable: false,
          httpStatus: response.statusCode ?? 200,
          api: createAndDeliverApi,
          detail: 'deliver_failed',
        });
      }
    },

    async updateCard(input: UpdateCardInput): Promise<void> {
      const privateData = input.privateData
        ? Object.fromEntries(Object.entries(input.privateData).map(([userId, cardParamMap]) => [userId, { cardParamMap }]))
        : undefined;
      await withToken((accessToken) =>
        sdk.card(updateApi, ({ client, models, runtime }) =>
          client.updateCardWithOptions(
            new models.UpdateCardRequest({
              outTrackId: input.outTrackId,
              cardData: new models.UpdateCardRequestCardData({ cardParamMap: input.cardParamMap }),
              ...(privateData ? { privateData } : {}),
              cardUpdateOptions: new models.UpdateCardRequestCardUpdateOptions({ updateCardDataByKey: true, updatePrivateDataByKey: true }),
              userIdType: 1,
            }),
            new models.UpdateCardHeaders({ xAcsDingtalkAccessToken: accessToken }),
            runtime,
          ),
        ),
      );
    },
  };
}

function localBadRequest(api: string, message: string): DingTalkError {
  return new DingTalkError({ code: 'invalid_input', message: `DingTalk ${api}: ${message}`, reason: 'bad_request', retryable: false, httpStatus: null, api });
}
