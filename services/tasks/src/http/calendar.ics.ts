import ical, { ICalAlarmType, ICalEventTransparency } from 'ical-generator';
import { TaskStatus } from '@taskflow/contracts/api';
import type { CalendarFeedContent } from '../domain/calendar.service';

/** How often subscribing calendars are asked to refetch (they may poll less often: Google does). */
const REFRESH_SECONDS = 60 * 60;

/**
 * The feed as iCalendar (RFC 5545): one VEVENT per task at its due time — UID stable per task,
 * SEQUENCE its version, so a client updates the event it already has — with a VALARM per
 * reminder of an open task. The event is transparent: a task due at 15:00 does not make its
 * assignee busy then.
 */
export function renderCalendar(feed: CalendarFeedContent, appUrl: string): string {
  const calendar = ical({
    name: feed.ownerName ? `TaskFlow — ${feed.ownerName}` : 'TaskFlow',
    description: 'Tasks assigned to you, at their due time',
    prodId: { company: 'TaskFlow', product: 'tasks', language: 'EN' },
    ttl: REFRESH_SECONDS,
  });
  for (const task of feed.tasks) {
    const link = `${appUrl}/projects/${task.projectId}/tasks/${task.id}`;
    const event = calendar.createEvent({
      id: `task-${task.id}@taskflow`,
      sequence: task.version,
      start: task.dueAt,
      stamp: task.updatedAt,
      lastModified: task.updatedAt,
      summary: task.title,
      description: [`Project: ${task.projectName}`, task.description, link].filter(Boolean).join('\n\n'),
      url: link,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
    if (task.status === TaskStatus.enum.done) continue;
    for (const minutes of task.reminders) {
      event.createAlarm({ type: ICalAlarmType.display, trigger: minutes * 60, description: task.title });
    }
  }
  return calendar.toString();
}
