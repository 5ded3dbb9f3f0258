// DingTalk's wire shapes for sending messages: custom (webhook) robot bodies, enterprise robot
// message templates, work notifications and the card button callback. The client sends these and
// the sandbox accepts exactly these.

/** Who a custom-robot text or markdown message mentions. The text should also contain `@<userId>`. */
export interface WebhookAt {
  atMobiles?: string[];
  atUserIds?: string[];
  isAtAll?: boolean;
}

export interface WebhookActionCardButton {
  title: string;
  actionURL: string;
}

/** A custom (webhook) group robot message; `msgtype` selects the key that carries the content. */
export type WebhookMessage =
  | { msgtype: 'text'; text: { content: string }; at?: WebhookAt }
  | { msgtype: 'markdown'; markdown: { title: string; text: string }; at?: WebhookAt }
  | { msgtype: 'link'; link: { title: string; text: string; messageUrl: string; picUrl?: string } }
  | {
      msgtype: 'actionCard';
      actionCard: {
        title: string;
        text: string;
        /** With `singleURL`, one whole-card button; `btns` is then ignored. */
        singleTitle?: string;
        singleURL?: string;
        /** '0' vertical, '1' horizontal. */
        btnOrientation?: '0' | '1';
        hideAvatar?: '0' | '1';
        btns?: WebhookActionCardButton[];
      };
    }
  | { msgtype: 'feedCard'; feedCard: { links: { title: string; messageURL: string; picURL: string }[] } };

/**
 * Enterprise robot message templates (`msgKey`) and the fields of their `msgParam`.
 * sampleActionCard2–5 carry 2–5 vertical buttons as actionTitleN/actionURLN; sampleActionCard6
 * two horizontal ones as buttonTitleN/buttonUrlN.
 */
export const robotMsgKeys = [
  'sampleText',
  'sampleMarkdown',
  'sampleImageMsg',
  'sampleLink',
  'sampleActionCard',
  'sampleActionCard2',
  'sampleActionCard3',
  'sampleActionCard4',
  'sampleActionCard5',
  'sampleActionCard6',
  'sampleAudio',
  'sampleFile',
  'sampleVideo',
] as const;

export type RobotMsgKey = (typeof robotMsgKeys)[number];

/** A known msgKey, or any other DingTalk adds (the sandbox refuses keys it does not know). */
export type RobotMsgKeyName = RobotMsgKey | (string & NonNullable<unknown>);

/** A work notification (工作通知) `msg`; `msgtype` selects the key that carries the content. */
export type WorkNotificationMsg =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | { msgtype: 'link'; link: { messageUrl: string; picUrl: string; title: string; text: string } }
  | {
      msgtype: 'oa';
      oa: {
        message_url: string;
        pc_message_url?: string;
        /** bgcolor is ARGB hex, e.g. 'FFBBBBBB'. */
        head: { bgcolor: string; text: string };
        body: {
          title?: string;
          /** DingTalk shows at most six rows. */
          form?: { key: string; value: string }[];
          rich?: { num: string; unit?: string };
          content?: string;
          image?: string;
          file_count?: string;
          author?: string;
        };
      };
    }
  | {
      msgtype: 'action_card';
      action_card: {
        title: string;
        markdown: string;
        single_title?: string;
        single_url?: string;
        btn_orientation?: '0' | '1';
        btn_json_list?: { title: string; action_url: string }[];
      };
    };

/** `POST /topapi/message/corpconversation/getsendresult` → `send_result`. */
export interface OapiWorkNotificationSendResult {
  invalid_user_id_list: string[];
  forbidden_user_id_list: string[];
  failed_user_id_list: string[];
  read_user_id_list: string[];
  unread_user_id_list: string[];
  invalid_dept_id_list: number[];
  /** Recipients DingTalk dropped by a limit: 143105 daily per-user cap, 143106 same content today. */
  forbidden_list: { code: string; count: number; userid: string }[];
}

/** What DingTalk sends when someone presses a card button (`data` of the callback on the card callback topic). */
export interface CardActionCallback {
  type: 'actionCallback';
  outTrackId: string;
  corpId: string;
  /** The clicker's userId. */
  userId: string;
  /** 1 = userId, 2 = unionId. */
  userIdType: 1 | 2;
  /** 'IM_GROUP' or 'IM_ROBOT'. */
  spaceType: string;
  /** openConversationId for a group, the userId for a robot 1:1 chat. */
  spaceId: string;
  extension: string;
  /** JSON string of `{ cardPrivateData: { actionIds: [id], params: { action: id, ...button params } } }`. */
  content: string;
  /** The same JSON string as `content`. */
  value: string;
}
