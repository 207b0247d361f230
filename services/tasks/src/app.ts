import type { Express } from 'express';
import { requireAuth, type TokenVerifier } from '@taskflow/service-kit/auth';
import type { ReadinessCheck } from '@taskflow/service-kit/health';
import { combineRouters, createHttpApp, finishHttpApp } from '@taskflow/service-kit/http';
import type { Logger } from '@taskflow/service-kit/logger';
import type { Metrics } from '@taskflow/service-kit/metrics';
import type { TasksDb, WithStatement, WithTransaction } from './data/database';
import { createActivityQueries } from './domain/activity.service';
import { createCalendarService } from './domain/calendar.service';
import { createCommentsService } from './domain/comment.service';
import { createMembersService } from './domain/member.service';
import { createProjectsService } from './domain/project.service';
import { createTaskQueries } from './domain/task.query';
import { createTasksService } from './domain/task.service';
import { membersRoutes } from './http/member.routes';
import { calendarRoutes } from './http/calendar.routes';
import { commentsRoutes } from './http/comment.routes';
import { buildOpenApiDocument } from './http/openapi';
import { projectsRoutes } from './http/project.routes';
import { tasksRoutes } from './http/task.routes';

export interface AppDeps {
  db: TasksDb;
  withTransaction: WithTransaction;
  withStatement: WithStatement;
  verifier: TokenVerifier;
  logger: Logger;
  metrics: Metrics;
  checks: Record<string, ReadinessCheck>;
  isShuttingDown?: () => boolean;
  /** Links in the calendar feed, and the feed's own address. */
  appUrl: string;
  /** The secret calendar feed tokens are derived with. */
  calendarSecret: Buffer;
  now: () => Date;
  /** Told when a request plans a reminder: the scheduler wakes for it if it is due before the next round. */
  remindersPlanned?: (at: Date) => void;
}

/** The HTTP app, without listen(): startTasksService serves it (on PORT, or port 0 in tests). */
export function createApp(deps: AppDeps): Express {
  const app = createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: deps.checks,
    isShuttingDown: deps.isShuttingDown,
    openApi: { path: '/api/tasks/openapi.json', document: buildOpenApiDocument() },
    hsts: deps.appUrl.startsWith('https:'),
  });

  const data = { db: deps.db, withTransaction: deps.withTransaction };
  const auth = requireAuth(deps.verifier);
  app.use(['/api/projects', '/api/tasks', '/api/comments'], auth);
  // Per route, not per prefix: the feed itself is fetched by calendar apps without a token.
  const calendar = createCalendarService({ db: deps.db, secret: deps.calendarSecret, now: deps.now });
  app.use(
    combineRouters(
      projectsRoutes(createProjectsService(data)),
      membersRoutes(createMembersService({ ...data, now: deps.now })),
      tasksRoutes(
        createTasksService({
          ...data,
          withStatement: deps.withStatement,
          now: deps.now,
          remindersPlanned: deps.remindersPlanned,
        }),
        createTaskQueries(data),
        createActivityQueries(data),
      ),
      commentsRoutes(createCommentsService({ ...data, now: deps.now })),
      calendarRoutes(calendar, auth, deps.appUrl),
    ),
  );

  finishHttpApp(app, deps.logger);
  return app;
}
