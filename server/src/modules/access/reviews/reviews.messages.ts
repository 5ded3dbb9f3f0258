import type { WorkNotificationInput } from '../../../dingtalk/work-notifications';
import { beijing } from '../access.messages';

// Work notifications about access reviews (zh-CN, as reviewers read them in DingTalk). The same
// message goes to every reviewer of a campaign in one notification, so it names no counts: the
// link opens the reviewer's own list.

type Message = WorkNotificationInput['msg'];

const card = (title: string, lines: (string | null)[], button: string, url: string): Message => ({
  msgtype: 'action_card',
  action_card: { title, markdown: lines.filter((line) => line !== null).join('\n\n'), single_title: button, single_url: url },
});

/** A campaign opened: each reviewer decides keep, revoke or shorten for the grants listed for them. */
export const reviewStarted = ({ name, dueAt, url }: { name: string; dueAt: Date; url: string }) =>
  card(`权限复核：${name}`, [`### 请复核权限：${name}`, '请逐项确认以下人员的系统权限是否仍需保留：保留、收回或缩短期限。', `截止：${beijing(dueAt)}`, '逾期未处理将升级给你的上级。'], '开始复核', url);

/** A mover's targeted review: the new manager looks at what the person still holds. */
export const moverReviewStarted = ({ personName, dueAt, url }: { personName: string; dueAt: Date; url: string }) =>
  card(`调岗权限复核：${personName}`, [`### ${personName} 的岗位已变更`, `${personName} 已调整部门或上级，现由你复核其现有权限：不再需要的请收回。`, `截止：${beijing(dueAt)}`], '复核权限', url);

/** Halfway to due, once. */
export const reviewReminder = ({ name, dueAt, url }: { name: string; dueAt: Date; url: string }) =>
  card(`权限复核提醒：${name}`, [`### 权限复核还未完成：${name}`, `截止：${beijing(dueAt)}`, '逾期未处理将升级给你的上级。'], '继续复核', url);

/** Past due: the reviewer hears their items went to their manager. */
export const reviewEscalatedToReviewer = ({ name, url }: { name: string; url: string }) =>
  card(`权限复核已逾期：${name}`, [`### 权限复核已逾期：${name}`, '未处理的项目已升级给你的上级，你仍可继续处理。'], '查看复核', url);

/** Past due: the reviewer's manager may decide the items now. */
export const reviewEscalatedToManager = ({ name, reviewerName, items, url }: { name: string; reviewerName: string; items: number; url: string }) =>
  card(`权限复核升级：${name}`, [`### ${reviewerName} 的权限复核已逾期`, `${name}：还有 ${items} 项未处理，已升级给你，你可以代为决定。`], '处理复核', url);
