import { useEffect, useRef } from 'react';

export type BoardShortcuts = { newTask: () => void; search: () => void; help: () => void };

/** The board's single-key shortcuts, as the shortcuts dialog lists them. */
export const SHORTCUTS: ReadonlyArray<{ key: string; action: keyof BoardShortcuts; label: string }> = [
  { key: 'n', action: 'newTask', label: 'New task: go to the title of the new-task form' },
  { key: '/', action: 'search', label: 'Search tasks' },
  { key: '?', action: 'help', label: 'Show these shortcuts' },
];

/** Typing in a field, or carrying a card with the keyboard, keeps its keys to itself. */
function isBusy(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('input, textarea, select, dialog[open]')) return true;
  return target.getAttribute('aria-pressed') === 'true' && target.hasAttribute('data-drag-handle');
}

/** Listens for `n`, `/` and `?` anywhere on the page, except while typing or with a modifier key held. */
export function useBoardShortcuts(handlers: BoardShortcuts): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isBusy(event.target)) return;
      const shortcut = SHORTCUTS.find(({ key }) => key === event.key);
      if (!shortcut) return;
      event.preventDefault();
      latest.current[shortcut.action]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
