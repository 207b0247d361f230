import { MAX_REMINDER_MINUTES } from '@taskflow/contracts/api';

/** Reminders are minutes before the due time; the contracts refuse more than five per task. */
export const MAX_REMINDERS = 5;

export const REMINDER_PRESETS: ReadonlyArray<{ minutes: number; label: string }> = [
  { minutes: 1440, label: '1 day before' },
  { minutes: 60, label: '1 hour before' },
  { minutes: 0, label: 'At due time' },
];

export type ReminderUnit = 'minutes' | 'hours' | 'days';

export const REMINDER_UNITS: ReadonlyArray<{ unit: ReminderUnit; minutes: number }> = [
  { unit: 'minutes', minutes: 1 },
  { unit: 'hours', minutes: 60 },
  { unit: 'days', minutes: 1440 },
];

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "At due time", "2 days before", "90 minutes before": in the largest unit that divides it. */
export function reminderLabel(minutes: number): string {
  if (minutes === 0) return 'At due time';
  if (minutes % 1440 === 0) return `${plural(minutes / 1440, 'day')} before`;
  if (minutes % 60 === 0) return `${plural(minutes / 60, 'hour')} before`;
  return `${plural(minutes, 'minute')} before`;
}

/** Earliest reminder first (the largest offset), without repeats: the order the server stores. */
export function sortReminders(reminders: readonly number[]): number[] {
  return [...new Set(reminders)].sort((a, b) => b - a);
}

/** A custom reminder typed as an amount and a unit, in minutes; or why it cannot be one. */
export function customReminder(amount: string, unit: ReminderUnit): { minutes: number } | { error: string } {
  const value = Number(amount);
  if (amount.trim() === '' || !Number.isInteger(value) || value < 0) return { error: 'Enter a whole number.' };
  const minutes = value * (REMINDER_UNITS.find((u) => u.unit === unit)?.minutes ?? 1);
  if (minutes > MAX_REMINDER_MINUTES) return { error: `At most ${MAX_REMINDER_MINUTES / 1440} days before.` };
  return { minutes };
}
