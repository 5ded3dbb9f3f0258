import { z } from 'zod';

// Every way a message reaches a chat (custom robot body, enterprise robot msgKey + msgParam, work
// notification msg) is validated here and reduced to one shape the console renders.

export interface MessageContent {
  msgtype: string;
  title: string | null;
  /** Markdown for markdown-like messages, plain text for text messages. */
  text: string;
  /** Link buttons (action cards). */
  buttons: { title: string; url: string }[];
  /** Link lists (feed cards). */
  links: { title: string; url: string; picUrl: string | null }[];
  /** Where a link message or whole-card button points. */
  url: string | null;
  picUrl: string | null;
  /** Key-value rows (OA work notifications). */
  form: { key: string; value: string }[];
}

export interface MessageMentions {
  userIds: string[];
  mobiles: string[];
  isAtAll: boolean;
}

export type ContentCheck = { ok: true; content: MessageContent } | { ok: false; field: string };

const text = z.string().min(1);
const optionalText = z.string().optional();

const blank: MessageContent = { msgtype: 'text', title: null, text: '', buttons: [], links: [], url: null, picUrl: null, form: [] };

/** Validate `value` with `schema`; on failure name the first bad field, prefixed by `root`. */
function check<T>(schema: z.ZodType<T>, value: unknown, root: string, build: (parsed: T) => Omit<Partial<MessageContent>, 'msgtype'>, msgtype: string): ContentCheck {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, field: [root, ...(parsed.error.issues[0]?.path ?? []).map(String)].filter(Boolean).join('.') };
  return { ok: true, content: { ...blank, msgtype, ...build(parsed.data) } };
}

const webhookButtons = z.array(z.object({ title: text, actionURL: text })).min(1);

/** A custom robot body (`msgtype` + the matching key). */
export function contentOfWebhookBody(body: Record<string, unknown>): ContentCheck {
  switch (body.msgtype) {
    case 'text':
      return check(z.object({ content: text }), body.text, 'text', (t) => ({ text: t.content }), 'text');
    case 'markdown':
      return check(z.object({ title: text, text }), body.markdown, 'markdown', (m) => ({ title: m.title, text: m.text }), 'markdown');
    case 'link':
      return check(z.object({ title: text, text, messageUrl: text, picUrl: optionalText }), body.link, 'link', (l) => ({ title: l.title, text: l.text, url: l.messageUrl, picUrl: l.picUrl || null }), 'link');
    case 'actionCard':
      return check(
        z.object({ title: text, text, singleTitle: optionalText, singleURL: optionalText, btns: webhookButtons.optional() }).refine((c) => (c.singleTitle && c.singleURL) || c.btns, { path: ['btns'] }),
        body.actionCard,
        'actionCard',
        (c) => ({ title: c.title, text: c.text, buttons: c.singleTitle && c.singleURL ? [{ title: c.singleTitle, url: c.singleURL }] : (c.btns ?? []).map((b) => ({ title: b.title, url: b.actionURL })) }),
        'actionCard',
      );
    case 'feedCard':
      return check(
        z.object({ links: z.array(z.object({ title: text, messageURL: text, picURL: optionalText })).min(1) }),
        body.feedCard,
        'feedCard',
        (f) => ({ title: f.links[0]!.title, links: f.links.map((l) => ({ title: l.title, url: l.messageURL, picUrl: l.picURL || null })) }),
        'feedCard',
      );
    default:
      return { ok: false, field: 'msgtype' };
  }
}

/** `at` of a custom robot text or markdown body. */
export function mentionsOf(at: unknown): MessageMentions {
  const parsed = z.object({ atUserIds: z.array(z.string()).optional(), atMobiles: z.array(z.string()).optional(), isAtAll: z.boolean().optional() }).safeParse(at ?? {});
  const value = parsed.success ? parsed.data : {};
  return { userIds: value.atUserIds ?? [], mobiles: value.atMobiles ?? [], isAtAll: value.isAtAll ?? false };
}

const numberedButtons = (param: Record<string, string | undefined>, titleKey: string, urlKey: string) =>
  [1, 2, 3, 4, 5, 6].flatMap((n) => (param[`${titleKey}${n}`] && param[`${urlKey}${n}`] ? [{ title: param[`${titleKey}${n}`]!, url: param[`${urlKey}${n}`]! }] : []));

