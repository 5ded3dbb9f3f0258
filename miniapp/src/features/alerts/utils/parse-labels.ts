/** A sample alert's labels, pasted as a JSON object or as `key=value` lines; null when neither reads. */
export function parseLabels(text: string): Record<string, string> | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
    } catch {
      return null;
    }
  }
  const labels: Record<string, string> = {};
  for (const line of trimmed.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const match = /^\s*([^=\s]+)\s*=\s*"?(.*?)"?\s*$/.exec(line);
    if (!match?.[1]) return null;
    labels[match[1]] = match[2] ?? '';
  }
  return labels;
}
