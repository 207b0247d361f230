import { useId, useState, type ButtonHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { InputField, SelectField } from '@/components/ui/field';
import {
  customReminder,
  MAX_REMINDERS,
  REMINDER_PRESETS,
  REMINDER_UNITS,
  reminderLabel,
  sortReminders,
  type ReminderUnit,
} from '../reminders';

type Props = { value: number[]; onChange: (reminders: number[]) => void; error?: string; className?: string };

const chip = cn(
  'inline-flex h-8 items-center gap-1 rounded-full border px-3 text-sm font-medium transition-colors',
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500',
  'disabled:cursor-not-allowed disabled:opacity-50',
);

type ToggleChipProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  pressed: boolean;
  /** Shows and hides a part of the form (aria-expanded) rather than choosing something (aria-pressed). */
  expands?: boolean;
  children: ReactNode;
};

function ToggleChip({ pressed, expands = false, children, ...props }: ToggleChipProps) {
  return (
    <button
      type="button"
      aria-pressed={expands ? undefined : pressed}
      aria-expanded={expands ? pressed : undefined}
      className={cn(
        chip,
        pressed && !expands && 'border-indigo-600 bg-indigo-600 text-white',
        pressed &&
          expands &&
          'border-indigo-600 bg-indigo-50 text-indigo-800 dark:border-indigo-400 dark:bg-indigo-950 dark:text-indigo-100',
        !pressed &&
          'border-gray-300 bg-white text-gray-800 hover:bg-gray-50 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100 dark:hover:bg-gray-800',
      )}
      {...props}
    >
      {children}
    </button>
  );
}

/** When to be reminded of a task, in minutes before it is due: presets, a custom time, at most five. */
export function ReminderPicker({ value, onChange, error, className }: Props) {
  const chosen = sortReminders(value);
  const full = chosen.length >= MAX_REMINDERS;
  const [customOpen, setCustomOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<ReminderUnit>('minutes');
  const [customError, setCustomError] = useState<string>();
  const customId = useId();
  const customErrorId = useId();
  const hintId = useId();

  const toggle = (minutes: number) =>
    onChange(chosen.includes(minutes) ? chosen.filter((m) => m !== minutes) : sortReminders([...chosen, minutes]));

  const addCustom = () => {
    const result = customReminder(amount, unit);
    if ('error' in result) return setCustomError(result.error);
    setCustomError(undefined);
    setAmount('');
    if (!chosen.includes(result.minutes)) onChange(sortReminders([...chosen, result.minutes]));
  };

  // Enter in the amount adds the reminder; it must not submit the task form around it.
  const onAmountKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (!full) addCustom();
  };

  return (
    <fieldset className={cn('flex min-w-0 flex-col gap-2', className)} aria-describedby={hintId}>
      <legend className="mb-1.5 text-sm font-medium text-gray-700 dark:text-gray-300">Reminders</legend>
      <div className="flex flex-wrap gap-2">
        {REMINDER_PRESETS.map(({ minutes, label }) => {
          const pressed = chosen.includes(minutes);
          return (
            <ToggleChip key={minutes} pressed={pressed} disabled={!pressed && full} onClick={() => toggle(minutes)}>
              {label}
            </ToggleChip>
          );
        })}
        <ToggleChip
          pressed={customOpen}
          expands
          aria-controls={customOpen ? customId : undefined}
          onClick={() => setCustomOpen((open) => !open)}
        >
          Custom…
        </ToggleChip>
      </div>

      {customOpen && (
        <div id={customId}>
          {/* The error goes under the whole row, so the button stays level with the fields. */}
          <div className="flex flex-wrap items-end gap-2">
            <InputField
              label="Remind me"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              onKeyDown={onAmountKeyDown}
              aria-invalid={customError ? true : undefined}
              aria-describedby={customError ? customErrorId : undefined}
              containerClassName="w-24"
            />
            <SelectField
              label="Unit"
              value={unit}
              onChange={(e) => setUnit(e.target.value as ReminderUnit)}
              containerClassName="w-40"
            >
              {REMINDER_UNITS.map(({ unit: option }) => (
                <option key={option} value={option}>
                  {option} before
                </option>
              ))}
            </SelectField>
            <Button variant="secondary" disabled={full} onClick={addCustom}>
              Add reminder
            </Button>
          </div>
          {customError && (
            <p id={customErrorId} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
              {customError}
            </p>
          )}
        </div>
      )}

      {chosen.length > 0 ? (
        <ul aria-label="Chosen reminders" className="flex flex-wrap gap-2">
          {chosen.map((minutes) => (
            <li
              key={minutes}
              className="inline-flex h-7 items-center gap-1 rounded-full bg-indigo-50 pr-1 pl-3 text-sm text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
            >
              {reminderLabel(minutes)}
              <button
                type="button"
                aria-label={`Remove reminder ${reminderLabel(minutes)}`}
                onClick={() => onChange(chosen.filter((m) => m !== minutes))}
                className="inline-flex size-6 items-center justify-center rounded-full hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-indigo-900"
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-gray-600 dark:text-gray-400">No reminders.</p>
      )}
      <p
        id={hintId}
        className={cn('text-xs', error ? 'text-red-600 dark:text-red-400' : 'text-gray-600 dark:text-gray-400')}
      >
        {error ??
          (full
            ? `${MAX_REMINDERS} reminders is the most a task can have.`
            : `Up to ${MAX_REMINDERS}. A reminder whose time has already passed is skipped.`)}
      </p>
    </fieldset>
  );
}
