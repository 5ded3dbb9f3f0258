import type { FastifyPluginAsync } from 'fastify';
import { demoOnCallUserId } from '../demo-roles';
import { baseUrlOf } from '../replies';
import { enterpriseRobotKey } from '../messaging/robots';
import type { SandboxState } from '../state';
import { consolePage } from './page';
import { consoleScriptApp } from './script-app';
import { consoleScriptChats } from './script-chats';
import { consoleScriptCore } from './script-core';
import { consoleScriptPanels } from './script-panels';
import { consoleStyles } from './styles';

// The sandbox console at /sandbox/: a page in the look of DingTalk's desktop client showing the
// demo groups with their messages and clickable cards, each person's work notifications and
// approval inbox, the micro-app in a phone frame, and controls for events and faults.

const script = `(function () {\n'use strict';\n${consoleScriptCore}\n${consoleScriptChats}\n${consoleScriptApp}\n${consoleScriptPanels}\n})();\n`;

export const consoleRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const page = consolePage();

  app.get('/sandbox', async (_request, reply) => reply.redirect('/sandbox/'));
  app.get('/sandbox/', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page));
  app.get('/sandbox/console.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-store').send(consoleStyles));
  app.get('/sandbox/console.js', async (_request, reply) => reply.type('application/javascript; charset=utf-8').header('cache-control', 'no-store').send(script));

  /**
   * What the page needs to start: whose company, which robot, where the micro-app is, and the app's
   * credentials and endpoints (凭证与基础信息) a customer's own SDK script needs to talk to the sandbox.
   */
  app.get('/sandbox/api/console/config', async (request) => {
    const baseUrl = baseUrlOf(request);
    return {
      corpName: state.org.corpName,
      corpId: state.app.corpId,
      clientId: state.app.clientId,
      clientSecret: state.app.clientSecret,
      agentId: state.app.agentId,
      /** The v1.0 OpenAPI host (`api.dingtalk.com` live), spoken over plain HTTP here. */
      apiEndpoint: new URL(baseUrl).host,
      apiProtocol: 'http',
      /** The old oapi host (`https://oapi.dingtalk.com` live): topapi, gettoken, robot webhooks. */
      oapiBaseUrl: baseUrl,
      streamOpenUrl: `${baseUrl}/v1.0/gateway/connections/open`,
      miniappUrl: state.miniappUrl,
      robotName: state.messaging.robots.get(enterpriseRobotKey)?.name ?? '运维助手',
      defaultUserId: demoOnCallUserId,
    };
  });
};
