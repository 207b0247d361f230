import { useEffect, useId, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { BellIcon, headerIconClass } from '@/components/ui/icons';
import { useUnreadCount } from '../api/get-unread-count';
import { NotificationsPanel } from './notifications-panel';

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount().data ?? 0;
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className={cn(headerIconClass, open && 'bg-gray-100 dark:bg-gray-800')}
      >
        <BellIcon />
        {/* The badge is only rendered when something is unread: with 0 it is absent from the DOM. */}
        {unread > 0 && (
          <span
            data-testid="unread-badge"
            aria-hidden
            className="absolute -top-0.5 -right-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] leading-none font-semibold text-white ring-2 ring-white dark:ring-gray-950"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && <NotificationsPanel id={panelId} unread={unread} onClose={() => setOpen(false)} />}
    </div>
  );
}
