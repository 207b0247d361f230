import type { ActivityEntry, Comment, Member, Project, Task } from '@taskflow/contracts/api';
import type { TaskSnapshot } from '@taskflow/contracts/events';
import type { ActivityRow } from '../data/activity.repository';
import type { CommentRow } from '../data/comment.repository';
import type { MemberView, ProjectRow, ProjectView } from '../data/project.repository';
import type { TaskRow } from '../data/task.repository';

/** The API and event shapes of stored rows. */

function iso(d: Date): string;
function iso(d: Date | null): string | null;
function iso(d: Date | null): string | null {
  return d === null ? d : d.toISOString();
}

export function toProject(p: ProjectView): Project {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    role: p.role,
    memberCount: p.memberCount,
    personal: p.personal,
    createdAt: p.createdAt.toISOString(),
  };
}

export function toProjectSnapshot(p: Omit<ProjectRow, 'boardVersion'>) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    ownerId: p.ownerId,
    personal: p.personal,
    createdAt: p.createdAt.toISOString(),
  };
}

export function toMember(m: MemberView): Member {
  return { userId: m.userId, name: m.name, email: m.email, role: m.role, joinedAt: m.joinedAt.toISOString() };
}

export function toTaskSnapshot(t: Omit<TaskRow, 'assigneeName'>): TaskSnapshot {
  return {
    id: t.id,
    projectId: t.projectId,
    title: t.title,
    description: t.description,
    status: t.status,
    priority: t.priority,
    dueAt: iso(t.dueAt),
    assigneeId: t.assigneeId,
    labels: t.labels,
    reminders: t.reminders,
    position: t.position,
    createdBy: t.createdBy,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    completedAt: iso(t.completedAt),
    version: t.version,
  };
}

export function toTask(t: TaskRow): Task {
  return { ...toTaskSnapshot(t), assignee: t.assigneeId ? { id: t.assigneeId, name: t.assigneeName ?? '' } : null };
}

export function toComment(c: CommentRow): Comment {
  return {
    id: c.id,
    taskId: c.taskId,
    projectId: c.projectId,
    author: { id: c.authorId, name: c.authorName },
    body: c.body,
    createdAt: c.createdAt.toISOString(),
    mentions: c.mentions,
  };
}

export function toActivityEntry(a: ActivityRow): ActivityEntry {
  return {
    id: a.id,
    type: a.type,
    actor: a.actorId ? { id: a.actorId, name: a.actorName ?? '' } : null,
    changes: a.changes,
    at: a.at.toISOString(),
  };
}
