import { AuthResponse, type User } from '@taskflow/contracts/api';
import { ApiError, UnexpectedResponseError } from './api-error';
import { readBody } from './api-response';

/**
 * The access token lives only in memory (never in storage); the httpOnly refresh cookie
 * restores it after a reload. This module owns that token and the refresh schedule.
 */

export type Session = { accessToken: string; user: User };
type Listener = (session: Session | null) => void;

const REFRESH_MARGIN_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;

let current: Session | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inFlightRefresh: Promise<Session | null> | null = null;
const listeners = new Set<Listener>();

export function getAccessToken(): string | null {
  return current?.accessToken ?? null;
}

export function getSession(): Session | null {
  return current;
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(): void {
  for (const listener of listeners) listener(current);
}

/** Store the answer of register/login/refresh and plan the next silent refresh. */
export function startSession(response: AuthResponse): Session {
  current = { accessToken: response.accessToken, user: response.user };
  clearTimeout(refreshTimer);
  const lifetimeMs = response.expiresIn * 1000;
  const delay = Math.max(MIN_REFRESH_DELAY_MS, lifetimeMs - REFRESH_MARGIN_MS);
  refreshTimer = setTimeout(() => void refreshSession(), delay);
  emit();
  return current;
}

export function endSession(): void {
  clearTimeout(refreshTimer);
  if (current === null) return;
  current = null;
  emit();
}

export function updateSessionUser(user: User): void {
  if (!current) return;
  current = { ...current, user };
  emit();
}

/**
 * Exchange the refresh cookie for a new access token. Concurrent callers share one request:
 * the cookie rotates on every use, and a second request with the old cookie would look like
 * token reuse and revoke the whole session.
 */
export function refreshSession(): Promise<Session | null> {
  inFlightRefresh ??= requestRefresh().finally(() => {
    inFlightRefresh = null;
  });
  return inFlightRefresh;
}

let restoring: Promise<Session | null> | null = null;

/**
 * The session the refresh cookie restores when the page loads: asked for once. main.tsx starts it
 * before React's first render, so the signed-in pages' requests do not also wait for that render.
 */
export function restoreSession(): Promise<Session | null> {
  restoring ??= refreshSession();
  return restoring;
}

async function requestRefresh(): Promise<Session | null> {
  try {
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      if (response.status === 401 || response.status === 403) endSession();
      else throw new ApiError(response.status, null);
      return null;
    }
    return startSession(await readBody(response, AuthResponse, 'POST /api/auth/refresh'));
  } catch (error) {
    // A network blip or a server fault must not log the user out; the next call retries.
    if (error instanceof ApiError || error instanceof UnexpectedResponseError || error instanceof TypeError) {
      return current;
    }
    throw error;
  }
}
