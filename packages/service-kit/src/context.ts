import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and every event caused by one request or one message carries. */
export interface RequestContext {
  requestId: string;
  userId?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentContext = (): RequestContext | undefined => requestContext.getStore();

export interface AuthContext {
  userId: string;
  sessionId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by requireAuth once the bearer token is verified. */
      auth?: AuthContext;
    }
  }
}
