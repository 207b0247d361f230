import type { InputHTMLAttributes } from 'react';
import { cn } from './cn';

type SwitchProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'role'>;

/**
 * An on/off switch: a real checkbox (so it is focusable, clickable and announced as a switch with
 * its state) drawn as a track and a knob. Name it with aria-label or a wrapping <label>.
 */
export function Switch({ className, ...props }: SwitchProps) {
  return (
    <input
      type="checkbox"
      role="switch"
      className={cn(
        'relative h-6 w-10 shrink-0 cursor-pointer appearance-none rounded-full bg-gray-300 transition-colors',
        'before:absolute before:top-0.5 before:left-0.5 before:size-5 before:rounded-full before:bg-white before:shadow-sm before:transition-transform',
        'checked:bg-indigo-600 checked:before:translate-x-4',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500',
        'disabled:cursor-not-allowed disabled:opacity-50',
        'dark:bg-gray-600 dark:checked:bg-indigo-500',
        className,
      )}
      {...props}
    />
  );
}
