import {
  DEFAULT_TASK_PRIORITY,
  DEFAULT_TASK_STATUS,
  type CreateTaskBody,
  type Task,
  type TaskStatus,
  type UpdateTaskBody,
} from '@taskflow/contracts/api';
import { AppError, ErrorCode, invalidField, notFound } from '@taskflow/service-kit/errors';
import type { Executor, TasksDb, TransactionScope, WithStatement, WithTransaction } from '../data/database';
import { findMemberRole, lockProjectOrdering } from '../data/project.repository';
import * as repo from '../data/task.repository';
import { findTaskToUpdate, updateTaskFields } from '../data/task-update.repository';
import type { TaskPatch, TaskRow } from '../data/task.repository';
import { requireMember, requireTask } from './access';
import { recordTaskCreated, recordTaskUpdates } from './activity.service';
import { applyReminderPlan } from '../data/reminder.repository';
import { planReminders, replanReminders, type PlannedReminder } from './reminder.rules';
import { completedAtFor, computeChanges, positionBetween, remindersFor } from './task.rules';
import { toTask, toTaskSnapshot } from './views';

export interface TasksDeps {
  db: TasksDb;
  withTransaction: WithTransaction;
  /** For updates that are one statement (`touchesOnlyFields`). */
  withStatement: WithStatement;
  /** The clock reminders are planned by (tests move it). */
  now?: () => Date;
  /** Told, once committed, when the soonest reminder a change planned is due (the scheduler wakes then). */
  remindersPlanned?: (at: Date) => void;
}

type MoveTarget = NonNullable<UpdateTaskBody['position']>;

const MAX_ATTEMPTS = 3;
const unique = (values: string[]) => [...new Set(values)];

const stale = (ifMatch: number) =>
  new AppError(ErrorCode.versionConflict, `The task has changed since version ${ifMatch}; reload it`);

const notAssignable = () =>
  new AppError(ErrorCode.notAMember, 'The assignee must be a member of the project', {
    details: [{ path: 'assigneeId', message: 'is not a member of this project' }],
  });

async function requireAssignable(db: Executor, projectId: string, assigneeId: string): Promise<void> {
  if (!(await findMemberRole(db, projectId, assigneeId))) throw notAssignable();
}

/** The key that puts `task` between the given neighbours of `status`'s column (at its end when none is given). */
async function positionForMove(db: Executor, task: TaskRow, status: TaskStatus, move: MoveTarget): Promise<string> {
  const neighbour = async (id: string, path: string) => {
    if (id === task.id) throw invalidField(path, 'must not be the task being moved');
    const other = await repo.findTask(db, id);
    if (!other || other.projectId !== task.projectId) throw invalidField(path, 'must be a task of the same project');
    return other.position;
  };
  let lower = move.afterId ? await neighbour(move.afterId, 'position.afterId') : null;
  let upper = move.beforeId ? await neighbour(move.beforeId, 'position.beforeId') : null;
  const where = { projectId: task.projectId, status, exceptId: task.id };
  if (lower !== null && upper === null) upper = await repo.adjacentPosition(db, { ...where, position: lower }, 'after');
  else if (upper !== null && lower === null)
    lower = await repo.adjacentPosition(db, { ...where, position: upper }, 'before');
  else if (lower === null && upper === null) lower = await repo.lastPosition(db, task.projectId, status, task.id);
  const key = positionBetween(lower, upper);
  if (!key) throw invalidField('position', 'afterId must come before beforeId in the column');
  return key;
}

/**
 * The stored fields an update body asks for (unchanged ones included; the diff sorts them out).
 * `assigneeIsMember`: whether the body's assignee is a member, read with the task.
 */
