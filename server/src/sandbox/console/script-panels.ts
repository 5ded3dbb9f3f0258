// Console script, part 4: the approval inbox, the phone frame, the simulation controls (robot
// messages, org events, faults, robot limits), and start-up with polling every 2 s.

export const consoleScriptPanels = String.raw`
function loadApprovals() {
  return api('GET', '/approvals?approverId=' + encodeURIComponent(S.me)).then(function (answer) {
    var view = $('view-approvals');
    if (answer.status === 404 && answer.data.code === 'sandbox.not_found') {
      if (changed('approvals', 'missing')) view.innerHTML = '<div class="panel">' + emptyState('审批功能尚未启用', '沙箱的审批应用上线后，待审批的申请会出现在这里') + '</div>';
      return;
    }
    var tasks = answer.ok ? answer.data.tasks || [] : [];
    if (!changed('approvals', [S.me, tasks])) return;
    view.innerHTML = '<div class="panel" style="grid-column:1/-1"><h3>待我审批 · ' + esc(nameOf(S.me)) + '</h3>' +
      (tasks.length === 0 ? emptyState('暂无待审批', '发给 ' + nameOf(S.me) + ' 的审批会出现在这里') : tasks.map(renderApproval).join('')) + '</div>';
  });
}
function renderApproval(task) {
  var form = (task.formComponentValues || []).filter(function (f) { return f.value !== '' && f.value != null; }).map(function (f) { return '<dt>' + esc(f.name) + '</dt><dd>' + esc(f.value) + '</dd>'; }).join('');
  var id = esc(task.processInstanceId);
  return '<div class="approval" data-testid="approval-' + id + '"><div class="row" style="justify-content:space-between"><strong>' + esc(task.title) + '</strong><span class="tag orange">审批中</span></div>' +
    '<div class="note">' + esc(task.originatorName) + ' 发起 · ' + fmtTime(task.createTime) + '</div>' +
    (form ? '<dl class="form">' + form + '</dl>' : '') +
    '<div class="row"><button type="button" class="btn primary" data-decide="agree" data-instance="' + id + '" data-testid="approval-agree-' + id + '">同意</button>' +
    '<button type="button" class="btn danger" data-decide="refuse" data-instance="' + id + '" data-testid="approval-refuse-' + id + '">拒绝</button></div></div>';
}
function decide(button) {
  var result = button.getAttribute('data-decide');
  api('POST', '/approvals/' + encodeURIComponent(button.getAttribute('data-instance')) + '/decide', { userId: S.me, result: result }).then(function (answer) {
    toast(answer.ok ? (result === 'agree' ? '已同意' : '已拒绝') : problemText(answer));
    S.seen.approvals = null;
    loadApprovals();
  });
}

function renderPhone() {
  var url = S.config.miniappUrl;
  var src = url ? url + (url.indexOf('?') >= 0 ? '&' : '?') + 'loginAs=' + encodeURIComponent(S.me) : null;
  if (!changed('phone', src || 'none')) return;
  var screen = src ? '<iframe title="DingOps 微应用" data-testid="miniapp-frame" src="' + esc(src) + '"></iframe>'
    : emptyState('未配置微应用地址', '启动沙箱时传入 miniappUrl，这里会以所选身份打开 DingOps 微应用');
  $('view-phone').innerHTML = '<div class="phone"><div class="notch"></div><div class="screen">' + screen + '</div></div>' +
    '<div class="panel" style="max-width:420px"><h3>工作台 · DingOps</h3><p>以 <strong>' + esc(nameOf(S.me)) + '</strong> 的身份打开微应用（390×844）。切换右上角的“当前身份”即可换人。</p>' +
    (src ? '<p class="note">' + esc(src) + '</p><a class="link" href="' + esc(src) + '" target="_blank" rel="noopener">在新窗口打开</a>' : '') + '</div>';
}

function options(list, value, label) {
  return list.map(function (item) { return '<option value="' + esc(value(item)) + '">' + esc(label(item)) + '</option>'; }).join('');
}
function buildSimulate() {
  var people = options(S.people, function (p) { return p.userId; }, function (p) { return p.name + ' · ' + p.title; });
  var departments = options(S.departments.filter(function (d) { return d.parentId !== null; }), function (d) { return d.id; }, function (d) { return d.name; });
  $('view-simulate').innerHTML =
    '<div class="panel"><h3>@' + esc(robotName()) + ' 发消息</h3>' +
    '<div class="row"><label>群</label><select id="sim-group" data-testid="sim-group">' + options(S.groups, function (g) { return g.id; }, function (g) { return g.title; }) + '</select></div>' +
    '<div class="row"><label>内容</label><input type="text" id="sim-text" data-testid="sim-text" value="@' + esc(robotName()) + ' VPN 连不上"></div>' +
    '<div class="row"><button type="button" class="btn primary" id="sim-send" data-testid="sim-send">以当前身份发送</button></div><div class="note">发送者为右上角的当前身份；应用通过 Stream 或 HTTP 收到这条 @ 消息。</div></div>' +
    '<div class="panel"><h3>监控告警 · 沙箱 Alertmanager</h3>' +
    '<div class="row"><label>告警</label><select id="am-sample" data-testid="am-sample"></select></div>' +
    '<div class="row"><button type="button" class="btn primary" id="am-fire" data-testid="am-fire">触发</button><button type="button" class="btn" id="am-resolve" data-testid="am-resolve">恢复</button></div>' +
    '<div class="note" id="am-state" data-testid="am-state"></div><div class="note" id="am-sent"></div></div>' +
    '<div class="panel"><h3>组织变动</h3>' +
    '<div class="row"><label>事件</label><select id="org-type" data-testid="org-type"><option value="user_add_org">入职 user_add_org</option><option value="user_modify_org">调岗 user_modify_org</option><option value="user_leave_org">离职 user_leave_org</option></select></div>' +
    '<div class="row" id="org-person-row"><label>员工</label><select id="org-person">' + people + '</select></div>' +
    '<div class="row" id="org-name-row"><label>姓名</label><input type="text" id="org-name" value="新同事"></div>' +
    '<div class="row"><label>部门</label><select id="org-department">' + departments + '</select></div>' +
    '<div class="row"><label>职位</label><input type="text" id="org-title" placeholder="可不填"></div>' +
    '<div class="row"><button type="button" class="btn primary" id="org-submit" data-testid="org-submit">触发事件</button></div></div>' +
    '<div class="panel"><h3>故障注入</h3>' +
    '<div class="row"><label>错误率 %</label><input type="number" id="fault-error" min="0" max="100" value="0"></div>' +
    '<div class="row"><label>延迟 ms</label><input type="number" id="fault-latency" min="0" max="60000" value="0"></div>' +
    '<div class="row"><label><input type="checkbox" id="fault-throttle"> 限流</label><input type="number" id="fault-throttle-ms" min="1" placeholder="持续 ms（不填则一直限流）"></div>' +
    '<div class="row"><label><input type="checkbox" id="fault-drop"> 断开连接</label></div>' +
    '<div class="row"><button type="button" class="btn primary" id="fault-apply" data-testid="fault-apply">应用</button><button type="button" class="btn" id="fault-clear">全部清除</button></div>' +
    '<div class="note" id="fault-state"></div></div>' +
    '<div class="panel"><h3>机器人限流</h3>' +
    '<div class="row compact"><label>窗口 ms</label><input type="number" id="rate-window" min="1"><label>封禁 ms</label><input type="number" id="rate-penalty" min="0"></div>' +
    '<div class="row"><button type="button" class="btn" id="rate-apply">应用</button><span class="note">钉钉：每个自定义机器人每分钟 20 条，超出后封禁 10 分钟</span></div>' +
    '<table><thead><tr><th>机器人</th><th>已接收</th><th>已拒绝</th><th>窗口内最多</th><th>封禁至</th></tr></thead><tbody id="robot-stats"></tbody></table></div>';
  toggleOrgFields();
}
function toggleOrgFields() {
  var type = $('org-type').value;
  $('org-person-row').style.display = type === 'user_add_org' ? 'none' : '';
  $('org-name-row').style.display = type === 'user_add_org' ? '' : 'none';
}
var severityNames = { critical: '一级 critical', warning: '二级 warning', info: '三级 info' };
var outcomeNames = { delivered: '已送达', refused: '被拒绝', unreachable: '无法连接' };
function renderMonitoring(monitoring) {
  if (!changed('am', monitoring)) return;
  var picked = $('am-sample').value;
  $('am-sample').innerHTML = options(monitoring.samples, function (m) { return m.key; }, function (m) {
    return m.labels.alertname + ' · ' + (severityNames[m.labels.severity] || m.labels.severity) + (m.firingSince ? ' · 触发中' : '');
  });
  if (picked) $('am-sample').value = picked;
  $('am-state').textContent = monitoring.receiver ? '发往 ' + monitoring.receiver.url + '（DingOps 启动时登记，与真实 Alertmanager 的 webhook_configs 相同）' : '尚无接收方：DingOps 以沙箱模式启动后会登记它的 webhook';
  $('am-sent').innerHTML = monitoring.sent.slice(0, 3).map(function (m) {
    return esc(fmtTime(m.at) + ' ' + m.sample + ' ' + (m.status === 'firing' ? '触发' : '恢复') + ' → ' + (outcomeNames[m.outcome] || m.outcome) + (m.httpStatus ? ' ' + m.httpStatus : ''));
  }).join('<br>');
}
function sendSampleAlert(status) {
  api('POST', '/monitoring/alerts', { sample: $('am-sample').value, status: status }).then(function (a) {
    toast(a.ok ? (status === 'firing' ? '告警已发给 DingOps' : '恢复已发给 DingOps') : problemText(a));
    loadSimulate();
  });
}
function loadSimulate() {
  return Promise.all([api('GET', '/faults'), api('GET', '/rate-limit'), api('GET', '/robots'), api('GET', '/monitoring')]).then(function (answers) {
    var faults = answers[0].data, rate = answers[1].data, robots = (answers[2].data.robots || []);
    if (answers[3].ok) renderMonitoring(answers[3].data);
    if (changed('fault-state', faults)) {
      var injected = faults.injected || { throttle: 0, error: 0, drop: 0 };
      $('fault-state').textContent = '当前：错误率 ' + Math.round((faults.errorRate || 0) * 100) + '%，延迟 ' + (faults.latencyMs || 0) + ' ms' + (faults.throttle ? '，限流中' + (faults.throttleUntil ? '（至 ' + fmtTime(faults.throttleUntil) + '）' : '') : '') + (faults.dropConnections ? '，断开连接' : '') +
        '。启动以来已注入：限流 ' + injected.throttle + ' 次、错误 ' + injected.error + ' 次、断开 ' + injected.drop + ' 次（发给机器人的计入下表）';
    }
    if (changed('rate', rate)) { $('rate-window').value = rate.windowMs; $('rate-penalty').value = rate.penaltyMs; }
    return Promise.all(robots.map(function (r) { return api('GET', '/robots/' + encodeURIComponent(r.key) + '/stats'); })).then(function (stats) {
      var rows = stats.map(function (s) { return s.data; });
      if (!changed('robot-stats', rows)) return;
      $('robot-stats').innerHTML = rows.map(function (s) {
        return '<tr data-testid="robot-stats-' + esc(s.robotKey) + '"><td>' + esc(s.name) + '</td><td>' + s.accepted + '</td><td title="' + esc(refusalDetail(s.refusedByReason)) + '">' + s.refused + injectedNote(s.refusedByReason) + '</td><td>' + s.maxInAnyWindow + (s.limitPerWindow ? ' / ' + s.limitPerWindow : '') + '</td><td>' + (s.lockedUntil ? fmtTime(s.lockedUntil) : '—') + '</td></tr>';
      }).join('');
    });
  });
}
var refusalNames = { rate_limited: '超过频率', signature: '签名错误', keyword: '缺少关键词', too_long: '消息过长', invalid: '参数错误', injected_throttle: '注入限流', injected_error: '注入错误', injected_drop: '注入断开' };
function refusalDetail(byReason) {
  return Object.keys(byReason || {}).map(function (key) { return (refusalNames[key] || key) + ' ' + byReason[key]; }).join('，');
}
/** Refusals the fault injection caused, so a robot's count matches the errors the app logged. */
function injectedNote(byReason) {
  var n = ['injected_throttle', 'injected_error', 'injected_drop'].reduce(function (sum, key) { return sum + ((byReason || {})[key] || 0); }, 0);
  return n ? ' <span class="note">（含故障注入 ' + n + '）</span>' : '';
}
function simulateClick(event) {
  var id = event.target.id;
  if (id === 'sim-send') {
    api('POST', '/bot-messages', { userId: S.me, openConversationId: $('sim-group').value, text: $('sim-text').value }).then(function (a) { toast(a.ok ? '已发送' : problemText(a)); });
  } else if (id === 'am-fire' || id === 'am-resolve') {
    sendSampleAlert(id === 'am-fire' ? 'firing' : 'resolved');
  } else if (id === 'org-submit') {
    var type = $('org-type').value, body = { type: type };
    if (type === 'user_add_org') { body.name = $('org-name').value; body.departmentId = Number($('org-department').value); } else { body.userId = $('org-person').value; }
    if (type === 'user_modify_org') body.departmentId = Number($('org-department').value);
    if ($('org-title').value && type !== 'user_leave_org') body.title = $('org-title').value;
    api('POST', '/org-events', body).then(function (a) { toast(a.ok ? '已触发 ' + type : problemText(a)); if (a.ok) loadPeople(); });
  } else if (id === 'fault-apply') {
    var faults = { errorRate: Number($('fault-error').value || 0) / 100, latencyMs: Number($('fault-latency').value || 0), throttle: $('fault-throttle').checked, dropConnections: $('fault-drop').checked };
    if ($('fault-throttle').checked && $('fault-throttle-ms').value) faults.throttleForMs = Number($('fault-throttle-ms').value);
    api('PUT', '/faults', faults).then(function (a) { toast(a.ok ? '故障设置已应用' : problemText(a)); loadSimulate(); });
  } else if (id === 'fault-clear') {
    api('DELETE', '/faults').then(function () { toast('已清除全部故障'); loadSimulate(); });
  } else if (id === 'rate-apply') {
    api('PUT', '/rate-limit', { windowMs: Number($('rate-window').value), penaltyMs: Number($('rate-penalty').value) }).then(function (a) { toast(a.ok ? '限流窗口已更新' : problemText(a)); });
  }
}

function loadConversations() {
  return Promise.all([api('GET', '/conversations'), api('GET', '/direct-messages?userId=' + encodeURIComponent(S.me)), api('GET', '/work-notifications?userId=' + encodeURIComponent(S.me)), api('GET', '/dings?userId=' + encodeURIComponent(S.me))]).then(function (answers) {
    if (answers[0].ok) S.groups = answers[0].data.conversations;
    var direct = answers[1].ok ? answers[1].data.items : [];
    var last = direct[direct.length - 1];
    S.robotPreview = last ? { text: last.kind === 'card' ? '[卡片] ' + ((last.render && last.render.title) || '') : (last.title || last.text || ''), senderName: last.sender.name, at: last.createdAt } : null;
    var notices = answers[2].ok ? answers[2].data.notifications : [];
    var notice = notices[notices.length - 1];
    S.noticePreview = notice ? { text: notice.title || notice.text, senderName: '', at: notice.createdAt } : null;
    var dings = answers[3].ok ? answers[3].data.dings : [];
    var ding = dings[dings.length - 1];
    S.dingPreview = ding ? { text: ding.content, senderName: ding.senderName, at: ding.createdAt } : null;
    renderChatList();
  });
}
function loadPeople() {
  return api('GET', '/people').then(function (answer) {
    S.people = answer.data.people || [];
    S.byId = {};
    S.people.forEach(function (p) { S.byId[p.userId] = p; });
    $('acting-as').innerHTML = options(S.people, function (p) { return p.userId; }, function (p) { return p.name + ' · ' + p.title; });
    $('acting-as').value = S.me;
  });
}
function setMe(userId) {
  S.me = userId;
  try { localStorage.setItem('sandbox.actingAs', userId); } catch (e) { /* private mode */ }
  $('acting-as').value = userId;
  $('me-avatar').src = '/sandbox/avatars/' + encodeURIComponent(userId) + '.svg';
  S.seen = {};
  updateComposerHint();
  refresh();
}
function showView(view) {
  S.view = view;
  Array.prototype.forEach.call(document.querySelectorAll('.rail button'), function (b) { b.classList.toggle('active', b.getAttribute('data-view') === view); });
  Array.prototype.forEach.call(document.querySelectorAll('.view'), function (v) { v.classList.toggle('active', v.id === 'view-' + view); });
  if (view === 'simulate' && !$('sim-send')) buildSimulate();
  refresh();
}
function refresh() {
  var work = [loadConversations()];
  if (S.view === 'messages') work.push(loadChat());
  if (S.view === 'approvals') work.push(loadApprovals());
  if (S.view === 'phone') renderPhone();
  if (S.view === 'simulate') work.push(loadSimulate());
  if (S.view === 'app') renderApp();
  return Promise.all(work);
}

function boot() {
  initChats();
  document.querySelector('.rail').addEventListener('click', function (event) {
    var button = event.target.closest('button[data-view]');
    if (button) showView(button.getAttribute('data-view'));
  });
  $('acting-as').addEventListener('change', function (event) { setMe(event.target.value); });
  $('view-approvals').addEventListener('click', function (event) { var b = event.target.closest('button[data-decide]'); if (b) decide(b); });
  $('view-simulate').addEventListener('click', simulateClick);
  $('view-app').addEventListener('click', appClick);
  $('view-simulate').addEventListener('change', function (event) { if (event.target.id === 'org-type') toggleOrgFields(); });
  var params = new URLSearchParams(location.search);
  Promise.all([api('GET', '/console/config'), api('GET', '/departments')]).then(function (answers) {
    S.config = answers[0].data;
    S.departments = answers[1].data.departments || [];
    $('corp-name').textContent = S.config.corpName || '钉钉沙箱';
    var stored = null;
    try { stored = localStorage.getItem('sandbox.actingAs'); } catch (e) { stored = null; }
    S.me = params.get('as') || stored || S.config.defaultUserId;
    return loadPeople();
  }).then(function () {
    if (!S.byId[S.me] && S.people[0]) S.me = S.people[0].userId;
    setMe(S.me);
    return loadConversations();
  }).then(function () {
    showView(params.get('view') || 'messages');
    openChat(params.get('chat') || (S.groups[0] && S.groups[0].id));
    setInterval(refresh, 2000);
  });
}
boot();
`;
