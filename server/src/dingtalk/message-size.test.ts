import { describe, expect, it } from 'vitest';
import { fitList, jsonBytes, maxRobotBodyBytes, msgParamBody, splitMarkdown } from './message-size';

const webhookBody = (message: { title: string; text: string }) => ({ msgtype: 'markdown', markdown: message, at: { atUserIds: [], isAtAll: false } });

describe('DingTalk message size (20,000 bytes, 460101)', () => {
  it('a message that fits is left alone', () => {
    const message = { title: '告警', text: '### 数据库\n\n一切正常' };
    expect(splitMarkdown(message, { maxBytes: maxRobotBodyBytes, bodyOf: webhookBody })).toEqual([message]);
  });

  it('a long message is split at line boundaries into numbered parts that each fit, measured in UTF-8 bytes of the JSON body', () => {
    const lines = Array.from({ length: 900 }, (_, index) => `- 第 ${index + 1} 台主机 "db-${index}" 无法连接（超时）`);
    const text = lines.join('\n');
    expect(jsonBytes(webhookBody({ title: '告警', text }))).toBeGreaterThan(maxRobotBodyBytes);
    const parts = splitMarkdown({ title: '告警', text }, { maxBytes: maxRobotBodyBytes, bodyOf: webhookBody });
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part, index) => {
      expect(jsonBytes(webhookBody(part))).toBeLessThanOrEqual(maxRobotBodyBytes);
      expect(part.title).toBe(`告警 (${index + 1}/${parts.length})`);
      expect(part.text.endsWith(`(${index + 1}/${parts.length})`)).toBe(true);
    });
    // Nothing lost, nothing cut mid-line.
    const rejoined = parts.flatMap((part) => part.text.split('\n\n(')[0]!.split('\n'));
    expect(rejoined).toEqual(lines);
  });

  it('the enterprise robot counts the doubly escaped msgParam; one huge line is cut between characters', () => {
    const text = `"引号"\n${'长'.repeat(12_000)}`;
    const parts = splitMarkdown({ title: 't', text }, { maxBytes: 15_000, bodyOf: msgParamBody });
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThanOrEqual(15_000);
    expect(parts.map((part) => part.text.replace(/\n\n\(\d+\/\d+\)$/, '')).join('').replace('\n', '')).toBe(text.replace('\n', ''));
  });

  it('a list is summarised: as many items as fit, then how many were left out', () => {
    const items = Array.from({ length: 300 }, (_, index) => `- [磁盘将满 ${index}](https://ops.example/alerts/${index})`);
    const render = (shown: readonly string[], hidden: number) => ({ markdown: [...shown, ...(hidden > 0 ? [`另有 ${hidden} 项，详见应用`] : [])].join('\n') });
    const fits = (value: unknown) => jsonBytes(value) <= 4000;
    const card = fitList({ items, render, fits });
    expect(fits(card)).toBe(true);
    const shown = card.markdown.split('\n').length - 1;
    expect(card.markdown).toContain(`另有 ${300 - shown} 项`);
    // One more item would not have fitted.
    expect(fits(render(items.slice(0, shown + 1), 300 - shown - 1))).toBe(false);
    expect(fitList({ items: items.slice(0, 3), render, fits }).markdown).not.toContain('另有');
  });
});
