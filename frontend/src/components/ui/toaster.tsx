import { createContext, use, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { cn } from './cn';

type Tone = 'info' | 'success' | 'error';
type Toast = { id: number; title: string; body?: string; tone: Tone };
type ShowToast = (toast: { title: string; body?: string; tone?: Tone }) => void;

const ToastContext = createContext<ShowToast | null>(null);
const TOAST_MS = 5_000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((all) => all.filter((toast) => toast.id !== id));
  }, []);

  const show = useCallback<ShowToast>(
    ({ title, body, tone = 'info' }) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { id, title, body, tone }]);
      setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );

  const value = useMemo(() => show, [show]);

  return (
    <ToastContext value={value}>
      {children}
      {/* Always mounted so screen readers track the live region before the first toast. */}
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            data-testid="toast"
            className={cn(
              'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl border bg-white p-3 shadow-lg dark:bg-gray-900',
              toast.tone === 'error' ? 'border-red-300 dark:border-red-800' : 'border-gray-200 dark:border-gray-700',
            )}
          >
            <span
              aria-hidden
              className={cn(
                'mt-1.5 size-2 shrink-0 rounded-full',
                toast.tone === 'error' ? 'bg-red-500' : toast.tone === 'success' ? 'bg-emerald-500' : 'bg-indigo-500',
              )}
            />
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium">{toast.title}</p>
              {toast.body && <p className="mt-0.5 text-sm text-gray-600 dark:text-gray-400">{toast.body}</p>}
            </div>
            <button
              type="button"
              onClick={() => dismiss(toast.id)}
              aria-label="Dismiss"
              className="rounded-md px-1 text-gray-500 hover:text-gray-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-gray-200"
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext>
  );
}

export function useToast(): ShowToast {
  const show = use(ToastContext);
  if (!show) throw new Error('useToast must be used inside <ToastProvider>');
  return show;
}
