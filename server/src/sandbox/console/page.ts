// The console's HTML shell. Everything inside is drawn by console.js from the sandbox API.

const icon = (path: string) => `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

const icons = {
  messages: icon('<path d="M4 5h16v11H9l-5 4z"/><path d="M8 9h8M8 12h5"/>'),
  approvals: icon('<rect x="5" y="3" width="14" height="18" rx="2"/><path d="M9 12l2 2 4-4"/>'),
  phone: icon('<rect x="7" y="2" width="10" height="20" rx="2"/><path d="M11 18h2"/>'),
  app: icon('<circle cx="8" cy="15" r="4"/><path d="M11 12l8-8M16 7l2 2M14 9l2 2"/>'),
  simulate: icon('<path d="M4 7h10M18 7h2M4 17h4M12 17h8"/><circle cx="16" cy="7" r="2"/><circle cx="10" cy="17" r="2"/>'),
};

const railButton = (view: string, label: string, svg: string) =>
  `<button type="button" data-view="${view}" data-testid="rail-${view}" title="${label}">${svg}<span>${label}</span></button>`;

export function consolePage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>钉钉沙箱 · DingOps</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/sandbox/console.css">
</head>
<body>
<div class="app">
  <header class="topbar">
    <div class="logo">钉</div>
    <div class="corp" id="corp-name">钉钉沙箱</div>
    <span class="badge">沙箱</span>
    <div class="spacer"></div>
    <div class="acting">当前身份
      <select id="acting-as" data-testid="acting-as" aria-label="当前身份"></select>
    </div>
  </header>
  <div class="body">
    <nav class="rail">
      <img class="me" id="me-avatar" alt="">
      ${railButton('messages', '消息', icons.messages)}
      ${railButton('approvals', '审批', icons.approvals)}
      ${railButton('phone', '工作台', icons.phone)}
      ${railButton('simulate', '模拟', icons.simulate)}
      ${railButton('app', '应用凭证', icons.app)}
    </nav>
    <main>
      <section class="view messages-view" id="view-messages">
        <aside class="chat-list">
          <input class="search" id="chat-search" placeholder="搜索会话" aria-label="搜索会话">
          <div id="chat-items"></div>
        </aside>
        <div class="chat-pane" id="chat-pane"></div>
      </section>
      <section class="view panel-view" id="view-approvals"></section>
      <section class="view phone-view" id="view-phone"></section>
      <section class="view panel-view" id="view-simulate"></section>
      <section class="view panel-view app-view" id="view-app"></section>
    </main>
  </div>
</div>
<div class="toast" id="toast" role="status"></div>
<script src="/sandbox/console.js"></script>
</body>
</html>`;
}
