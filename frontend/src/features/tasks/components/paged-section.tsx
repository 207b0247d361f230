import type { ReactNode } from 'react';
import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { LoadError } from '@/components/ui/load-error';
import { SectionSpinner } from '@/components/ui/spinner';

type Props = {
  id: string;
  heading: string;
  /** What is loading or could not load: "comments". */
  what: string;
  query: Pick<
    UseInfiniteQueryResult,
    'isPending' | 'isError' | 'isSuccess' | 'error' | 'refetch' | 'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage'
  >;
  isEmpty: boolean;
  empty: string;
  moreLabel: string;
  children: ReactNode;
  /** After the list and its "load more": a form to add to it. */
  footer?: ReactNode;
};

/** A section of the drawer listing pages of something: its loading, error and empty states and "load more". */
export function PagedSection({ id, heading, what, query, isEmpty, empty, moreLabel, children, footer }: Props) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h3 id={id} className="text-base font-semibold">
        {heading}
      </h3>
      {query.isPending && <SectionSpinner label={`Loading ${what}`} />}
      {query.isError && <LoadError what={`the ${what}`} error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && isEmpty && <p className="text-sm text-gray-600 dark:text-gray-400">{empty}</p>}
      {children}
      {query.hasNextPage && (
        <Button
          variant="secondary"
          size="sm"
          className="self-start"
          loading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {moreLabel}
        </Button>
      )}
      {footer}
    </section>
  );
}
