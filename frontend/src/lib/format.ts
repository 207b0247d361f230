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

/** A yyyy-mm-dd date input value → the end of that local day as ISO, so "due on" means the whole day. */
export function dateInputToIso(value: string): string | null {
  if (!value) return null;
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return null;
  return new Date(year, month - 1, day, 23, 59, 0).toISOString();
}

export function isOverdue(iso: string | null, done: boolean): boolean {
  return !done && iso !== null && new Date(iso).getTime() < Date.now();
}
