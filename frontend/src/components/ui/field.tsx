import { useId, type ComponentProps, type ReactNode, type SelectHTMLAttributes } from 'react';
import { cn } from './cn';

const controlClass = cn(
  'block w-full rounded-lg border bg-white px-3 text-sm text-gray-900 shadow-xs',
  'placeholder:text-gray-400 dark:bg-gray-900 dark:text-gray-100 dark:placeholder:text-gray-500',
  'focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500',
  'disabled:cursor-not-allowed disabled:opacity-60',
);

const borderClass = (invalid: boolean) =>
  invalid ? 'border-red-500 dark:border-red-500' : 'border-gray-300 dark:border-gray-700';

type FieldShellProps = {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  hideLabel?: boolean;
  className?: string;
  children: ReactNode;
};

function FieldShell({ id, label, error, hint, hideLabel, className, children }: FieldShellProps) {
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label
        htmlFor={id}
        className={cn('text-sm font-medium text-gray-700 dark:text-gray-300', hideLabel && 'sr-only')}
      >
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-gray-500 dark:text-gray-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

// ComponentProps, not InputHTMLAttributes: it includes `ref`, which React 19 passes as a prop.
type InputFieldProps = ComponentProps<'input'> & {
  label: string;
  error?: string;
  hint?: string;
  hideLabel?: boolean;
  containerClassName?: string;
};

export function InputField({
  label,
  error,
  hint,
  hideLabel,
  containerClassName,
  className,
  id,
  ...props
}: InputFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  return (
    <FieldShell
      id={inputId}
      label={label}
      error={error}
      hint={hint}
      hideLabel={hideLabel}
      className={containerClassName}
    >
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, error, hint)}
        className={cn(controlClass, 'h-10', borderClass(Boolean(error)), className)}
        {...props}
      />
    </FieldShell>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  error?: string;
  hideLabel?: boolean;
  containerClassName?: string;
};

export function SelectField({
  label,
  error,
  hideLabel,
  containerClassName,
  className,
  id,
  children,
  ...props
}: SelectFieldProps) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  return (
    <FieldShell id={selectId} label={label} error={error} hideLabel={hideLabel} className={containerClassName}>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(selectId, error)}
        className={cn(controlClass, 'h-10 pr-8', borderClass(Boolean(error)), className)}
        {...props}
      >
        {children}
      </select>
    </FieldShell>
  );
}