async function buildPatch(
  db: Executor,
  task: TaskRow,
  body: UpdateTaskBody,
  assigneeIsMember: boolean,
): Promise<TaskPatch> {
  const status = body.status ?? task.status;
  const patch: TaskPatch = {
    title: body.title,
    description: body.description,
    status: body.status,
    priority: body.priority,
    labels: body.labels ? unique(body.labels) : undefined,
  };
  if (body.dueAt !== undefined) patch.dueAt = body.dueAt ? new Date(body.dueAt) : null;
  if (body.assigneeId !== undefined) {
    if (body.assigneeId && body.assigneeId !== task.assigneeId && !assigneeIsMember) throw notAssignable();
    patch.assigneeId = body.assigneeId;
  }
  const dueAt = patch.dueAt !== undefined ? patch.dueAt : task.dueAt;
  patch.reminders = remindersFor({
    requested: body.reminders,
    dueAt,
    hadDueDate: task.dueAt !== null,
    current: task.reminders,
  });
  if (body.position || status !== task.status) {
    await lockProjectOrdering(db, task.projectId);
    patch.position = await positionForMove(db, task, status, body.position ?? {});
  }
  return patch;
}

export type TasksService = ReturnType<typeof createTasksService>;

/**
 * Whether an update touches only the task's own fields, and so is one statement: no card moves (a
 * status or a position locks the column's ordering and reads neighbours) and no reminder is re-planned.
 */
const touchesOnlyFields = (body: UpdateTaskBody): boolean =>
  body.status === undefined && body.dueAt === undefined && body.reminders === undefined && body.position === undefined;

/** The task with the patch's defined fields laid over it. */
const patched = (task: TaskRow, patch: TaskPatch): TaskRow => {
  const next = { ...task };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
};

