import { useSyncExternalStore } from 'react';
import { nextTheme, readTheme, saveTheme, subscribeTheme, type Theme } from '@/lib/theme';
import { headerIconClass, MoonIcon, SunIcon, SystemThemeIcon } from './icons';

const LABEL: Record<Theme, string> = { light: 'Light', dark: 'Dark', system: 'System' };
const ICON: Record<Theme, () => React.JSX.Element> = { light: SunIcon, dark: MoonIcon, system: SystemThemeIcon };

/** The header's theme button: each press goes light → dark → system; the choice is remembered per browser. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribeTheme, readTheme, () => 'system' as const);
  const next = nextTheme(theme);
  const Icon = ICON[theme];
  return (
    <button
      type="button"
      className={headerIconClass}
      aria-label={`Theme: ${LABEL[theme]}`}
      title={`Theme: ${LABEL[theme]} (switch to ${LABEL[next].toLowerCase()})`}
      onClick={() => saveTheme(next)}
    >
      <Icon />
    </button>
  );
}
