import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-gray-600 dark:text-gray-400">The page you are looking for does not exist.</p>
      <Link
        to="/projects"
        className="mt-4 inline-block text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400"
      >
        Go to your projects
      </Link>
    </main>
  );
}