export function createTasksService({
  db,
  withTransaction,
  withStatement,
  now: clock = () => new Date(),
  remindersPlanned,
}: TasksDeps) {
  /** Writes a task's reminder plan and, once committed, tells the scheduler when its soonest is due. */
  const saveReminderPlan = async (
    scope: TransactionScope,
    taskId: string,
    keepOffsets: number[],
    plan: PlannedReminder[],
  ) => {
    await applyReminderPlan(scope.db, taskId, { keepOffsets, plan });
    if (plan.length === 0 || !remindersPlanned) return;
    const soonest = new Date(Math.min(...plan.map((p) => p.remindAt.getTime())));
    scope.afterCommit?.(() => remindersPlanned(soonest));
  };

  /** The task read, checked against the caller and If-Match, and what the body changes of it. */
  const planUpdate = async (
    executor: Executor,
    found: repo.FoundTask | undefined,
    body: UpdateTaskBody,
    ifMatch: number | undefined,
  ) => {
    if (!found?.callerRole) throw notFound('Task');
    const current = found.task;
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale(ifMatch);
    const patch = await buildPatch(executor, current, body, found.otherRole !== undefined);
    return { current, patch, changes: computeChanges(current, patch) };
  };

  /** One attempt at an update in a transaction; undefined when a concurrent writer changed the task in between. */
  const tryUpdate = async (
    scope: TransactionScope,
    userId: string,
    taskId: string,
    body: UpdateTaskBody,
    ifMatch?: number,
  ) => {
    const { db: tx, emit } = scope;
    // The task, the caller's role and the new assignee's, in one statement.
    const found = await repo.findTaskFor(tx, taskId, userId, { roleOf: body.assigneeId ?? undefined });
    const { current, patch, changes } = await planUpdate(tx, found, body, ifMatch);
    if (Object.keys(changes).length === 0) return toTask(current);
    const now = clock();
    const completedAt = completedAtFor(current.status, patch.status ?? current.status, current.completedAt, now);
    const updated = await repo.updateTaskAtVersion(tx, taskId, ifMatch ?? current.version, {
      ...patch,
      completedAt,
      updatedAt: now,
    });
    if (!updated) {
      if (ifMatch !== undefined) throw stale(ifMatch);
      return undefined;
    }
    const replan = replanReminders(current, updated, now);
    if (replan) await saveReminderPlan(scope, taskId, replan.keepOffsets, replan.plan);
    const snapshot = toTaskSnapshot(updated);
    await recordTaskUpdates(scope, [{ task: snapshot, changes }], userId, now);
    if (changes.assigneeId && updated.assigneeId) {
      emit(
        'task.assigned',
        { task: snapshot, assigneeId: updated.assigneeId, previousAssigneeId: current.assigneeId },
        userId,
      );
    }
    return toTask(updated);
  };

  /**
   * One attempt at an update of the task's own fields: a read, then one statement that writes the
   * change, its activity entry and its events (task-update.repository.ts). The events are built
   * before the write from the task as it will be: the statement applies only at the version read,
   * and every write of a task moves its version, so every column it does not set is as read.
   * Undefined when nothing was written (someone got there first, or a membership changed): the
   * caller tries again, and the next read says why.
   */
  const tryUpdateFields = (userId: string, taskId: string, body: UpdateTaskBody, ifMatch?: number) =>
    withStatement(async ({ emit, outboxJson }) => {
      const found = await findTaskToUpdate(db, taskId, userId, body.assigneeId ?? undefined);
      const { current, patch, changes } = await planUpdate(db, found, body, ifMatch);
      if (Object.keys(changes).length === 0) return toTask(current);
      const now = clock();
      const next: TaskRow = {
        ...patched(current, patch),
        completedAt: completedAtFor(current.status, current.status, current.completedAt, now),
        updatedAt: now,
        version: current.version + 1,
      };
      const snapshot = toTaskSnapshot(next);
      // The same `changes` as the activity entry the statement writes (activity.service.ts).
      emit('task.updated', { task: snapshot, changes }, userId);
      if (changes.assigneeId && next.assigneeId) {
        emit(
          'task.assigned',
          { task: snapshot, assigneeId: next.assigneeId, previousAssigneeId: current.assigneeId },
          userId,
        );
      }
      const updated = await updateTaskFields(db, {
        taskId,
        version: current.version,
        actorId: userId,
        fields: next,
        changes,
        outboxJson: outboxJson(),
      });
      return updated && toTask(updated);
    });

  return {
    async getTask(userId: string, taskId: string): Promise<Task> {
      return toTask(await requireTask(db, userId, taskId));
    },

    createTask(userId: string, projectId: string, input: CreateTaskBody): Promise<Task> {
      return withTransaction(async (scope) => {
        const { db: tx, emit } = scope;
        await requireMember(tx, projectId, userId);
        if (input.assigneeId) await requireAssignable(tx, projectId, input.assigneeId);
        const status = input.status ?? DEFAULT_TASK_STATUS;
        await lockProjectOrdering(tx, projectId);
        const position = positionBetween(await repo.lastPosition(tx, projectId, status), null)!;
        const dueAt = input.dueAt ? new Date(input.dueAt) : null;
        const now = clock();
        const task = await repo.insertTask(tx, {
          projectId,
          title: input.title,
          description: input.description ?? '',
          status,
          priority: input.priority ?? DEFAULT_TASK_PRIORITY,
          dueAt,
          assigneeId: input.assigneeId ?? null,
          labels: unique(input.labels ?? []),
          reminders: remindersFor({ requested: input.reminders, dueAt, hadDueDate: false, current: [] }),
          position,
          createdBy: userId,
          createdAt: now,
          updatedAt: now,
          completedAt: completedAtFor(null, status, null, now),
        });
        await saveReminderPlan(scope, task.id, [], planReminders(task, now));
        const snapshot = toTaskSnapshot(task);
        await recordTaskCreated(scope, snapshot, userId, now);
        if (task.assigneeId) {
          emit('task.assigned', { task: snapshot, assigneeId: task.assigneeId, previousAssigneeId: null }, userId);
        }
        return toTask(task);
      });
    },

    /** Optimistic: the UPDATE only applies at the version read; a lost race is retried, or 412 with If-Match. */
    async updateTask(userId: string, taskId: string, body: UpdateTaskBody, ifMatch?: number): Promise<Task> {
      const tryOnce = touchesOnlyFields(body)
        ? () => tryUpdateFields(userId, taskId, body, ifMatch)
        : () => withTransaction((scope) => tryUpdate(scope, userId, taskId, body, ifMatch));
      for (let attempt = 1; ; attempt++) {
        const result = await tryOnce();
        if (result) return result;
        if (attempt >= MAX_ATTEMPTS)
          throw new AppError(ErrorCode.versionConflict, 'The task is being changed by someone else; try again');
      }
    },

    deleteTask(userId: string, taskId: string): Promise<void> {
      return withTransaction(async ({ db: tx, emit }) => {
        const task = await requireTask(tx, userId, taskId);
        await repo.deleteTask(tx, taskId);
        emit('task.deleted', { task: toTaskSnapshot(task) }, userId);
      });
    },
  };
}
