import { ProjectsLink, StatusPage } from '../route-error';

/** Any address the app does not know; the same page as a 404 that reaches a route's error element. */
export function NotFoundRoute() {
  return (
    <main>
      <StatusPage title="Page not found" actions={<ProjectsLink />}>
        <p>This page does not exist.</p>
      </StatusPage>
    </main>
  );
}
