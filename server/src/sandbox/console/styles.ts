// The console's stylesheet: DingTalk's desktop client in DingTalk's own tokens (brand #005FFF,
// page #F2F2F6, cards radius 8, the PingFang SC system stack). No web fonts, no CDN.

export const consoleStyles = `
:root {
  --brand: #005FFF; --brand-hover: #1F70FF; --brand-tint: #E6EFFF;
  --green: #00BB55; --green-tint: #E1F8EA; --orange: #FD9100; --orange-tint: #FFF2E0;
  --red: #F2510C; --red-tint: #FFEDE3; --yellow: #FDBD00; --yellow-tint: #FFF8DB; --gray: #8A8F99; --gray-tint: #F0F1F3;
  --text: #181C1F; --text-2: rgba(24,28,31,.6); --text-3: rgba(24,28,31,.4);
  --page: #F2F2F6; --surface: #FFFFFF; --divider: rgba(24,28,31,.10);
  --font: -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Segoe UI", system-ui, Roboto, "Helvetica Neue", sans-serif;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 14px/1.5 var(--font); color: var(--text); background: var(--page); overflow: hidden; }
button, input, select, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
.app { display: grid; grid-template-rows: 48px 1fr; height: 100vh; }
.topbar { display: flex; align-items: center; gap: 12px; padding: 0 16px; background: var(--surface); border-bottom: 1px solid var(--divider); }
.logo { width: 28px; height: 28px; border-radius: 8px; background: var(--brand); color: #fff; display: grid; place-items: center; font-weight: 600; }
.topbar .corp { font-weight: 600; }
.topbar .badge { font-size: 12px; color: var(--brand); background: var(--brand-tint); border-radius: 4px; padding: 1px 6px; }
.topbar .spacer { flex: 1; }
.acting { display: flex; align-items: center; gap: 8px; color: var(--text-2); }
.acting select { height: 32px; border: 1px solid var(--divider); border-radius: 6px; padding: 0 8px; background: var(--surface); color: var(--text); min-width: 180px; }
.body { display: grid; grid-template-columns: 68px 1fr; min-height: 0; }
.rail { background: #E9EBF0; display: flex; flex-direction: column; align-items: center; padding: 12px 0; gap: 4px; }
.rail .me { width: 36px; height: 36px; border-radius: 50%; margin-bottom: 12px; }
.rail button { width: 56px; border: 0; background: none; border-radius: 8px; padding: 8px 0 6px; color: var(--text-2); display: flex; flex-direction: column; align-items: center; gap: 2px; font-size: 12px; }
.rail button svg { width: 22px; height: 22px; }
.rail button:hover { background: rgba(0,0,0,.05); }
.rail button.active { color: var(--brand); background: var(--surface); }
.body > main { min-height: 0; min-width: 0; display: grid; }
.view { min-height: 0; display: none; }
.view.active { display: grid; }
.messages-view { grid-template-columns: 280px 1fr; }
.chat-list { background: var(--surface); border-right: 1px solid var(--divider); overflow-y: auto; }
.chat-list .search { margin: 12px; height: 32px; border-radius: 6px; background: var(--page); border: 0; padding: 0 10px; width: calc(100% - 24px); }
.chat-item { display: grid; grid-template-columns: 40px 1fr auto; gap: 10px; padding: 10px 12px; cursor: pointer; align-items: center; }
.chat-item:hover { background: #F5F6F8; }
.chat-item.active { background: var(--brand-tint); }
.chat-item .name { font-size: 14px; font-weight: 500; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.chat-item .preview { font-size: 12px; color: var(--text-3); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.chat-item .time { font-size: 12px; color: var(--text-3); align-self: start; }
.avatar { width: 40px; height: 40px; border-radius: 8px; display: grid; place-items: center; color: #fff; font-size: 13px; font-weight: 500; flex: none; overflow: hidden; }
.avatar.round { border-radius: 50%; }
.avatar img { width: 100%; height: 100%; }
.chat-pane { display: grid; grid-template-rows: 56px 1fr auto; min-height: 0; background: var(--page); }
.chat-head { display: flex; align-items: center; gap: 8px; padding: 0 20px; background: var(--surface); border-bottom: 1px solid var(--divider); }
.chat-head .title { font-size: 16px; font-weight: 600; }
.chat-head .sub { color: var(--text-3); font-size: 12px; }
.tag { display: inline-block; font-size: 12px; line-height: 18px; padding: 0 6px; border-radius: 4px; }
.tag.blue { color: var(--brand); background: var(--brand-tint); } .tag.green { color: var(--green); background: var(--green-tint); }
.tag.orange { color: var(--orange); background: var(--orange-tint); } .tag.red { color: var(--red); background: var(--red-tint); }
.tag.yellow { color: #9A6B00; background: var(--yellow-tint); } .tag.gray { color: var(--gray); background: var(--gray-tint); }
.stream { overflow-y: auto; padding: 16px 20px; display: flex; flex-direction: column; gap: 14px; }
.msg { display: grid; grid-template-columns: 36px minmax(0, 1fr); gap: 10px; max-width: 720px; }
.msg .avatar { width: 36px; height: 36px; font-size: 12px; }
.msg.mine { align-self: flex-end; grid-template-columns: minmax(0, 1fr) 36px; }
.msg.mine .avatar { order: 2; }
.msg .who { font-size: 12px; color: var(--text-3); margin-bottom: 4px; }
.msg.mine .who { text-align: right; }
.bubble { background: var(--surface); border-radius: 8px; padding: 8px 12px; word-break: break-word; display: inline-block; max-width: 100%; }
.msg.mine .bubble { background: #D6E6FF; float: right; }
.bubble.rich { padding: 12px 14px; min-width: 260px; }
.bubble .rtitle { font-weight: 600; margin-bottom: 4px; }
.md h1, .md h2, .md h3, .md h4, .md h5, .md h6 { margin: 2px 0 6px; font-size: 15px; }
.md h1, .md h2 { font-size: 17px; }
.md p { margin: 0 0 6px; } .md p:last-child { margin-bottom: 0; }
.md ul, .md ol { margin: 2px 0 6px; padding-left: 20px; }
.md code { background: var(--page); border-radius: 4px; padding: 0 4px; font-size: 13px; }
.md blockquote { margin: 4px 0; padding-left: 10px; border-left: 3px solid var(--divider); color: var(--text-2); }
.md a, .link { color: var(--brand); text-decoration: none; }
.at { color: var(--brand); }
.mention-line { font-size: 12px; color: var(--brand); margin-bottom: 4px; }
.link-buttons { display: flex; gap: 8px; margin-top: 10px; border-top: 1px solid var(--divider); padding-top: 8px; }
.link-buttons a { flex: 1; text-align: center; color: var(--brand); text-decoration: none; }
.card { background: var(--surface); border-radius: 8px; width: 380px; max-width: 100%; overflow: hidden; box-shadow: 0 1px 4px rgba(0,0,0,.06); }
.card .head { padding: 12px 14px 8px; border-top: 4px solid var(--brand); display: flex; align-items: flex-start; gap: 8px; }
.card .head.red { border-top-color: var(--red); } .card .head.orange { border-top-color: var(--orange); } .card .head.yellow { border-top-color: var(--yellow); }
.card .head.green { border-top-color: var(--green); } .card .head.gray { border-top-color: var(--gray); }
.card .ctitle { font-size: 15px; font-weight: 600; flex: 1; }
.card .cbody { padding: 0 14px 10px; font-size: 14px; }
.card .fields { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin-top: 8px; font-size: 13px; }
.card .fields dt { color: var(--text-3); white-space: nowrap; } .card .fields dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.card .buttons { display: flex; flex-wrap: wrap; gap: 8px; padding: 10px 14px 12px; border-top: 1px solid var(--divider); }
.btn { height: 32px; padding: 0 14px; border-radius: 6px; border: 1px solid var(--divider); background: var(--surface); color: var(--text); }
.btn:hover { border-color: var(--brand); color: var(--brand); }
.btn.primary { background: var(--brand); border-color: var(--brand); color: #fff; }
.btn.primary:hover { background: var(--brand-hover); color: #fff; }
.btn.danger { color: var(--red); } .btn.danger:hover { border-color: var(--red); }
.btn:disabled { cursor: not-allowed; opacity: .45; }
.card .buttons .btn { flex: 1; min-width: 72px; white-space: nowrap; padding-left: 8px; padding-right: 8px; }
.card .foot { padding: 0 14px 10px; font-size: 12px; color: var(--text-3); }
.composer { background: var(--surface); border-top: 1px solid var(--divider); padding: 10px 16px; display: grid; grid-template-columns: 1fr auto; gap: 10px; }
.composer textarea { resize: none; height: 60px; border: 0; outline: none; }
.composer .hint { grid-column: 1 / -1; font-size: 12px; color: var(--text-3); }
.empty { margin: auto; text-align: center; color: var(--text-3); padding: 40px; }
.empty .big { font-size: 17px; color: var(--text-2); margin-bottom: 6px; }
.panel-view { overflow-y: auto; padding: 20px 24px; align-content: start; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); }
.panel { background: var(--surface); border-radius: 8px; padding: 16px; }
.panel h3 { margin: 0 0 12px; font-size: 16px; }
.panel .row { display: flex; gap: 8px; align-items: center; margin-bottom: 10px; flex-wrap: wrap; }
.panel label { color: var(--text-2); min-width: 72px; }
.panel input[type=text], .panel input[type=number], .panel select, .panel textarea { height: 32px; border: 1px solid var(--divider); border-radius: 6px; padding: 0 8px; background: var(--surface); flex: 1; min-width: 120px; }
.panel table { width: 100%; border-collapse: collapse; font-size: 13px; }
.panel th, .panel td { text-align: left; padding: 6px 4px; border-bottom: 1px solid var(--divider); }
.panel .note { font-size: 12px; color: var(--text-3); }
.panel .row.compact input[type=number] { min-width: 80px; }
.panel .row.compact label { min-width: 0; }
.app-view { grid-template-columns: minmax(0, 920px); }
.cred { display: grid; grid-template-columns: 180px minmax(0, 1fr) auto; gap: 4px 12px; align-items: center; padding: 8px 0; border-bottom: 1px solid var(--divider); }
.cred-label { color: var(--text-2); }
.cred-value { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; background: var(--page); border-radius: 4px; padding: 4px 8px; overflow-wrap: anywhere; user-select: all; }
.cred-note { grid-column: 2 / -1; font-size: 12px; color: var(--text-3); }
.snippet { background: #16181C; color: #E6E8EB; border-radius: 8px; padding: 12px 14px; font-size: 12px; line-height: 1.6; overflow-x: auto; white-space: pre; }
.approval { border: 1px solid var(--divider); border-radius: 8px; padding: 12px 14px; margin-bottom: 12px; }
.approval .form { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 8px 0; font-size: 13px; }
.approval .form dt { color: var(--text-3); } .approval .form dd { margin: 0; }
.phone-view { grid-template-columns: auto 1fr; gap: 32px; padding: 24px 32px; overflow: auto; align-items: start; }
.phone { width: 414px; height: 868px; border-radius: 52px; background: #16181C; padding: 12px; box-shadow: 0 12px 32px rgba(0,0,0,.24); position: relative; }
.phone .screen { width: 390px; height: 844px; border-radius: 40px; overflow: hidden; background: var(--surface); position: relative; }
.phone .notch { position: absolute; top: 12px; left: 50%; transform: translateX(-50%); width: 120px; height: 30px; background: #16181C; border-radius: 0 0 18px 18px; z-index: 2; }
.phone iframe { width: 390px; height: 844px; border: 0; display: block; }
.phone .screen .empty { height: 100%; display: grid; place-content: center; }
.notice { border-radius: 8px; background: var(--surface); margin-bottom: 12px; overflow: hidden; max-width: 560px; }
.notice .nhead { padding: 8px 14px; color: #fff; font-weight: 500; }
.notice .nbody { padding: 10px 14px; }
.toast { position: fixed; left: 50%; top: 64px; transform: translateX(-50%); background: rgba(24,28,31,.86); color: #fff; padding: 8px 16px; border-radius: 8px; z-index: 10; opacity: 0; transition: opacity .2s ease-out; pointer-events: none; }
.toast.show { opacity: 1; }
`;
