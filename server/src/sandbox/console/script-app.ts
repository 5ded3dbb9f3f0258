// Console script, part 3: the app's credentials and endpoints (DingTalk's 凭证与基础信息 page), each
// with a copy button, and a minimal SDK configuration that uses them.

export const consoleScriptApp = String.raw`
function credentialRows() {
  var c = S.config;
  return [
    { key: 'clientId', label: 'Client ID (AppKey)', value: c.clientId },
    { key: 'clientSecret', label: 'Client Secret (AppSecret)', value: c.clientSecret },
    { key: 'corpId', label: 'CorpId', value: c.corpId },
    { key: 'agentId', label: 'AgentId', value: c.agentId },
    { key: 'apiEndpoint', label: 'v1.0 API（api.dingtalk.com）', value: c.apiEndpoint, note: '协议 ' + (c.apiProtocol || 'http') },
    { key: 'oapiBaseUrl', label: 'oapi（oapi.dingtalk.com）', value: c.oapiBaseUrl },
    { key: 'streamOpenUrl', label: 'Stream 网关', value: c.streamOpenUrl }
  ];
}
function sdkSnippet() {
  var c = S.config;
  return [
    "// npm i @alicloud/dingtalk @alicloud/openapi-client",
    "import { oauth2_1_0 } from '@alicloud/dingtalk';",
    "import * as $OpenApi from '@alicloud/openapi-client';",
    "const config = new $OpenApi.Config({ endpoint: '" + c.apiEndpoint + "', protocol: '" + (c.apiProtocol || 'http') + "' });",
    "const oauth = new oauth2_1_0.default(config);",
    "const { body } = await oauth.getAccessToken(new oauth2_1_0.GetAccessTokenRequest({",
    "  appKey: '" + c.clientId + "', appSecret: '" + c.clientSecret + "' }));",
    "// oapi: POST " + c.oapiBaseUrl + "/topapi/v2/user/get?access_token=<token>"
  ].join('\n');
}
function renderApp() {
  if (!changed('app', S.config)) return;
  var rows = credentialRows().map(function (row) {
    return '<div class="cred" data-testid="cred-' + row.key + '"><div class="cred-label">' + esc(row.label) + '</div>' +
      '<code class="cred-value" data-testid="cred-value-' + row.key + '">' + esc(row.value) + '</code>' +
      '<button type="button" class="btn" data-copy="' + esc(row.value) + '" data-testid="copy-' + row.key + '">复制</button>' +
      (row.note ? '<div class="cred-note">' + esc(row.note) + '</div>' : '') + '</div>';
  }).join('');
  $('view-app').innerHTML =
    '<div class="panel"><h3>凭证与基础信息 · DingOps（沙箱）</h3>' + rows +
    '<p class="note">与钉钉开发者后台“凭证与基础信息”页相同的几项。沙箱重启后不变；真实钉钉中请换成你的应用的值。</p></div>' +
    '<div class="panel"><h3>用你自己的脚本连接沙箱</h3><pre class="snippet" data-testid="sdk-snippet">' + esc(sdkSnippet()) + '</pre>' +
    '<div class="row"><button type="button" class="btn" data-copy="' + esc(sdkSnippet()) + '" data-testid="copy-snippet">复制代码</button></div>' +
    '<p class="note">官方 SDK 默认连接 api.dingtalk.com：把 endpoint 指向沙箱并使用 http 即可。dingtalk-stream 的网关地址是常量，需改写 getEndpoint() 指向上面的 Stream 网关。</p></div>';
}
function copyText(text) {
  function fallback() {
    var area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  var done = function (ok) { toast(ok ? '已复制' : '复制失败，请手动选择复制'); };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback()); });
  else done(fallback());
}
function appClick(event) {
  var button = event.target.closest('button[data-copy]');
  if (button) copyText(button.getAttribute('data-copy'));
}
`;
