import { useEffect, useRef, useState, type ReactNode } from 'react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { PageSpinner } from '@/components/ui/spinner';
import { useDocumentTitle } from '@/lib/use-document-title';
import { isChunkLoadError, reloadForNewVersion } from '@/lib/new-version-reload';

const reloadPage = () => window.location.reload();

const projectsLinkClass = cn(
  'inline-flex h-10 items-center justify-center rounded-lg border border-gray-300 bg-white px-4 text-sm font-medium text-gray-800',
  'hover:bg-gray-50 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100 dark:hover:bg-gray-800',
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500',
);

/**
 * A page that stands in for one that cannot be shown: its heading takes the focus, so a screen reader
 * announces it and the keyboard starts from it, as after any change of page.
 */
export function StatusPage({ title, children, actions }: { title: string; children: ReactNode; actions: ReactNode }) {
  useDocumentTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [title]);
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1
        ref={heading}
        tabIndex={-1}
        className="text-2xl font-semibold tracking-tight text-gray-900 outline-none dark:text-gray-100"
      >
        {title}
      </h1>
      <div className="mt-2 text-gray-600 dark:text-gray-400">{children}</div>
      <div className="mt-6 flex flex-wrap items-center justify-center gap-3">{actions}</div>
    </div>
  );
}

export function ProjectsLink() {
  return (
    <Link to="/projects" className={projectsLinkClass}>
      Go to your projects
    </Link>
  );
}

const reloadOrGoToProjects = (
  <>
    <Button onClick={reloadPage}>Reload</Button>
    <ProjectsLink />
  </>
);

/**
 * A route's `errorElement`: what the person sees when a page's code cannot be loaded, a loader fails or a
 * page throws while rendering — never React Router's page for developers, never a stack trace. Code that
 * cannot be loaded most often means a new version was deployed while the tab was open: the page reloads
 * once to get it. `insideLayout`: shown under the app's header, inside its <main>.
 */
export function RouteError({ insideLayout = false }: { insideLayout?: boolean }) {
  const error = useRouteError();
  const staleCode = isChunkLoadError(error);
  // The error for which the reload was refused: the tab reloaded for a new version a moment ago.
  const [reloadRefusedFor, setReloadRefusedFor] = useState<unknown>(null);

  useEffect(() => {
    console.error('TaskFlow could not show this page', error);
    if (staleCode && !reloadForNewVersion()) setReloadRefusedFor(error);
  }, [error, staleCode]);

  const page = staleCode ? (
    reloadRefusedFor === error ? (
      <StatusPage title="TaskFlow was updated" actions={reloadOrGoToProjects}>
        <p>TaskFlow was updated — reload to get the new version.</p>
        <p className="mt-1 text-sm">If this keeps happening, check your internet connection.</p>
      </StatusPage>
    ) : (
      <PageSpinner label="Loading the new version of TaskFlow" />
    )
  ) : isRouteErrorResponse(error) && error.status === 404 ? (
    <StatusPage title="Page not found" actions={<ProjectsLink />}>
      <p>This page does not exist.</p>
    </StatusPage>
  ) : (
    <StatusPage title="Something went wrong" actions={reloadOrGoToProjects}>
      <p>TaskFlow could not show this page. Reloading usually fixes it; if not, start again from your projects.</p>
    </StatusPage>
  );

  return insideLayout ? page : <main>{page}</main>;
}