/** An enterprise robot message: `msgKey` and its parsed `msgParam`. */
export function contentOfRobotMessage(msgKey: string, param: unknown): ContentCheck {
  const loose = z.record(z.string(), z.string().optional());
  switch (msgKey) {
    case 'sampleText':
      return check(z.object({ content: text }), param, 'msgParam', (p) => ({ text: p.content }), 'text');
    case 'sampleMarkdown':
      return check(z.object({ title: text, text }), param, 'msgParam', (p) => ({ title: p.title, text: p.text }), 'markdown');
    case 'sampleImageMsg':
      return check(z.object({ photoURL: text }), param, 'msgParam', (p) => ({ picUrl: p.photoURL }), 'image');
    case 'sampleLink':
      return check(z.object({ title: text, text, messageUrl: text, picUrl: optionalText }), param, 'msgParam', (p) => ({ title: p.title, text: p.text, url: p.messageUrl, picUrl: p.picUrl || null }), 'link');
    case 'sampleActionCard':
      return check(z.object({ title: text, text, singleTitle: text, singleURL: text }), param, 'msgParam', (p) => ({ title: p.title, text: p.text, buttons: [{ title: p.singleTitle, url: p.singleURL }] }), 'actionCard');
    case 'sampleActionCard2':
    case 'sampleActionCard3':
    case 'sampleActionCard4':
    case 'sampleActionCard5':
      return check(z.object({ title: text, text }).and(loose), param, 'msgParam', (p) => ({ title: p.title, text: p.text, buttons: numberedButtons(p, 'actionTitle', 'actionURL') }), 'actionCard');
    case 'sampleActionCard6':
      return check(z.object({ title: text, text }).and(loose), param, 'msgParam', (p) => ({ title: p.title, text: p.text, buttons: numberedButtons(p, 'buttonTitle', 'buttonUrl') }), 'actionCard');
    case 'sampleAudio':
    case 'sampleFile':
    case 'sampleVideo':
      return check(z.object({ mediaId: text }).and(loose), param, 'msgParam', (p) => ({ title: p.fileName ?? null, text: `[${msgKey.slice(6).toLowerCase()}] ${p.fileName ?? p.mediaId}` }), msgKey.slice(6).toLowerCase());
    default:
      return { ok: false, field: 'msgKey' };
  }
}

/** A work notification `msg` (snake_case fields, as DingTalk's old API spells them). */
export function contentOfWorkNotification(msg: Record<string, unknown>): ContentCheck {
  switch (msg.msgtype) {
    case 'text':
      return check(z.object({ content: text }), msg.text, 'msg.text', (t) => ({ text: t.content }), 'text');
    case 'markdown':
      return check(z.object({ title: text, text }), msg.markdown, 'msg.markdown', (m) => ({ title: m.title, text: m.text }), 'markdown');
    case 'link':
      return check(z.object({ title: text, text, messageUrl: text, picUrl: z.string() }), msg.link, 'msg.link', (l) => ({ title: l.title, text: l.text, url: l.messageUrl, picUrl: l.picUrl || null }), 'link');
    case 'oa':
      return check(
        z.object({
          message_url: text,
          head: z.object({ bgcolor: z.string(), text: z.string() }),
          body: z.object({ title: optionalText, content: optionalText, form: z.array(z.object({ key: z.string(), value: z.string() })).optional(), author: optionalText }),
        }),
        msg.oa,
        'msg.oa',
        (o) => ({ title: o.body.title ?? o.head.text, text: o.body.content ?? '', url: o.message_url, form: o.body.form ?? [] }),
        'oa',
      );
    case 'action_card':
      return check(
        z
          .object({ title: text, markdown: text, single_title: optionalText, single_url: optionalText, btn_json_list: z.array(z.object({ title: text, action_url: text })).optional() })
          .refine((c) => (c.single_title && c.single_url) || c.btn_json_list, { path: ['btn_json_list'] }),
        msg.action_card,
        'msg.action_card',
        (c) => ({ title: c.title, text: c.markdown, buttons: c.single_title && c.single_url ? [{ title: c.single_title, url: c.single_url }] : (c.btn_json_list ?? []).map((b) => ({ title: b.title, url: b.action_url })) }),
        'actionCard',
      );
    case 'image':
    case 'voice':
    case 'file':
      return check(z.object({ media_id: text }).and(z.record(z.string(), z.unknown())), msg[msg.msgtype], `msg.${msg.msgtype}`, () => ({ text: `[${String(msg.msgtype)}]` }), String(msg.msgtype));
    default:
      return { ok: false, field: 'msg.msgtype' };
  }
}

/** Every piece of text a reader sees, for keyword checks. */
export function visibleText(content: MessageContent): string {
  return [content.title ?? '', content.text, ...content.buttons.map((b) => b.title), ...content.links.map((l) => l.title), ...content.form.map((f) => `${f.key} ${f.value}`)].join('\n');
}
