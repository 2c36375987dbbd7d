/// <reference types="office-js" />

/**
 * Light and dark: Office's own theme colors when the host gives them, the system's
 * prefers-color-scheme (in taskpane.css) otherwise.
 */
export function applyOfficeTheme(root: HTMLElement): void {
  const theme = typeof Office !== 'undefined' ? Office.context?.officeTheme : undefined;
  if (!theme?.bodyBackgroundColor) return;
  root.style.setProperty('--bg', theme.bodyBackgroundColor);
  root.style.setProperty('--fg', theme.bodyForegroundColor);
  root.style.setProperty('--control-bg', theme.controlBackgroundColor);
  root.style.setProperty('--control-fg', theme.controlForegroundColor);
  root.dataset.theme = isDark(theme.bodyBackgroundColor) ? 'dark' : 'light';
}

function isDark(hex: string): boolean {
  const rgb = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!rgb) return false;
  const [r, g, b] = rgb.slice(1).map((c) => parseInt(c, 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}
