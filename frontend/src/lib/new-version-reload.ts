/**
 * Code that could not be loaded. After a deploy the old hashed `/assets/*.js` of an open tab are gone
 * (nginx answers 404) and the browser rejects the import with its own words: Chrome "Failed to fetch
 * dynamically imported module", Safari "Importing a module script failed", Firefox "error loading
 * dynamically imported module"; Vite's own preload of a chunk's CSS says "Unable to preload CSS".
 * A dropped network reads the same.
 */
const CHUNK_LOAD_FAILURES =
  /failed to fetch dynamically imported module|importing a module script failed|error loading dynamically imported module|unable to preload css/i;

export function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && CHUNK_LOAD_FAILURES.test(error.message);
}

/** When this tab last reloaded for a new version (ms since the epoch); it survives the reload. */
export const RELOADED_AT_KEY = 'taskflow:reloaded-for-new-version-at';
/**
 * A chunk still missing this soon after such a reload is really missing (a broken deploy, the network
 * still down): reloading again would only loop, so the page says so instead. Long enough for a slow
 * reload and the failing import that follows; after it, a later deploy reloads the tab again.
 */
export const RELOAD_GUARD_MS = 60_000;

let reloading = false;

/**
 * Reloads the page to pick up the new version, once: true if a reload is under way, false if the tab
 * already did so within the guard window (or cannot remember that it did, sessionStorage being off).
 * Safe to call again while the reload is under way.
 */
export function reloadForNewVersion(): boolean {
  if (reloading) return true;
  try {
    const reloadedAt = Number(window.sessionStorage.getItem(RELOADED_AT_KEY));
    if (Date.now() - reloadedAt < RELOAD_GUARD_MS) return false;
    window.sessionStorage.setItem(RELOADED_AT_KEY, String(Date.now()));
  } catch {
    return false;
  }
  reloading = true;
  window.location.reload();
  return true;
}

/**
 * Vite's `vite:preloadError`: a dynamic import of the build (or the CSS it preloads) failed, including the
 * ones no route sees, such as socket.io-client's. Reload as Vite's docs suggest, within the same guard.
 * The event is not cancelled: `preventDefault()` would make the import resolve to undefined, and a route's
 * `lazy` would then fail with a confusing "cannot read properties of undefined" rather than the load
 * error, which the route's error element recognises (it shows that the reload is under way, or, when the
 * guard refused it, that TaskFlow was updated). Returns what removes the listener.
 */
export function reloadOnPreloadError(): () => void {
  const onPreloadError = (event: VitePreloadErrorEvent) => {
    console.error('Could not load part of TaskFlow', event.payload);
    reloadForNewVersion();
  };
  window.addEventListener('vite:preloadError', onPreloadError);
  return () => window.removeEventListener('vite:preloadError', onPreloadError);
}
