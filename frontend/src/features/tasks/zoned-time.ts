import { DateTime } from 'luxon';

/**
 * Due times as the person reads and writes them: in the time zone of their profile, whatever the
 * browser's clock says, so a task due "Friday 17:00" is that for them on any machine.
 */

const validZone = (timeZone: string) => (DateTime.local({ zone: timeZone }).isValid ? timeZone : 'local');

/** "Tue, 3 Mar 2026, 15:00" (in the browser's language) as the time is in `timeZone`. */
export function formatDateTimeIn(iso: string, timeZone: string): string {
  const time = DateTime.fromISO(iso, { zone: validZone(timeZone) });
  if (!time.isValid) return iso;
  return time.toLocaleString({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** An instant as a datetime-local input shows it in `timeZone` (yyyy-MM-ddTHH:mm), or '' for none. */
export function toZonedInput(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const time = DateTime.fromISO(iso, { zone: validZone(timeZone) });
  return time.isValid ? time.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/** A datetime-local input's value, read as a time in `timeZone` → ISO; null when empty or not a time. */
export function fromZonedInput(value: string, timeZone: string): string | null {
  if (!value) return null;
  const time = DateTime.fromISO(value, { zone: validZone(timeZone) });
  return time.isValid ? time.toUTC().toISO() : null;
}
