import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api-error';
import { useEndSessions, useSessions } from '../api/sessions';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Where the account is signed in. "Sign out" ends one other session, "Sign out everywhere else"
 * all of them but this one; their open pages lose access within seconds. This session signs out
 * with Log out in the header.
 */
export function SessionsList() {
  const sessions = useSessions();
  const end = useEndSessions();
  const others = sessions.data?.items.filter((s) => !s.current) ?? [];

  return (
    <section aria-labelledby="sessions-heading" className="flex flex-col gap-4">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Where you are signed in
      </h2>
      {sessions.isError && <Alert>{errorMessage(sessions.error)}</Alert>}
      {end.isError && <Alert>{errorMessage(end.error)}</Alert>}
      <ul className="flex flex-col divide-y divide-gray-200 rounded-lg border border-gray-200 dark:divide-gray-800 dark:border-gray-800">
        {sessions.data?.items.map((session) => (
          <li key={session.id} className="flex items-center justify-between gap-4 px-4 py-3">
            <div className="min-w-0">
              <p className="font-medium">
                {session.device}
                {session.current && (
                  <span className="ml-2 rounded bg-indigo-100 px-1.5 py-0.5 text-xs text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
                    This browser
                  </span>
                )}
              </p>
              <p className="text-xs text-gray-600 dark:text-gray-400">
                Last used {when(session.lastUsedAt)} · signed in {when(session.createdAt)}
              </p>
            </div>
            {!session.current && (
              <Button
                variant="secondary"
                size="sm"
                loading={end.isPending && end.variables === session.id}
                onClick={() => end.mutate(session.id)}
                aria-label={`Sign out ${session.device}, last used ${when(session.lastUsedAt)}`}
              >
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <Button
          variant="destructive"
          className="self-start"
          loading={end.isPending && end.variables === 'others'}
          onClick={() => end.mutate('others')}
        >
          Sign out everywhere else
        </Button>
      )}
    </section>
  );
}
