import type { AuthResponse, Task } from '@taskflow/contracts/api';

const now = '2030-01-15T10:00:00.000Z';

export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: crypto.randomUUID(),
    projectId: crypto.randomUUID(),
    title: 'A task',
    description: '',
    status: 'todo',
    priority: 'medium',
    dueAt: null,
    assigneeId: null,
    assignee: null,
    labels: [],
    reminders: [],
    position: 'a0',
    createdBy: crypto.randomUUID(),
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    version: 1,
    ...overrides,
  };
}

export function makeAuthResponse(accessToken: string): AuthResponse {
  return {
    accessToken,
    expiresIn: 900,
    user: { id: crypto.randomUUID(), email: 'ada@example.test', name: 'Ada', timezone: 'UTC', createdAt: now },
  };
}
