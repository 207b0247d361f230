import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadError } from '@/components/ui/load-error';
import { InputField } from '@/components/ui/field';
import { SectionSpinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/api-error';
import { useCalendarFeed } from '../api/get-calendar-feed';
import { useResetCalendarFeed } from '../api/reset-calendar-feed';

type CopyState = 'idle' | 'copied' | 'select';

const RESET_QUESTION =
  'Reset your calendar link?\n\nThe old link stops working: calendars subscribed with it stop updating until you subscribe again with the new one.';

/** The private iCalendar address of the user's tasks with a due date, to copy or to replace. */
export function CalendarFeedSettings() {
  const feed = useCalendarFeed();
  const showToast = useToast();
  const headingId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const reset = useResetCalendarFeed({
    mutationConfig: {
      onSuccess: () => {
        setCopyState('idle');
        showToast({
          tone: 'success',
          title: 'Calendar link reset',
          body: 'The old link no longer works. Subscribe again with the new one.',
        });
      },
      onError: (error) => showToast({ tone: 'error', title: 'Could not reset the link', body: errorMessage(error) }),
    },
  });

  const selectLink = () => inputRef.current?.select();

  const copy = async (url: string) => {
    try {
      // Absent outside secure contexts, and refused without permission: then the person copies it.
      await navigator.clipboard.writeText(url);
      setCopyState('copied');
    } catch {
      inputRef.current?.focus();
      selectLink();
      setCopyState('select');
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-semibold">
        Calendar feed
      </h2>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
        Your tasks with a due date, in the calendar you already use. It updates by itself.
      </p>
      <Card className="mt-3 flex flex-col gap-3 p-4">
        {feed.isPending && <SectionSpinner label="Loading your calendar link" />}
        {feed.isError && !feed.data && (
          <LoadError what="your calendar link" error={feed.error} onRetry={() => void feed.refetch()} />
        )}
        {feed.data && (
          <>
            <div>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
                <InputField
                  ref={inputRef}
                  label="Private calendar link"
                  readOnly
                  value={feed.data.url}
                  onFocus={selectLink}
                  className="font-mono text-xs"
                  containerClassName="min-w-0 flex-1"
                />
                <Button variant="secondary" onClick={() => void copy(feed.data.url)}>
                  Copy
                </Button>
              </div>
              {/* Always rendered, so screen readers follow it before it first speaks; no room taken while empty. */}
              <p role="status" className="mt-2 text-sm text-gray-700 empty:mt-0 dark:text-gray-300">
                {copyState === 'copied' && 'Link copied.'}
                {copyState === 'select' && 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.'}
              </p>
            </div>
            <p className="text-sm text-gray-600 dark:text-gray-400">
              To subscribe, paste the link in Google Calendar (Other calendars → From URL) or in Outlook (Add calendar →
              Subscribe from web). Anyone with the link can see your tasks, so keep it to yourself.
            </p>
            <div>
              <Button
                variant="danger"
                className="-ml-4"
                loading={reset.isPending}
                onClick={() => {
                  if (window.confirm(RESET_QUESTION)) reset.mutate();
                }}
              >
                Reset link
              </Button>
            </div>
          </>
        )}
      </Card>
    </section>
  );
}
