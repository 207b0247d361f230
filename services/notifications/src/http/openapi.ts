import { Notification, NotificationPreferences, UnreadCount } from '@taskflow/contracts/api';
import { ListNotificationsQuery } from './notification.routes';
import type { ClientToServerEvents, ServerToClientEvents } from '@taskflow/contracts/socket';
import {
  body,
  commonProblems,
  createOpenApiDocument,
  jsonSchema,
  list,
  ok,
  op,
  pathId,
  queryParams,
  ref,
  type OpenApiObject,
} from '@taskflow/service-kit/openapi';

// Typed by the socket event maps, so adding, renaming or removing an event fails to compile until
// it is described here too.
const serverEvents: Record<keyof ServerToClientEvents, string> = {
  notification: '`Notification` — a new notification for the caller (the bell)',
  unread_count: '`{ count }` — the caller’s unread count, on connect and whenever it changes',
  task_changed:
    '`{ projectId, taskId, type, version }` — a task of a subscribed project changed (one push per change). `type` is the event: `task.created`, `task.updated` or `task.deleted` (refetch the task if `version` is newer), `task.commented` or `task.comment_deleted` (a comment was written or deleted; `version` is the task’s current one, unchanged — refetch its comments and activity)',
};
const clientEvents: Record<keyof ClientToServerEvents, string> = {
  subscribe_project:
    '`{ projectId }`, ack `{ ok: true }` or `{ ok: false, error }` — receive `task_changed` for a project; `error` is `forbidden` unless the caller is a member, `invalid_payload` when the payload is not `{ projectId: <uuid> }`',
  unsubscribe_project: '`{ projectId }`, ack `{ ok: true }` (or `invalid_payload`) — stop receiving them',
  reauth:
    '`{ token }`, ack `{ ok: true }` or `{ ok: false, error: "unauthorized" }` — a fresh access token of the same user; without one the socket is disconnected when the token it connected with expires, and at once when its session is ended (sign-out, password change or reset)',
};
const listParameters = queryParams(ListNotificationsQuery).map((param) =>
  param.name === 'unread'
    ? {
        ...param,
        description:
          '`true`: only unread notifications (newest first, the same cursor); `false` or absent: all of them',
        schema: { type: 'string', enum: ['true', 'false'] },
      }
    : param,
);

const bullets = (events: Record<string, string>) =>
  Object.entries(events)
    .map(([name, text]) => `- \`${name}\`: ${text}`)
    .join('\n');

const description = `The caller’s notifications (the bell), over HTTP and in real time.

## Real time (Socket.IO)

Connect to the gateway (path \`/socket.io/\`) with \`auth: { token: <accessToken> }\`; without a valid
token the connection is refused with \`connect_error\` "unauthorized". Each socket joins its user's room.

Server → client:

${bullets(serverEvents)}

Client → server:

${bullets(clientEvents)}`;

/** The OpenAPI 3.1 document of this service, generated from the zod schemas that validate requests. */
export function buildOpenApiDocument(): OpenApiObject {
  return createOpenApiDocument({
    title: 'TaskFlow notifications service',
    version: '1.0.0',
    description,
    schemas: {
      Notification: jsonSchema(Notification, 'output'),
      UnreadCount: jsonSchema(UnreadCount, 'output'),
      NotificationPreferences: jsonSchema(NotificationPreferences, 'input'),
    },
    paths: {
      '/api/notifications': {
        get: op(
          'listNotifications',
          'The caller’s notifications, newest first',
          ok(200, 'Notifications', list('Notification')),
          {
            description:
              'Pages with `limit` (1–100) and `cursor` (the `nextCursor` of the previous page). With `unread=true` it lists only the unread ones: a notification read between two pages simply does not come again.',
            parameters: listParameters,
            problems: { 400: commonProblems[400], 401: commonProblems[401] },
          },
        ),
      },
      '/api/notifications/unread-count': {
        get: op(
          'getUnreadCount',
          'How many of the caller’s notifications are unread',
          ok(200, 'Unread count', ref('UnreadCount')),
          {
            problems: { 401: commonProblems[401] },
          },
        ),
      },
      '/api/notifications/{id}/read': {
        post: op('markNotificationRead', 'Mark one notification read', ok(204, 'Read'), {
          parameters: [pathId('id', { type: 'string', description: 'The `id` of a Notification' })],
          problems: { 401: commonProblems[401], 404: 'Unknown id, or another user’s notification' },
        }),
      },
      '/api/notifications/preferences': {
        get: op(
          'getNotificationPreferences',
          'Which notifications the caller gets in the bell and by email',
          ok(200, 'Preferences (the defaults until the caller saves their own)', ref('NotificationPreferences')),
          { problems: { 401: commonProblems[401] } },
        ),
        put: op(
          'replaceNotificationPreferences',
          'Replace the caller’s notification preferences',
          ok(200, 'The saved preferences', ref('NotificationPreferences')),
          {
            description:
              'Takes the whole object: every kind under both `email` and `inApp`, booleans only. `inApp.overdueDigest` is kept for symmetry and has no effect (the digest is email only). Being added to a project is always notified on both channels.',
            requestBody: body('NotificationPreferences'),
            problems: { 400: commonProblems[400], 401: commonProblems[401] },
          },
        ),
      },
      '/api/notifications/read-all': {
        post: op('markAllNotificationsRead', 'Mark all of the caller’s notifications read', ok(204, 'All read'), {
          problems: { 401: commonProblems[401] },
        }),
      },
    },
  });
}
