// The cardParamMap convention DingOps' card templates follow. On DingTalk a card template is built
// in the developer console's card platform and binds these variables; the sandbox renders the same
// variables itself. Every value is a string (DingTalk's rule); lists are JSON-stringified.
//
//   title        header text
//   markdown     body, DingTalk markdown
//   status       short state tag beside the title, e.g. '待认领' / '已认领'
//   statusColor  tag colour: blue | green | orange | red | yellow | gray
//   level        alert template only: '1' | '2' | '3' colours the header red / orange / yellow
//   headerColor  alert template only: the header's colour when it is not the level's (green once resolved)
//   fields       JSON array of { label, value } rows shown under the body
//   buttons      JSON array of CardButton; a press sends the button's id as the action
//   footer       small grey line at the bottom, e.g. '由 DingOps 发送'

export type CardButtonStyle = 'primary' | 'default' | 'danger';

export interface CardButton {
  /** Action id: comes back as `actionIds[0]` and `params.action` in the click callback. */
  id: string;
  text: string;
  style?: CardButtonStyle;
  /** Extra values the callback carries in `params`, beside `action`. */
  params?: Record<string, string>;
  /** Shown greyed out and not clickable (e.g. 认领 after someone claimed). */
  disabled?: boolean;
}

export interface CardField {
  label: string;
  value: string;
}

export const cardStatusColors = ['blue', 'green', 'orange', 'red', 'yellow', 'gray'] as const;
export type CardStatusColor = (typeof cardStatusColors)[number];

export function encodeCardButtons(buttons: readonly CardButton[]): string {
  return JSON.stringify(buttons);
}

export function encodeCardFields(fields: readonly CardField[]): string {
  return JSON.stringify(fields);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `buttons` leniently: anything that is not a button with a string id and text is skipped. */
export function decodeCardButtons(json: string | undefined): CardButton[] {
  return parseArray(json).flatMap((item): CardButton[] => {
    if (!isRecord(item) || typeof item.id !== 'string' || item.id === '' || typeof item.text !== 'string') return [];
    const style = item.style === 'primary' || item.style === 'danger' ? item.style : 'default';
    const params = isRecord(item.params)
      ? Object.fromEntries(Object.entries(item.params).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
      : {};
    return [{ id: item.id, text: item.text, style, params, disabled: item.disabled === true }];
  });
}

export function decodeCardFields(json: string | undefined): CardField[] {
  return parseArray(json).flatMap((item): CardField[] =>
    isRecord(item) && typeof item.label === 'string' && typeof item.value === 'string' ? [{ label: item.label, value: item.value }] : [],
  );
}

function parseArray(json: string | undefined): unknown[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
