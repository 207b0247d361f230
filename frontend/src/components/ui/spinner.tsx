import { cn } from './cn';

export function Spinner({ className, label }: { className?: string; label?: string }) {
  return (
    <span
      role={label ? 'status' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      className={cn(
        'inline-block animate-spin rounded-full border-2 border-current border-r-transparent',
        className ?? 'size-5',
      )}
    />
  );
}

export function PageSpinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="flex min-h-[40vh] items-center justify-center text-indigo-600 dark:text-indigo-400">
      <Spinner className="size-8" label={label} />
    </div>
  );
}

/** For a part of a page (a panel, a card) still loading. */
export function SectionSpinner({ label }: { label: string }) {
  return (
    <div className="flex justify-center p-6 text-indigo-600 dark:text-indigo-400">
      <Spinner label={label} />
    </div>
  );
}
