import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateAndDeliverCardInput } from '../../../server/src/dingtalk/client';
import { encodeCardButtons } from '../../../server/src/dingtalk/cards-convention';
import type { CardActionCallback } from '../../../server/src/dingtalk/messaging-wire';
import { demoGroupIds, demoUserIds, sandboxCardTemplateIds, type RunningSandbox } from '../../../server/src/sandbox';
import { conversationItems, sandboxApi, startMessagingSandbox } from './messaging-fixture';
import { clientFor, failureOf, testApp } from './sandbox-fixture';

// Interactive card instances (card_1_0) through the real client and SDK, and button presses
// from the sandbox console pushed back to the app.

const alertCard = (outTrackId: string): CreateAndDeliverCardInput => ({
  outTrackId,
  cardTemplateId: sandboxCardTemplateIds.alert,
  cardParamMap: {
    title: 'ERPDatabaseConnectionsHigh',
    level: '1',
    status: '待认领',
    statusColor: 'red',
    markdown: '**ERP 数据库连接数** 已达 **980/1000**',
    buttons: encodeCardButtons([
      { id: 'claim', text: '认领', style: 'primary', params: { alertId: 'a-1' } },
      { id: 'escalate', text: '升级', style: 'danger' },
    ]),
  },
  openSpaceId: `dtv1.card//IM_GROUP.${demoGroupIds['it-oncall']}`,
  robotCode: testApp.clientId,
  atUserIds: { [demoUserIds.chengang]: '陈刚' },
  callbackType: 'STREAM',
});

