/**
 * DingTalk's message size limits, measured the way DingTalk measures them: UTF-8 bytes of the JSON
 * it receives. A Chinese character is 3 bytes, and escaping (quotes, newlines) counts too.
 */

/** A custom robot refuses a body over 20,000 bytes with errcode 460101. */
export const maxRobotBodyBytes = 20_000;
/** The enterprise robot's `msgParam` (a JSON string) may carry at most 15,000 bytes. */
export const maxMsgParamBytes = 15_000;

export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

export interface MarkdownMessage {
  title: string;
  text: string;
}

/** How a message travels: the body whose bytes count, e.g. `{msgtype: 'markdown', markdown: m}`. */
export type BodyOf = (message: MarkdownMessage) => unknown;

/** The enterprise robot's group message: `msgParam` is the JSON-encoded `{title, text}`. */
export const msgParamBody: BodyOf = (message) => JSON.stringify(message);

const widestLabel = '(999/999)';
const label = (index: number, count: number) => `(${index}/${count})`;

/**
 * Fits a plain markdown message into `maxBytes`: as is when it fits, else split at line boundaries
 * into numbered parts ("(1/3)" after the title and at the end of the text), each of which fits.
 * A single line too long for one part is cut between characters.
 */
export function splitMarkdown(message: MarkdownMessage, { maxBytes, bodyOf = (m) => m }: { maxBytes: number; bodyOf?: BodyOf }): MarkdownMessage[] {
  if (jsonBytes(bodyOf(message)) <= maxBytes) return [message];
  const numbered = (text: string, tag: string): MarkdownMessage => ({ title: `${message.title} ${tag}`, text: `${text}\n\n${tag}` });
  // Escaping is per character, so a text's cost is the sum of its pieces' costs.
  const overhead = jsonBytes(bodyOf(numbered('', widestLabel)));
  const costOf = (text: string) => jsonBytes(bodyOf(numbered(text, widestLabel))) - overhead;
  const budget = maxBytes - overhead;
  if (budget < 64) throw new Error(`a ${maxBytes}-byte message has no room for text after its title`);
  const newline = costOf('\n');

  const pieces = message.text.split('\n').flatMap((line) => (costOf(line) <= budget ? [line] : cutLine(line, budget, costOf)));
  const parts: string[] = [];
  let current: string[] = [];
  let used = 0;
  for (const piece of pieces) {
    const cost = costOf(piece) + (current.length > 0 ? newline : 0);
    if (current.length > 0 && used + cost > budget) {
      parts.push(current.join('\n'));
      current = [];
      used = 0;
    }
    used += costOf(piece) + (current.length > 0 ? newline : 0);
    current.push(piece);
  }
  if (current.length > 0) parts.push(current.join('\n'));
  return parts.map((text, index) => numbered(text, label(index + 1, parts.length)));
}

function cutLine(line: string, budget: number, costOf: (text: string) => number): string[] {
  const pieces: string[] = [];
  let current = '';
  let used = 0;
  for (const char of line) {
    const cost = costOf(char);
    if (used + cost > budget) {
      pieces.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += cost;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * For digests and cards, which are summarised rather than split: the longest prefix of `items` whose
 * rendering (given the items shown and how many are left out) still `fits`. Renders O(log n) times.
 */
export function fitList<TItem, TOut>({ items, render, fits }: { items: readonly TItem[]; render: (shown: readonly TItem[], hidden: number) => TOut; fits: (value: TOut) => boolean }): TOut {
  const all = render(items, 0);
  if (fits(all)) return all;
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(render(items.slice(0, middle), items.length - middle))) low = middle;
    else high = middle - 1;
  }
  return render(items.slice(0, low), items.length - low);
}
