import type { NotificationPreferences } from '@taskflow/contracts/api';
import type { AnyEvent } from '@taskflow/contracts/events';
import type { DirectoryRepository } from '../data/directory.repository';
import { isAccountEmail, planPasswordResetEmail } from './account-email.rules';
import type { NotificationService } from './notification.service';
import {
  channelsFor,
  needsTimeZone,
  planNotifications,
  taskChangeOf,
  withActor,
  type NotificationPlan,
} from './notification.rules';
import { deliveryKeyOf, planOverdueDigest } from './overdue-digest.rules';
import type { PreferenceService } from './preference.service';
import type { Pusher } from './push.port';

export interface EventServiceDeps {
  directory: DirectoryRepository;
  notifications: NotificationService;
  preferences: PreferenceService;
  pusher: Pusher;
}

/**
 * What the service does with each event from the bus: keep the user and membership projections,
 * tell the people concerned, and nudge open boards. Every step is idempotent, so a redelivered
 * event is harmless.
 */
export function createEventService({ directory, notifications, preferences, pusher }: EventServiceDeps) {
  async function updateProjections(event: AnyEvent): Promise<void> {
    switch (event.type) {
      case 'user.registered':
      case 'user.updated':
        await directory.saveUser(event.data.userId, event.data, event.occurredAt);
        break;
      case 'project.created':
        await directory.addMember(event.data.project.id, event.data.project.ownerId, event.occurredAt);
        break;
      case 'project.member_added':
        await directory.addMember(event.data.projectId, event.data.userId, event.occurredAt);
        break;
      case 'project.member_removed':
        if (await directory.removeMember(event.data.projectId, event.data.userId, event.occurredAt)) {
          pusher.leaveProject(event.data.projectId, event.data.userId);
        }
        break;
      case 'project.deleted':
        await directory.deleteProject(event.data.project.id);
        pusher.leaveProject(event.data.project.id);
        break;
      default:
        break;
    }
  }

  async function actorOf(
    actorId: string | null,
  ): Promise<{ actor: { id: string; name: string } | null; name: string }> {
    if (!actorId) return { actor: null, name: 'Someone' };
    const user = await directory.findUser(actorId);
    return user ? { actor: { id: actorId, name: user.name }, name: user.name } : { actor: null, name: 'Someone' };
  }

  /** Drops the plans for people who must be members of a project and, as far as we know, are not. */
  async function keepMembers(plans: NotificationPlan[]): Promise<NotificationPlan[]> {
    if (!plans.some((plan) => plan.onlyIfMemberOf)) return plans;
    const kept = await Promise.all(
      plans.map((plan) => !plan.onlyIfMemberOf || directory.isMember(plan.onlyIfMemberOf, plan.recipientId)),
    );
    return plans.filter((_, i) => kept[i]);
  }

  /** The recipients' time zones, for the plans whose body needs one. */
  async function timeZonesOf(plans: NotificationPlan[]): Promise<Map<string, string>> {
    const timeZones = new Map<string, string>();
    const users = [...new Set(plans.filter(needsTimeZone).map((plan) => plan.recipientId))];
    const found = await Promise.all(users.map((userId) => directory.findUser(userId)));
    users.forEach((userId, i) => {
      const user = found[i];
      if (user) timeZones.set(userId, user.timezone);
    });
    return timeZones;
  }

  /** Each recipient's preferences, looked up once per recipient (account emails have none). */
  async function preferencesOf(plans: NotificationPlan[]): Promise<Map<string, NotificationPreferences>> {
    const users = [...new Set(plans.filter((plan) => !isAccountEmail(plan.type)).map((plan) => plan.recipientId))];
    const found = await Promise.all(users.map((userId) => preferences.get(userId)));
    return new Map(users.map((userId, i) => [userId, found[i]!]));
  }

  return {
    async handle(event: AnyEvent): Promise<void> {
      await updateProjections(event);
      const change = taskChangeOf(event);
      if (change) pusher.toProject(change.projectId, 'task_changed', change);
      const planned =
        event.type === 'user.overdue_digest_due'
          ? planOverdueDigest(event)
          : event.type === 'user.password_reset_requested'
            ? planPasswordResetEmail(event)
            : planNotifications(event);
      const plans = await keepMembers(planned);
      // Most events tell nobody; only look the actor up when someone is to be told. The lookups are
      // independent: issued together, they share one Redis round trip (the client pipelines them).
      if (plans.length === 0) return;
      const [{ actor, name }, timeZones, preferencesByUser] = await Promise.all([
        actorOf(event.actorId),
        timeZonesOf(plans),
        preferencesOf(plans),
      ]);
      await Promise.all(
        withActor(plans, name, (userId) => timeZones.get(userId)).map((draft) => {
          const channels = isAccountEmail(draft.type)
            ? { inApp: false, email: true }
            : channelsFor(draft.kind, preferencesByUser.get(draft.recipientId)!);
          return notifications.deliver(deliveryKeyOf(event), event.occurredAt, draft, actor, channels);
        }),
      );
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
