/**
 * The colour theme: light, dark, or the system's. The choice is kept per browser in localStorage;
 * "system" is the default and is not stored. The stylesheet's dark variant follows the system
 * unless <html> carries an explicit `light` or `dark` class, so a page is right before any script
 * runs; this module sets the class for an explicit choice (main.tsx calls it before React renders).
 */

export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'taskflow:theme';
const listeners = new Set<() => void>();

function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export function readTheme(): Theme {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isTheme(stored) ? stored : 'system';
  } catch {
    // Storage can be switched off (private modes, policies): the system's theme it is.
    return 'system';
  }
}

/** Puts the theme's class on <html>: `dark`, `light`, or neither for the system's. */
export function applyTheme(theme: Theme = readTheme(), root: HTMLElement = document.documentElement): void {
  root.classList.toggle('dark', theme === 'dark');
  root.classList.toggle('light', theme === 'light');
}

export function saveTheme(theme: Theme): void {
  try {
    if (theme === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Not remembered, still applied for this page.
  }
  applyTheme(theme);
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore; another tab's choice arrives through the storage event. */
export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    applyTheme();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The next choice of the header's theme button. */
export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
}
