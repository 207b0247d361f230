import { useEffect, useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { SHORTCUTS } from '../hooks/use-board-shortcuts';

/** A modal list of the board's keyboard shortcuts; Escape or Close shuts it and focus goes back. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // Where showModal is missing (older engines, jsdom) the dialog still opens, without the backdrop.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-gray-200 bg-white p-5 text-gray-900 shadow-xl backdrop:bg-gray-950/50 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100"
    >
      <h2 id={headingId} className="text-base font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="mt-4 flex flex-col gap-2 text-sm">
        {SHORTCUTS.map(({ key, label }) => (
          <div key={key} className="flex items-center gap-3">
            <dt>
              <kbd className="inline-block min-w-7 rounded-md border border-gray-300 bg-gray-50 px-2 py-0.5 text-center font-mono dark:border-gray-600 dark:bg-gray-800">
                {key}
              </kbd>
            </dt>
            <dd>{label}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm text-gray-600 dark:text-gray-400">
        On a card, Tab to its Move handle, press Space or Enter to pick it up, the arrow keys to move it, Space or Enter
        to drop it and Escape to cancel. Shortcuts do nothing while you type in a field.
      </p>
      <div className="mt-5 flex justify-end">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </dialog>
  );
}
