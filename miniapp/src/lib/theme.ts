// Mirrors the boot order of DingTalk's own theme script: the container's injected theme first,
// then a `colorScheme/dark` user agent, then the OS preference (which it keeps following).

type Theme = 'light' | 'dark';
type DingTalkGlobal = { platform?: { getCurrentTheme?: () => { name?: string } | undefined } };

function containerTheme(): Theme | null {
  try {
    const injected = (globalThis as { dingtalk?: DingTalkGlobal }).dingtalk;
    const name = injected?.platform?.getCurrentTheme?.()?.name;
    if (name === 'dark' || name === 'light') return name;
  } catch {
    // an injected object that throws is treated as absent
  }
  return null;
}

function userAgentTheme(): Theme | null {
  return /colorScheme\/dark/i.test(navigator.userAgent) ? 'dark' : null;
}

function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.dataset.dingtalkTheme = theme;
  // antd-mobile switches its own palette on this attribute.
  root.dataset.prefersColorScheme = theme;
}

/** `pc` is any user agent that is not a phone or tablet, as DingTalk's script decides. */
function detectPlatform(): 'pc' | 'mob' {
  return /iphone|ipad|ipod|ios|android|openharmony/i.test(navigator.userAgent) ? 'mob' : 'pc';
}

export function bootTheme(): void {
  document.documentElement.dataset.dingtalkPlatform = detectPlatform();
  const fixed = containerTheme() ?? userAgentTheme();
  if (fixed) {
    applyTheme(fixed);
    return;
  }
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  applyTheme(query.matches ? 'dark' : 'light');
  query.addEventListener('change', (event) => applyTheme(event.matches ? 'dark' : 'light'));
}
