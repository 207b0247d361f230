import type { Member, Project, Task } from '@taskflow/contracts/api';
import type { TaskSnapshot } from '@taskflow/contracts/events';
import type { MemberView, ProjectRow, ProjectView } from '../data/projects.repository';
import type { TaskRow } from '../data/tasks.repository';

/** The API and event shapes of stored rows. */

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

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

export function toProjectSnapshot(p: ProjectRow) {
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
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    completedAt: iso(t.completedAt),
    version: t.version,
  };
}

export function toTask(t: TaskRow): Task {
  return { ...toTaskSnapshot(t), assignee: t.assigneeId ? { id: t.assigneeId, name: t.assigneeName ?? '' } : null };
}
