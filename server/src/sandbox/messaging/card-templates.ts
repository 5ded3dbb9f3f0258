import { cardStatusColors, decodeCardButtons, decodeCardFields, type CardButton, type CardField, type CardStatusColor } from '../../dingtalk/cards-convention';

// Card templates live in DingTalk's card platform, where a developer binds template variables to
// text and buttons. The sandbox has a fixed set instead, each rendering the cardParamMap
// convention in cards-convention.ts (title, markdown, status, fields, buttons, footer); they differ
// in how the header is coloured.

export interface SandboxCardTemplate {
  /** Looks like DingTalk's: '<uuid>.schema'. */
  id: string;
  name: string;
  description: string;
  /** 'level' colours the header from cardParamMap.headerColor, else from cardParamMap.level (1 red, 2 orange, 3 yellow). */
  header: 'brand' | 'level';
}

export const sandboxCardTemplates: readonly SandboxCardTemplate[] = [
  {
    id: '5d0c2a9e-61b4-4d0f-9a3c-d1a9c0de0001.schema',
    name: 'DingOps 通用卡片',
    description: 'Tickets, notices, ratings: title, markdown, fields, buttons; blue header.',
    header: 'brand',
  },
  {
    id: '5d0c2a9e-61b4-4d0f-9a3c-d1a9c0de0002.schema',
    name: 'DingOps 告警卡片',
    description: 'Alerts: like the general card, header coloured by cardParamMap.level (1/2/3).',
    header: 'level',
  },
];

/** Template ids by purpose, for DingOps' sandbox configuration and tests. */
export const sandboxCardTemplateIds = { general: sandboxCardTemplates[0]!.id, alert: sandboxCardTemplates[1]!.id } as const;

export function findCardTemplate(id: string): SandboxCardTemplate | undefined {
  return sandboxCardTemplates.find((template) => template.id === id);
}

export interface RenderedCard {
  templateName: string;
  title: string;
  markdown: string;
  status: string | null;
  statusColor: CardStatusColor;
  /** Header colour: blue for the general card; for alerts `headerColor` (green once resolved), else red/orange/yellow by level. */
  headerColor: CardStatusColor;
  level: 1 | 2 | 3 | null;
  fields: CardField[];
  buttons: CardButton[];
  footer: string | null;
}

const levelColors: Record<1 | 2 | 3, CardStatusColor> = { 1: 'red', 2: 'orange', 3: 'yellow' };

const asLevel = (value: string | undefined): 1 | 2 | 3 | null => (value === '1' ? 1 : value === '2' ? 2 : value === '3' ? 3 : null);

const asColor = (value: string | undefined): CardStatusColor | null =>
  cardStatusColors.includes(value as CardStatusColor) ? (value as CardStatusColor) : null;

/** What a viewer sees: the card's data, overlaid with the viewer's private data when given. */
export function renderCard(template: SandboxCardTemplate | undefined, data: Record<string, string>): RenderedCard {
  const level = asLevel(data.level);
  return {
    templateName: template?.name ?? 'Card',
    title: data.title ?? template?.name ?? '',
    markdown: data.markdown ?? '',
    status: data.status || null,
    statusColor: asColor(data.statusColor) ?? 'blue',
    headerColor: template?.header === 'level' ? (asColor(data.headerColor) ?? (level ? levelColors[level] : 'blue')) : 'blue',
    level,
    fields: decodeCardFields(data.fields),
    buttons: decodeCardButtons(data.buttons),
    footer: data.footer || null,
  };
}
