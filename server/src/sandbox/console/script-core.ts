// Console script, part 1: shared state, the sandbox API, escaping, markdown and avatars.
// Plain browser JavaScript kept in a string (no build step); it must not contain backticks or
// template placeholders, since it lives inside a template literal.

export const consoleScriptCore = String.raw`
var S = { people: [], byId: {}, groups: [], departments: [], me: null, view: 'messages', chat: null, config: {}, seen: {} };
var ROBOT_CHAT = 'robot';
var NOTICE_CHAT = 'work-notifications';
var DING_CHAT = 'dings';

function $(id) { return document.getElementById(id); }
function esc(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
}
function api(method, path, body) {
  var init = { method: method, headers: {} };
  if (body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
  return fetch('/sandbox/api' + path, init).then(function (response) {
    return response.text().then(function (text) {
      var data = {};
      try { data = text ? JSON.parse(text) : {}; } catch (e) { data = { detail: text }; }
      return { ok: response.ok, status: response.status, data: data };
    });
  }, function () { return { ok: false, status: 0, data: { detail: '网络链接发生问题' } }; });
}
var toastTimer = null;
function toast(text) {
  var el = $('toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(function () { el.classList.remove('show'); }, 2600);
}
function problemText(answer) {
  var d = answer.data || {};
  return d.detail || d.title || d.message || ('请求失败 (' + answer.status + ')');
}
/** Only redraw a region when what it shows has changed, so polling does not flicker. */
function changed(key, value) {
  var json = JSON.stringify(value);
  if (S.seen[key] === json) return false;
  S.seen[key] = json;
  return true;
}
function pad(n) { return (n < 10 ? '0' : '') + n; }
function fmtTime(iso) {
  if (!iso) return '';
  var d = new Date(iso), now = new Date();
  var hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
  return d.toDateString() === now.toDateString() ? hm : (d.getMonth() + 1) + '-' + d.getDate() + ' ' + hm;
}
function nameOf(userId) { return S.byId[userId] ? S.byId[userId].name : userId; }

/** DingTalk shows @userId and @mobile as @name. */
function withNames(text) {
  return String(text || '').replace(/@([A-Za-z0-9_\-]{3,64})/g, function (all, id) {
    if (S.byId[id]) return '@' + S.byId[id].name;
    for (var i = 0; i < S.people.length; i++) if (S.people[i].mobile === id) return '@' + S.people[i].name;
    return all;
  });
}
function inline(text) {
  var s = esc(withNames(text));
  s = s.replace(/\x60([^\x60]+)\x60/g, '<code>$1</code>');
  s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  s = s.replace(/(^|[\s>(（，,。])@([^\s@<>&]{1,20})/g, '$1<span class="at">@$2</span>');
  s = s.replace(/\[([^\]]+)\]\(((?:https?|dingtalk):[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
  return s;
}
/** The markdown subset DingTalk renders in robot messages and cards. */
function md(source) {
  var out = [], para = [], list = null;
  function flushPara() { if (para.length) { out.push('<p>' + para.map(inline).join('<br>') + '</p>'); para = []; } }
  function flushList() {
    if (!list) return;
    out.push('<' + list.tag + '>' + list.items.map(function (item) { return '<li>' + inline(item) + '</li>'; }).join('') + '</' + list.tag + '>');
    list = null;
  }
  String(source || '').replace(/\r\n?/g, '\n').split('\n').forEach(function (line) {
    var m;
    if (/^\s*$/.test(line)) { flushPara(); flushList(); return; }
    if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) { flushPara(); flushList(); out.push('<h' + m[1].length + '>' + inline(m[2]) + '</h' + m[1].length + '>'); return; }
    if ((m = /^\s*[-*+]\s+(.*)$/.exec(line)) || (m = /^\s*\d+[.)]\s+(.*)$/.exec(line))) {
      var tag = /^\s*\d/.test(line) ? 'ol' : 'ul';
      flushPara();
      if (!list || list.tag !== tag) { flushList(); list = { tag: tag, items: [] }; }
      list.items.push(m[1]);
      return;
    }
    if ((m = /^>\s?(.*)$/.exec(line))) { flushPara(); flushList(); out.push('<blockquote>' + inline(m[1]) + '</blockquote>'); return; }
    flushList();
    para.push(line);
  });
  flushPara();
  flushList();
  return out.join('');
}

var palette = ['#3370ff', '#00b42a', '#ff7d00', '#7816ff', '#0fc6c2', '#f53f3f', '#14c9c9', '#3491fa'];
function colourOf(key) {
  var h = 0;
  for (var i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return palette[h % palette.length];
}
function personAvatar(userId, name, round) {
  return '<div class="avatar' + (round === false ? '' : ' round') + '"><img alt="' + esc(name) + '" src="/sandbox/avatars/' + encodeURIComponent(userId) + '.svg"></div>';
}
function robotAvatar(robotKey, name) {
  var isWebhook = /webhook/.test(robotKey || '');
  return '<div class="avatar round" style="background:' + (isWebhook ? '#FD9100' : '#005FFF') + '">' + (isWebhook ? '警' : '助') + '</div>';
}
function groupAvatar(title) {
  return '<div class="avatar" style="background:' + colourOf(title) + '">' + esc(Array.from(title).slice(0, 2).join('')) + '</div>';
}
function senderAvatar(sender) {
  return sender.kind === 'user' ? personAvatar(sender.userId, sender.name) : robotAvatar(sender.robotKey, sender.name);
}
function emptyState(title, text) {
  return '<div class="empty"><div class="big">' + esc(title) + '</div>' + (text ? '<div>' + esc(text) + '</div>' : '') + '</div>';
}
`;
