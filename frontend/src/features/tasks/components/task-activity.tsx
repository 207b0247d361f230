import type { Member } from '@taskflow/contracts/api';
import { actorName, describeActivity } from '../activity-text';
import { useActivity } from '../api/get-activity';
import { formatDateTimeIn } from '../zoned-time';
import { PagedSection } from './paged-section';

type Props = { taskId: string; members: readonly Member[]; timeZone: string };

/** Who changed what and when, newest first: old → new in words, dates in the person's time zone. */
export function TaskActivity({ taskId, members, timeZone }: Props) {
  const activity = useActivity(taskId);
  const entries = activity.data?.pages.flatMap((page) => page.items) ?? [];
  const context = { members, timeZone };

  return (
    <PagedSection
      id="task-activity-heading"
      heading="Activity"
      what="activity"
      query={activity}
      isEmpty={entries.length === 0}
      empty="No activity recorded yet."
      moreLabel="Load older activity"
    >
      {entries.length > 0 && (
        <ol aria-label="Activity" className="flex flex-col gap-2 border-l-2 border-gray-200 pl-3 dark:border-gray-800">
          {entries.map((entry) => {
            const [first, ...more] = describeActivity(entry, context);
            return (
              <li key={entry.id} className="text-sm text-gray-800 dark:text-gray-200">
                <span className="font-semibold">{actorName(entry)}</span> {first}
                {more.length > 0 && (
                  <ul className="mt-0.5 list-disc pl-5">
                    {more.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
                <time dateTime={entry.at} className="block text-xs text-gray-600 dark:text-gray-400">
                  {formatDateTimeIn(entry.at, timeZone)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
    </PagedSection>
  );
}
