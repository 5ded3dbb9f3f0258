// Console script, part 2: the chat list, a chat's messages and cards, card buttons, the composer,
// and the 工作通知 chat. Same rules as part 1: no backticks, no template placeholders.

export const consoleScriptChats = String.raw`
var levelNames = { 1: '一级告警', 2: '二级告警', 3: '三级告警' };

function chatEntries() {
  var query = ($('chat-search').value || '').trim();
  var entries = S.groups.map(function (g) {
    return { id: g.id, testid: 'chat-' + g.id, title: g.title, avatar: groupAvatar(g.title), preview: g.lastMessage, group: g };
  });
  entries.push({ id: ROBOT_CHAT, testid: 'chat-robot', title: robotName(), avatar: robotAvatar('ops-assistant'), preview: S.robotPreview });
  entries.push({ id: NOTICE_CHAT, testid: 'chat-work-notifications', title: '工作通知', avatar: '<div class="avatar" style="background:#FD9100">通知</div>', preview: S.noticePreview });
  entries.push({ id: DING_CHAT, testid: 'chat-dings', title: 'DING', avatar: '<div class="avatar" style="background:#FF5219">DING</div>', preview: S.dingPreview });
  return entries.filter(function (e) { return !query || e.title.indexOf(query) >= 0; });
}
function robotName() { return S.config.robotName || '运维助手'; }

function renderChatList() {
  var entries = chatEntries();
  if (!changed('chat-list', [entries.map(function (e) { return [e.id, e.title, e.preview]; }), S.chat])) return;
  $('chat-items').innerHTML = entries.map(function (e) {
    var p = e.preview;
    return '<div class="chat-item' + (e.id === S.chat ? ' active' : '') + '" data-chat="' + esc(e.id) + '" data-testid="' + esc(e.testid) + '">' + e.avatar +
      '<div style="min-width:0"><div class="name">' + esc(e.title) + '</div><div class="preview">' + (p ? esc(p.senderName ? p.senderName + ': ' : '') + esc(withNames(p.text)) : '&nbsp;') + '</div></div>' +
      '<div class="time">' + (p ? fmtTime(p.at) : '') + '</div></div>';
  }).join('');
}

function openChat(id) {
  S.chat = id;
  S.seen['chat-stream'] = null;
  var group = S.groups.filter(function (g) { return g.id === id; })[0];
  var title = group ? group.title : id === ROBOT_CHAT ? robotName() : id === DING_CHAT ? 'DING' : '工作通知';
  var isMember = !group || group.members.some(function (m) { return m.userId === S.me; });
  var sub = group ? group.members.length + ' 人 · ' + group.robots.map(function (r) { return r.name; }).join('、') : id === ROBOT_CHAT ? '机器人单聊' : id === DING_CHAT ? '机器人钉一下的提醒' : '来自企业应用的工作通知';
  $('chat-pane').innerHTML =
    '<div class="chat-head"><span class="title">' + esc(title) + '</span><span class="sub">' + esc(sub) + '</span>' + (isMember ? '' : '<span class="tag gray">未加入 · 仅旁观</span>') + '</div>' +
    '<div class="stream" id="chat-stream" data-testid="chat-stream"></div>' +
    (id === NOTICE_CHAT || id === DING_CHAT ? '<div></div>' :
      '<div class="composer"><textarea id="composer-text" data-testid="composer" placeholder="' + (group ? '输入消息，@' + esc(robotName()) + ' 可以报障' : '给' + esc(robotName()) + '发消息') + '"></textarea>' +
      '<button type="button" class="btn primary" id="composer-send" data-testid="composer-send">发送</button>' +
      '<div class="hint" id="composer-hint"></div></div>');
  updateComposerHint();
  renderChatList();
  return loadChat();
}
function updateComposerHint() {
  var hint = $('composer-hint');
  if (hint) hint.textContent = '以 ' + nameOf(S.me) + ' 的身份发送 · Enter 发送，Shift+Enter 换行' + (S.chat === ROBOT_CHAT ? '' : ' · 含 @' + robotName() + ' 的消息会推送给应用');
}

function loadChat() {
  var id = S.chat;
  if (!id || !S.me) return Promise.resolve();
  var path = id === ROBOT_CHAT ? '/direct-messages?userId=' + encodeURIComponent(S.me)
    : id === NOTICE_CHAT ? '/work-notifications?userId=' + encodeURIComponent(S.me)
    : id === DING_CHAT ? '/dings?userId=' + encodeURIComponent(S.me)
    : '/conversations/' + encodeURIComponent(id) + '/messages?viewerId=' + encodeURIComponent(S.me);
  return api('GET', path).then(function (answer) {
    if (S.chat !== id) return;
    var stream = $('chat-stream');
    if (!answer.ok) { stream.innerHTML = emptyState('网络链接发生问题', problemText(answer)); return; }
    var items = id === NOTICE_CHAT ? answer.data.notifications : id === DING_CHAT ? answer.data.dings : answer.data.items;
    if (!changed('chat-stream', [id, S.me, items])) return;
    var nearBottom = stream.scrollHeight - stream.scrollTop - stream.clientHeight < 80;
    stream.innerHTML = items.length === 0 ? emptyState('暂无内容', id === NOTICE_CHAT ? '应用发给 ' + nameOf(S.me) + ' 的工作通知会出现在这里' : '机器人的消息和卡片会出现在这里')
      : items.map(id === NOTICE_CHAT ? renderNotice : id === DING_CHAT ? renderDing : renderItem).join('');
    if (nearBottom || !stream.dataset.scrolled) { stream.scrollTop = stream.scrollHeight; stream.dataset.scrolled = '1'; }
  });
}

function renderItem(item) {
  var mine = item.sender.kind === 'user' && item.sender.userId === S.me;
  var body = item.kind === 'card' ? renderCard(item) : renderMessage(item);
  return '<div class="msg' + (mine ? ' mine' : '') + '" data-testid="message-' + esc(item.id) + '">' + senderAvatar(item.sender) +
    '<div style="min-width:0"><div class="who">' + esc(item.sender.name) + ' · ' + fmtTime(item.createdAt) + '</div>' + body + '</div></div>';
}
function mentionLine(names, isAtAll) {
  var list = (names || []).slice();
  if (isAtAll) list.unshift('所有人');
  return list.length ? '<div class="mention-line">' + list.map(function (n) { return '@' + esc(n); }).join(' ') + '</div>' : '';
}
function linkButtons(buttons) {
  if (!buttons || !buttons.length) return '';
  return '<div class="link-buttons">' + buttons.map(function (b) { return '<a href="' + esc(b.url) + '" target="_blank" rel="noopener">' + esc(b.title) + '</a>'; }).join('') + '</div>';
}
function renderMessage(m) {
  var mentions = m.mentions ? mentionLine(m.mentions.names, m.mentions.isAtAll) : '';
  if (m.msgtype === 'text') return mentions + '<div class="bubble">' + inline(m.text).replace(/\n/g, '<br>') + '</div>';
  if (m.msgtype === 'image') return '<div class="bubble"><img src="' + esc(m.picUrl) + '" alt="" style="max-width:240px;border-radius:6px"></div>';
  if (m.msgtype === 'feedCard') {
    return '<div class="bubble rich">' + m.links.map(function (l) { return '<div><a class="link" href="' + esc(l.url) + '" target="_blank" rel="noopener">' + esc(l.title) + '</a></div>'; }).join('') + '</div>';
  }
  var title = m.title ? '<div class="rtitle">' + esc(m.title) + '</div>' : '';
  var more = m.msgtype === 'link' && m.url ? '<div class="link-buttons"><a href="' + esc(m.url) + '" target="_blank" rel="noopener">查看详情</a></div>' : '';
  var text = m.msgtype === 'markdown' ? '' : title;
  return mentions + '<div class="bubble rich"><div class="md">' + text + md(m.text) + '</div>' + linkButtons(m.buttons) + more + '</div>';
}
function renderCard(item) {
  var r = item.render;
  if (!r) return '<div class="bubble">[卡片 ' + esc(item.outTrackId) + ']</div>';
  var level = r.level ? '<span class="tag ' + r.headerColor + '">' + levelNames[r.level] + '</span> ' : '';
  var fields = r.fields.length ? '<dl class="fields">' + r.fields.map(function (f) { return '<dt>' + esc(f.label) + '</dt><dd>' + inline(f.value) + '</dd>'; }).join('') + '</dl>' : '';
  var buttons = r.buttons.map(function (b) {
    return '<button type="button" class="btn ' + esc(b.style || 'default') + '" data-card="' + esc(item.outTrackId) + '" data-action="' + esc(b.id) + '" data-label="' + esc(b.text) + '"' +
      ' data-testid="card-button-' + esc(item.outTrackId) + '-' + esc(b.id) + '"' + (b.disabled ? ' disabled' : '') + '>' + esc(b.text) + '</button>';
  }).join('');
  return mentionLine(item.atNames) +
    '<div class="card" data-testid="card-' + esc(item.outTrackId) + '">' +
    '<div class="head ' + r.headerColor + '"><div class="ctitle">' + level + esc(r.title) + '</div>' + (r.status ? '<span class="tag ' + r.statusColor + '">' + esc(r.status) + '</span>' : '') + '</div>' +
    '<div class="cbody md">' + md(r.markdown) + fields + '</div>' +
    (buttons ? '<div class="buttons">' + buttons + '</div>' : '') +
    (r.footer ? '<div class="foot">' + esc(r.footer) + '</div>' : '') + '</div>';
}
function argbToCss(value) {
  var hex = String(value || '').replace(/^#/, '');
  return /^[0-9a-fA-F]{8}$/.test(hex) ? '#' + hex.slice(2) : /^[0-9a-fA-F]{6}$/.test(hex) ? '#' + hex : '#005FFF';
}
function renderNotice(n) {
  var head = n.msgtype === 'oa' && n.msg.oa ? '<div class="nhead" style="background:' + argbToCss(n.msg.oa.head && n.msg.oa.head.bgcolor) + '">' + esc((n.msg.oa.head && n.msg.oa.head.text) || '工作通知') + '</div>' : '';
  var form = n.form && n.form.length ? '<dl class="fields" style="display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:6px 0">' + n.form.map(function (f) { return '<dt style="color:rgba(24,28,31,.4)">' + esc(f.key) + '</dt><dd style="margin:0">' + esc(f.value) + '</dd>'; }).join('') + '</dl>' : '';
  var body = n.msgtype === 'text' ? inline(n.text) : (n.title ? '<div class="rtitle" style="font-weight:600">' + esc(n.title) + '</div>' : '') + form + '<div class="md">' + md(n.text) + '</div>';
  var link = n.url ? '<div class="link-buttons"><a href="' + esc(n.url) + '" target="_blank" rel="noopener">查看详情</a></div>' : linkButtons(n.buttons);
  return '<div class="msg" data-testid="work-notification-' + esc(n.id) + '"><div class="avatar" style="background:#005FFF">DO</div><div style="min-width:0"><div class="who">DingOps · ' + fmtTime(n.createdAt) + '</div>' +
    '<div class="notice">' + head + '<div class="nbody">' + body + link + '</div></div></div></div>';
}

var remindNames = { 1: '应用内', 2: '短信', 3: '电话' };
function renderDing(d) {
  return '<div class="msg" data-testid="ding-' + esc(d.openDingId) + '"><div class="avatar" style="background:#FF5219">DING</div><div style="min-width:0"><div class="who">' + esc(d.senderName) + ' · ' + fmtTime(d.createdAt) + ' · ' + esc(remindNames[d.remindType] || '') + '</div>' +
    '<div class="notice"><div class="nhead" style="background:#FF5219">DING 提醒</div><div class="nbody">' + inline(d.content) + '</div></div></div></div>';
}

function pressCardButton(button) {
  var outTrackId = button.getAttribute('data-card'), action = button.getAttribute('data-action');
  button.disabled = true;
  api('POST', '/cards/' + encodeURIComponent(outTrackId) + '/click', { userId: S.me, action: action }).then(function (answer) {
    button.disabled = false;
    if (!answer.ok) { toast(problemText(answer)); return; }
    toast(nameOf(S.me) + ' 点击了「' + button.getAttribute('data-label') + '」' + (answer.data.answered ? '' : '，应用未应答'));
    S.seen['chat-stream'] = null;
    loadChat();
  });
}
function sendComposer() {
  var box = $('composer-text');
  var text = box.value.trim();
  if (!text) return;
  var group = S.chat !== ROBOT_CHAT;
  var toRobot = !group || text.indexOf('@' + robotName()) >= 0;
  var request = toRobot
    ? api('POST', '/bot-messages', group ? { userId: S.me, openConversationId: S.chat, text: text } : { userId: S.me, text: text })
    : api('POST', '/conversations/' + encodeURIComponent(S.chat) + '/messages', { userId: S.me, text: text });
  request.then(function (answer) {
    if (!answer.ok) { toast(problemText(answer)); return; }
    box.value = '';
    loadChat();
    loadConversations();
  });
}

function initChats() {
  $('chat-items').addEventListener('click', function (event) {
    var item = event.target.closest('[data-chat]');
    if (item) openChat(item.getAttribute('data-chat'));
  });
  $('chat-search').addEventListener('input', renderChatList);
  $('chat-pane').addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action]');
    if (button && !button.disabled) pressCardButton(button);
    if (event.target.id === 'composer-send') sendComposer();
  });
  $('chat-pane').addEventListener('keydown', function (event) {
    if (event.target.id === 'composer-text' && event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); sendComposer(); }
  });
}
`;
