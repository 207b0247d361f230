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
import type { Pusher } from './push.port';

export interface EventServiceDeps {
  directory: DirectoryRepository;
  notifications: NotificationService;
  pusher: Pusher;
  /** The clock of the actor-name cache (tests move it). */
  now?: () => number;
}

/**
 * How long an actor's name read from the projection is used without reading it again. One person
 * assigning or moving several tasks in a row costs one lookup a second instead of one round trip
 * before every notification. A rename reaches titles at once on the instance that handles the
 * `user.updated`, within this long on the others (the revocation check trusts "not revoked" as long).
 */
export const ACTOR_NAME_TTL_MS = 1000;
const ACTOR_NAMES_KEPT = 1000;

/**
 * What the service does with each event from the bus: keep the user and membership projections,
 * tell the people concerned, and nudge open boards. Every step is idempotent, so a redelivered
 * event is harmless.
 */
export function createEventService({ directory, notifications, pusher, now = Date.now }: EventServiceDeps) {
  const actorNames = new Map<string, { name: string; until: number }>();

  async function updateProjections(event: AnyEvent): Promise<void> {
    switch (event.type) {
      case 'user.registered':
      case 'user.updated':
        await directory.saveUser(event.data.userId, event.data, event.occurredAt);
        actorNames.delete(event.data.userId);
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
    const kept = actorNames.get(actorId);
    if (kept && kept.until > now()) return { actor: { id: actorId, name: kept.name }, name: kept.name };
    const user = await directory.findUser(actorId);
    // Someone not known yet is not remembered: their user.registered may be on its way.
    if (!user) return { actor: null, name: 'Someone' };
    actorNames.delete(actorId);
    if (actorNames.size >= ACTOR_NAMES_KEPT) actorNames.delete(actorNames.keys().next().value as string);
    actorNames.set(actorId, { name: user.name, until: now() + ACTOR_NAME_TTL_MS });
    return { actor: { id: actorId, name: user.name }, name: user.name };
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
      // The recipients' preferences are read by each insert itself.
      if (plans.length === 0) return;
      const [{ actor, name }, timeZones] = await Promise.all([actorOf(event.actorId), timeZonesOf(plans)]);
      await Promise.all(
        withActor(plans, name, (userId) => timeZones.get(userId)).map((draft) => {
          const channels = isAccountEmail(draft.type) ? { inApp: false, email: true } : channelsFor(draft.kind);
          return notifications.deliver(deliveryKeyOf(event), event.occurredAt, draft, actor, channels);
        }),
      );
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
