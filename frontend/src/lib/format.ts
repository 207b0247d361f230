const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "5 minutes ago", "yesterday", "just now". */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dateWithYearFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });

/** "Mar 4", or "Mar 4, 2027" outside the current year. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return date.getFullYear() === new Date().getFullYear() ? dateFormat.format(date) : dateWithYearFormat.format(date);
}

/** A datetime-local input value (yyyy-mm-ddThh:mm, the person's local time) → ISO, or null when empty or invalid. */
export function dateTimeInputToIso(value: string): string | null {
  if (!value) return null;
  // A date-time without an offset is read as local time, which is what the input shows.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isOverdue(iso: string | null, done: boolean): boolean {
  return !done && iso !== null && new Date(iso).getTime() < Date.now();
}
