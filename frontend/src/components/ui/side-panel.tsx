import { useEffect, useRef, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react';
import { cn } from './cn';

type Props = {
  /** The panel's accessible name. */
  label: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
};

/**
 * A modal panel sliding over the page from the right (full width on a phone): a native <dialog>
 * opened with showModal(), so the browser traps focus in it, makes the page behind inert, gives
 * it the dialog role and closes it with Escape. Closing is the owner's (`onClose`, a navigation for
 * a route): Escape and a click on the backdrop ask for it. When it goes, focus returns to where it was.
 */
export function SidePanel({ label, onClose, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // jsdom has no showModal; a browser always does.
    if (typeof dialog.showModal === 'function') {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    return () => {
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  // Escape: the browser fires `cancel`; the route decides, the dialog stays until it unmounts.
  const onCancel = (event: SyntheticEvent) => {
    event.preventDefault();
    onCloseRef.current();
  };
  // A browser may close a dialog despite preventDefault (repeated Escape without a user gesture);
  // if the owner keeps it (the person chose to stay), it opens again.
  const onNativeClose = () => {
    onCloseRef.current();
    requestAnimationFrame(() => {
      const dialog = ref.current;
      if (dialog?.isConnected && !dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented && typeof ref.current?.showModal !== 'function') {
      onCloseRef.current();
    }
  };

  return (
    <dialog
      ref={ref}
      aria-label={label}
      aria-modal="true"
      onCancel={onCancel}
      onClose={onNativeClose}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself, outside its content box.
        if (event.target === ref.current) onCloseRef.current();
      }}
      className={cn(
        'fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-dvh w-full max-w-2xl overflow-y-auto p-0',
        'border-l border-gray-200 bg-white text-gray-900 shadow-2xl dark:border-gray-800 dark:bg-gray-950 dark:text-gray-100',
        'backdrop:bg-gray-900/40 dark:backdrop:bg-black/60',
        className,
      )}
    >
      {/* Fills the panel, so only a click on the backdrop reaches the dialog element itself. */}
      <div className="min-h-full">{children}</div>
    </dialog>
  );
}
