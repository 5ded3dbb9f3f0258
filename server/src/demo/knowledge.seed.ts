import type { FastifyInstance } from 'fastify';
import { createKnowledgeRepository } from '../modules/knowledge';
import { systemContext } from '../platform/audit/audit.service';
import { fetchDingTalkPerson } from '../platform/identity/directory';

/** The demo company's IT lead (王磊) writes the starter articles. */
export const demoArticleAuthor = 'yq-wanglei';

/** Starter articles for the demo company: the faults its people report most, and the projector of the demo story. */
export const demoArticles = [
  {
    title: '会议室投影仪没有信号',
    symptom: '笔记本接上会议室投影仪后，投影显示“无信号”或一直蓝屏，电脑屏幕正常。',
    cause: 'HDMI 转接头（Type-C 转 HDMI）接触不良或损坏，也可能是投影仪信号源没有切到 HDMI。',
    resolution: '1. 用投影仪遥控器按“信号源/Source”，选择 HDMI 1。\n2. 拔下转接头重新插紧，或换会议室抽屉里的备用转接头。\n3. 在电脑上按 Win+P 选择“复制”。\n4. 仍无信号请报修，IT 会更换转接头。',
    category: 'meeting_room',
    tags: ['投影仪', 'HDMI', '会议室'],
  },
  {
    title: '打印机经常卡纸怎么办',
    symptom: '打印到一半停止，打印机面板提示卡纸，取出纸后再打印又卡。',
    cause: '纸张受潮或纸盒放纸过多，导纸器没有贴紧纸张边缘；搓纸轮老化也会反复卡纸。',
    resolution: '1. 关闭打印机电源，打开前盖和后盖，顺着出纸方向慢慢取出卡住的纸，不要撕碎。\n2. 纸盒里的纸不超过刻度线，把导纸器推到贴紧纸张。\n3. 换一包干燥的新纸再试。\n4. 一天内反复卡纸请报修，IT 会清洁或更换搓纸轮。',
    category: 'printer',
    tags: ['打印机', '卡纸'],
  },
  {
    title: 'VPN 无法连接',
    symptom: '在家或出差时 VPN 连不上，客户端提示“连接超时”或“认证失败”，内网系统打不开。',
    cause: '密码过期后 VPN 账号被锁定，或客户端版本过旧；酒店等公共网络有时会拦截 VPN 端口。',
    resolution: '1. 先确认能正常上网（打开任意网站）。\n2. 认证失败：在钉钉工作台修改域账号密码，15 分钟后再连。\n3. 连接超时：换手机热点再试；仍不行请在工作台下载最新版 VPN 客户端。\n4. 以上都不行请报修，并附上客户端的报错截图。',
    category: 'vpn',
    tags: ['VPN', '远程办公'],
  },
  {
    title: 'Outlook 邮箱不同步，收不到新邮件',
    symptom: 'Outlook 停在“正在更新此文件夹”或提示“已断开连接”，手机上能收到的邮件电脑上看不到。',
    cause: 'Outlook 缓存文件（OST）损坏，或修改域账号密码后 Outlook 里还保存着旧密码。',
    resolution: '1. 右下角 Outlook 图标上按住 Ctrl 点右键，查看“连接状态”。\n2. 最近改过密码：在“文件 > 账户设置”里重新输入新密码。\n3. 关闭 Outlook，在“控制面板 > 邮件”里新建配置文件后重新打开。\n4. 网页邮箱也收不到时请报修，可能是邮箱已满。',
    category: 'email',
    tags: ['Outlook', '邮箱'],
  },
  {
    title: '钉钉登录异常，提示账号存在风险或收不到验证码',
    symptom: '电脑版钉钉登录时提示“账号存在安全风险”或一直收不到短信验证码，手机版可以正常使用。',
    cause: '新设备首次登录需要手机端确认；短信被手机拦截软件当成骚扰短信。',
    resolution: '1. 在手机钉钉上确认“新设备登录”提醒。\n2. 检查手机的短信拦截记录，或改用“手机钉钉扫码登录”。\n3. 更换过手机号请联系 IT 更新通讯录中的手机号。',
    category: 'dingtalk',
    tags: ['钉钉', '登录'],
  },
  {
    title: '公司 Wi-Fi 能连上但上不了网',
    symptom: '笔记本显示已连接公司 Wi-Fi，但网页打不开，钉钉提示网络不可用。',
    cause: '访客网络和办公网络混用，或电脑获取到了错误的 IP 地址。',
    resolution: '1. 确认连接的是办公网络“Yunqi-Office”，不是访客网络。\n2. 忘记该网络后重新连接并输入域账号密码。\n3. 在命令行运行 ipconfig /release 和 ipconfig /renew。\n4. 同一区域多人都上不了网时请立即报修。',
    category: 'network',
    tags: ['Wi-Fi', '网络'],
  },
] as const;

/**
 * An empty knowledge base gets the starter articles, written by the demo IT lead
 * (synced from the sandbox directory if he has not logged in yet). Safe to run at every start.
 */
export async function seedDemoArticles({ app }: { app: FastifyInstance }): Promise<number> {
  const { db } = app.deps.database;
  const repo = createKnowledgeRepository({ db });
  if (!(await repo.isEmpty())) return 0;
  const known = await app.identity.findByDingtalkId(demoArticleAuthor);
  let person = null;
  try {
    person = known ? null : await fetchDingTalkPerson(app.deps.dingtalk, demoArticleAuthor);
  } catch (error) {
    // A demo nicety must not stop the start-up: without the author there are simply no starter articles.
    app.log.warn({ err: error }, 'Skipped the demo knowledge articles: the sandbox did not answer');
    return 0;
  }
  return db.transaction(async (tx) => {
    const author = known ?? (await app.identity.syncPerson(person!, {}, tx)).user;
    // One statement and one audit row: this runs inside every fresh sandbox start, tests included.
    const now = app.deps.clock();
    const rows = demoArticles.map((article) => ({ ...article, tags: [...article.tags], status: 'published' as const, authorId: author.id, authorName: author.name, createdAt: now, updatedAt: now }));
    const ids = await repo.insertMany(rows, tx);
    await app.audit.record(systemContext, { action: 'knowledge.demo_articles_seeded', summary: { articleIds: ids.map(String), authorId: author.id, authorSynced: !known } }, tx);
    return demoArticles.length;
  });
}