describe('Interactive cards against the sandbox', () => {
  let sandbox: RunningSandbox | undefined;
  let receiver: Server | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    receiver?.closeAllConnections();
    await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
    receiver = undefined;
  });

  it('a delivered alert card shows in IT运维值班群 with its buttons and @陈刚', async () => {
    sandbox = await startMessagingSandbox();

    await clientFor(sandbox).createAndDeliverCard(alertCard('alert-1'));

    const card = (await conversationItems(sandbox, demoGroupIds['it-oncall'])).find((item) => item.kind === 'card');
    expect(card).toMatchObject({ outTrackId: 'alert-1', sender: { name: '运维助手' }, atNames: ['陈刚'], render: { title: 'ERPDatabaseConnectionsHigh' } });
    expect(card?.render?.buttons.map((b) => [b.id, b.text])).toEqual([['claim', '认领'], ['escalate', '升级']]);
  });

  it('delivering the same outTrackId again succeeds without a second card', async () => {
    sandbox = await startMessagingSandbox();
    const client = clientFor(sandbox);

    await client.createAndDeliverCard(alertCard('alert-2'));
    await client.createAndDeliverCard(alertCard('alert-2'));

    const cards = (await conversationItems(sandbox, demoGroupIds['it-oncall'])).filter((item) => item.kind === 'card');
    expect(cards).toHaveLength(1);
    expect(sandbox.state.requests.count('POST', '/v1.0/card/instances/createAndDeliver')).toBe(2);
  });

  it('an update changes only the keys given and is kept in the card history', async () => {
    sandbox = await startMessagingSandbox();
    const client = clientFor(sandbox);
    await client.createAndDeliverCard(alertCard('alert-3'));

    await client.updateCard({ outTrackId: 'alert-3', cardParamMap: { status: '已认领', statusColor: 'green' }, privateData: { [demoUserIds.chengang]: { footer: '你已认领' } } });

    const [card] = (await conversationItems(sandbox, demoGroupIds['it-oncall'], demoUserIds.chengang)).filter((item) => item.kind === 'card');
    expect(card?.cardParamMap).toMatchObject({ title: 'ERPDatabaseConnectionsHigh', status: '已认领', statusColor: 'green', footer: '你已认领' });
    expect(card?.updates).toEqual([expect.objectContaining({ source: 'api', cardParamMap: { status: '已认领', statusColor: 'green' } })]);
    const [othersView] = (await conversationItems(sandbox, demoGroupIds['it-oncall'], demoUserIds.lina)).filter((item) => item.kind === 'card');
    expect(othersView?.cardParamMap?.footer).toBeUndefined();
  });

  it.each([
    { name: 'an unknown card', call: 'update', code: 'param.outTrackIdNotExist' },
    { name: 'an unknown template', call: 'create', code: 'invalidParameter.cardTemplate.notFound' },
    { name: 'an empty outTrackId', call: 'create-empty', code: 'param.outTrackIdEmpty' },
  ])('$name fails as a permanent bad request ($code)', async ({ call, code }) => {
    sandbox = await startMessagingSandbox();
    const client = clientFor(sandbox);

    const error = await failureOf(() =>
      call === 'update'
        ? client.updateCard({ outTrackId: 'nope', cardParamMap: { status: 'x' } })
        : client.createAndDeliverCard({ ...alertCard(call === 'create' ? 'alert-4' : ''), ...(call === 'create' ? { cardTemplateId: 'no-such.schema' } : {}) }),
    );

    expect(error).toMatchObject({ code, httpStatus: 400, reason: 'bad_request', retryable: false });
  });

  it('a card for a group its robot is not in fails as a permanent delivery failure', async () => {
    sandbox = await startMessagingSandbox();

    const error = await failureOf(() => clientFor(sandbox!).createAndDeliverCard({ ...alertCard('alert-5'), openSpaceId: 'dtv1.card//IM_GROUP.cidNoSuchGroup00000000==' }));

    expect(error).toMatchObject({ code: 'card.deliver_failed', reason: 'bad_request', retryable: false });
  });

  it('a card to one person lands in their 1:1 chat with the robot', async () => {
    sandbox = await startMessagingSandbox();

    await clientFor(sandbox).createAndDeliverCard({ ...alertCard('rating-1'), cardTemplateId: sandboxCardTemplateIds.general, openSpaceId: `dtv1.card//IM_ROBOT.${demoUserIds.zhangwei}` });

    const { body } = await sandboxApi<{ items: { kind: string; outTrackId: string }[] }>(sandbox, 'GET', `/direct-messages?userId=${demoUserIds.zhangwei}`);
    expect(body.items).toEqual([expect.objectContaining({ kind: 'card', outTrackId: 'rating-1' })]);
  });

  it('an HTTP callback card without a route key is refused before DingTalk is called', async () => {
    sandbox = await startMessagingSandbox();

    const error = await failureOf(() => clientFor(sandbox!).createAndDeliverCard({ ...alertCard('alert-6'), callbackType: 'HTTP' }));

    expect(error).toMatchObject({ reason: 'bad_request', httpStatus: null });
    expect(sandbox.state.requests.count('POST', '/v1.0/card/instances/createAndDeliver')).toBe(0);
  });

  it('pressing 认领 pushes DingTalk’s card callback and applies the card update the app answers with', async () => {
    const received: CardActionCallback[] = [];
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        received.push(JSON.parse(text) as CardActionCallback);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cardData: { cardParamMap: { status: '陈刚 已认领', buttons: '[]' } } }));
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    const cardCallbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/card-callback`;
    sandbox = await startMessagingSandbox({ eventDelivery: { delivery: { mode: 'http', cardCallbackUrl } } });
    await clientFor(sandbox).createAndDeliverCard(alertCard('alert-7'));

    const click = await sandboxApi<{ answered: boolean; cardUpdated: boolean }>(sandbox, 'POST', '/cards/alert-7/click', { userId: demoUserIds.chengang, action: 'claim' });

    expect(click.body).toMatchObject({ answered: true, cardUpdated: true });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ type: 'actionCallback', outTrackId: 'alert-7', corpId: testApp.corpId, userId: demoUserIds.chengang, userIdType: 1, spaceType: 'IM_GROUP', spaceId: demoGroupIds['it-oncall'], extension: '{}' });
    expect(JSON.parse(received[0]!.content)).toEqual({ cardPrivateData: { actionIds: ['claim'], params: { action: 'claim', alertId: 'a-1' } } });
    expect(received[0]!.value).toBe(received[0]!.content);
    const [card] = (await conversationItems(sandbox, demoGroupIds['it-oncall'])).filter((item) => item.kind === 'card');
    expect(card).toMatchObject({ cardParamMap: { status: '陈刚 已认领' }, render: { buttons: [] } });
  });

  it('a press goes out on the Stream card topic when no HTTP route is set', async () => {
    sandbox = await startMessagingSandbox({ eventDelivery: { settings: { callbackTimeoutMs: 200 } } });
    await clientFor(sandbox).createAndDeliverCard(alertCard('alert-8'));

    const click = await sandboxApi<{ answered: boolean; callback: CardActionCallback }>(sandbox, 'POST', '/cards/alert-8/click', { userId: demoUserIds.lina, action: 'escalate' });

    expect(click.status).toBe(200);
    expect(click.body).toMatchObject({ answered: false, callback: { outTrackId: 'alert-8', userId: demoUserIds.lina } });
    expect(sandbox.state.events.list().filter((record) => record.topic === '/v1.0/card/instances/callback')).toHaveLength(1);
  });

  it.each([
    { name: 'an unknown card', path: '/cards/nope/click', body: { userId: demoUserIds.chengang, action: 'claim' }, status: 404, code: 'sandbox.card_not_found' },
    { name: 'an unknown button', path: '/cards/alert-9/click', body: { userId: demoUserIds.chengang, action: 'delete' }, status: 400, code: 'sandbox.card_action_not_found' },
    { name: 'a person outside the group', path: '/cards/alert-9/click', body: { userId: demoUserIds.zhangwei, action: 'claim' }, status: 403, code: 'sandbox.card_not_visible' },
    { name: 'a missing userId', path: '/cards/alert-9/click', body: { action: 'claim' }, status: 400, code: 'sandbox.invalid_request' },
  ])('a press on $name is refused with a problem naming it', async ({ path, body, status, code }) => {
    sandbox = await startMessagingSandbox();
    await clientFor(sandbox).createAndDeliverCard(alertCard('alert-9'));

    const answer = await sandboxApi(sandbox, 'POST', path, body);

    expect(answer).toMatchObject({ status, contentType: expect.stringContaining('application/problem+json'), body: { code } });
    expect(sandbox.state.events.list()).toHaveLength(0);
  });
});
