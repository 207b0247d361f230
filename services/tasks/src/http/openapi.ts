import {
  ActivityEntry,
  AddMemberBody,
  CalendarFeed,
  ChangeRoleBody,
  Comment,
  CreateCommentBody,
  CreateProjectBody,
  CreateTaskBody,
  cursorQuery,
  Member,
  MyTaskFilters,
  Project,
  Task,
  TaskFilters,
  UpdateProjectBody,
  UpdateTaskBody,
} from '@taskflow/contracts/api';
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

/** Query keys that take several values as `a,b`. */
const commaSeparated = ['status', 'priority'];

/** A member may see the project but lacks the role (403); the owner's membership is fixed (409). */
const rightsProblems = (forbidden: string, conflict?: string) => {
  const problems: Record<number, string> = { ...commonProblems, 403: forbidden };
  if (conflict) problems[409] = conflict;
  return { problems };
};
const notManager = 'A member who is neither owner nor admin';
const ownerFixed = 'The owner cannot be removed or change role';

/** The OpenAPI 3.1 document of this service, generated from the zod schemas that validate requests. */
export function buildOpenApiDocument(): OpenApiObject {
  const pid = pathId('pid');
  const tid = pathId('tid');
  return createOpenApiDocument({
    title: 'TaskFlow tasks service',
    version: '1.0.0',
    description: 'Projects, members and tasks; the calendar feed of assigned tasks.',
    schemas: {
      Project: jsonSchema(Project, 'output'),
      Member: jsonSchema(Member, 'output'),
      Task: jsonSchema(Task, 'output'),
      CreateProjectBody: jsonSchema(CreateProjectBody, 'input'),
      UpdateProjectBody: jsonSchema(UpdateProjectBody, 'input'),
      AddMemberBody: jsonSchema(AddMemberBody, 'input'),
      ChangeRoleBody: jsonSchema(ChangeRoleBody, 'input'),
      CreateTaskBody: jsonSchema(CreateTaskBody, 'input'),
      UpdateTaskBody: jsonSchema(UpdateTaskBody, 'input'),
      CalendarFeed: jsonSchema(CalendarFeed, 'output'),
      Comment: jsonSchema(Comment, 'output'),
      CreateCommentBody: jsonSchema(CreateCommentBody, 'input'),
      ActivityEntry: jsonSchema(ActivityEntry, 'output'),
    },
    paths: {
      '/api/projects': {
        get: op('listProjects', 'The caller’s projects, personal first', ok(200, 'Projects', list('Project'))),
        post: op('createProject', 'Create a project (the caller is owner)', ok(201, 'Created', ref('Project')), {
          requestBody: body('CreateProjectBody'),
        }),
      },
      '/api/projects/{pid}': {
        parameters: [pid],
        get: op('getProject', 'A project', ok(200, 'Project', ref('Project'))),
        patch: op('updateProject', 'Rename or describe (owner/admin)', ok(200, 'Project', ref('Project')), {
          requestBody: body('UpdateProjectBody'),
          ...rightsProblems(notManager),
        }),
        delete: op(
          'deleteProject',
          'Delete with its tasks, comments and history (owner; not the personal project → 409)',
          ok(204, 'Deleted'),
          rightsProblems('A member who is not the owner', 'The personal project cannot be deleted'),
        ),
      },
      '/api/projects/{pid}/members': {
        parameters: [pid],
        get: op('listMembers', 'Members', ok(200, 'Members', list('Member'))),
        post: op('addMember', 'Add a member by email (owner/admin)', ok(201, 'Added', ref('Member')), {
          requestBody: body('AddMemberBody'),
          ...rightsProblems(notManager, 'Already a member'),
        }),
      },
      '/api/projects/{pid}/members/{uid}': {
        parameters: [pid, pathId('uid')],
        patch: op('changeMemberRole', 'Change a role (owner/admin)', ok(200, 'Member', ref('Member')), {
          requestBody: body('ChangeRoleBody'),
          ...rightsProblems(notManager, ownerFixed),
        }),
        delete: op(
          'removeMember',
          'Remove a member (owner/admin), or leave (oneself); their tasks here become unassigned',
          ok(204, 'Removed'),
          rightsProblems('A member removing someone else without being owner or admin', ownerFixed),
        ),
      },
      '/api/projects/{pid}/tasks': {
        parameters: [pid],
        get: op('listProjectTasks', 'A board page in column order', ok(200, 'Tasks', list('Task')), {
          parameters: queryParams(TaskFilters, { commaSeparated }),
        }),
        post: op('createTask', 'Create a task at the end of its column', ok(201, 'Created', ref('Task')), {
          requestBody: body('CreateTaskBody'),
        }),
      },
      '/api/tasks': {
        get: op(
          'listMyTasks',
          'Tasks across the caller’s projects (`assignee=me`: theirs), soonest due first',
          ok(200, 'Tasks', list('Task')),
          { parameters: queryParams(MyTaskFilters, { commaSeparated }) },
        ),
      },
      '/api/tasks/{tid}': {
        parameters: [tid],
        get: op('getTask', 'A task', ok(200, 'Task', ref('Task'))),
        patch: op(
          'updateTask',
          'Change or move a task; `If-Match: <version>` → 412 when stale',
          ok(200, 'Task', ref('Task')),
          {
            requestBody: body('UpdateTaskBody'),
            parameters: [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
          },
        ),
        delete: op('deleteTask', 'Delete a task', ok(204, 'Deleted')),
      },
      '/api/tasks/{tid}/comments': {
        parameters: [tid],
        get: op('listComments', 'A page of the task’s comments, oldest first', ok(200, 'Comments', list('Comment')), {
          parameters: queryParams(cursorQuery),
        }),
        post: op(
          'createComment',
          'Comment on a task (Markdown); `@[Name](userId)`, `@email` or `@Full Name` mention a project member',
          ok(201, 'Created', ref('Comment')),
          { requestBody: body('CreateCommentBody') },
        ),
      },
      '/api/comments/{cid}': {
        parameters: [pathId('cid')],
        delete: op('deleteComment', 'Delete a comment (its author, or a project owner/admin)', ok(204, 'Deleted'), {
          ...rightsProblems('A member who is neither the author nor an owner or admin'),
        }),
      },
      '/api/tasks/{tid}/activity': {
        parameters: [tid],
        get: op(
          'listTaskActivity',
          'A page of the task’s history, newest first: who changed what (`changes`: field → [old, new]), when',
          ok(200, 'Activity', list('ActivityEntry')),
          { parameters: queryParams(cursorQuery) },
        ),
      },
      '/api/calendar/feed': {
        get: op(
          'getCalendarFeed',
          'The caller’s private calendar feed address (created on first use)',
          ok(200, 'Feed address', ref('CalendarFeed')),
          { problems: { 401: commonProblems[401] } },
        ),
        post: op(
          'rotateCalendarFeed',
          'A new feed address; the old one answers 404 from now on',
          ok(200, 'New feed address', ref('CalendarFeed')),
          { problems: { 401: commonProblems[401] } },
        ),
      },
      '/api/calendar/{token}.ics': {
        parameters: [pathId('token', { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' })],
        get: op(
          'getCalendarIcs',
          'The feed itself (iCalendar): one event per assigned task with a due date, alarms from its reminders',
          {
            200: {
              description: 'iCalendar (RFC 5545), the 1 000 tasks due nearest to now',
              content: { 'text/calendar': { schema: { type: 'string' } } },
            },
          },
          {
            public: true,
            problems: { 404: 'Unknown or rotated token' },
            description: 'No access token: the secret token in the address is the credential.',
          },
        ),
      },
    },
  });
}
