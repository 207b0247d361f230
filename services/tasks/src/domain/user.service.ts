import { ProjectRole } from '@taskflow/contracts/api';
import type { EventEnvelope } from '@taskflow/contracts/events';
import type { WithTransaction } from '../data/database';
import { insertMember, insertPersonalProject } from '../data/project.repository';
import { markEventProcessed, upsertUser } from '../data/user.repository';
import { planUserDigest } from './digest.service';
import { toProjectSnapshot } from './views';

export const PERSONAL_PROJECT_NAME = 'My tasks';

export type UserEvent = EventEnvelope<'user.registered'> | EventEnvelope<'user.updated'>;

/**
 * Keeps the user directory in step with auth, gives every new user their personal project and
 * plans their overdue digest (again when their time zone changes). One transaction per event,
 * idempotent by event id: a redelivery changes nothing.
 */
export function createUsersService({ withTransaction, now }: { withTransaction: WithTransaction; now: () => Date }) {
  return {
    applyUserEvent(event: UserEvent): Promise<void> {
      return withTransaction(async ({ db, emit }) => {
        if (!(await markEventProcessed(db, event.id))) return;
        const { userId, email, name, timezone } = event.data;
        await upsertUser(db, {
          id: userId,
          email: email.toLowerCase(),
          name,
          timezone,
          updatedAt: new Date(event.occurredAt),
        });
        await planUserDigest(db, userId, now());
        if (event.type !== 'user.registered') return;
        const project = await insertPersonalProject(db, userId, PERSONAL_PROJECT_NAME);
        if (!project) return;
        await insertMember(db, project.id, userId, ProjectRole.enum.owner);
        emit('project.created', { project: toProjectSnapshot(project) }, userId);
      });
    },
  };
}
