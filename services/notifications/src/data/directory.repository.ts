import type { Redis } from 'ioredis';

/**
 * Projections of other services' data, fed by events: who users are (for actor names and, later,
 * email) and who belongs to which project (to authorise `subscribe_project`).
 *
 *   u:<uid>          hash {name, email, timezone}
 *   p:<pid>:members  set of member user ids
 */

export interface UserProfile {
  name: string;
  email: string;
  timezone: string;
}

const userKey = (userId: string) => `u:${userId}`;
const membersKey = (projectId: string) => `p:${projectId}:members`;

export function createDirectoryRepository(redis: Redis) {
  return {
    async saveUser(userId: string, profile: UserProfile): Promise<void> {
      await redis.hset(userKey(userId), { name: profile.name, email: profile.email, timezone: profile.timezone });
    },

    async findUser(userId: string): Promise<UserProfile | null> {
      const hash = await redis.hgetall(userKey(userId));
      if (!hash.name) return null;
      return { name: hash.name, email: hash.email ?? '', timezone: hash.timezone ?? 'UTC' };
    },

    async addMember(projectId: string, userId: string): Promise<void> {
      await redis.sadd(membersKey(projectId), userId);
    },

    async removeMember(projectId: string, userId: string): Promise<void> {
      await redis.srem(membersKey(projectId), userId);
    },

    async deleteProject(projectId: string): Promise<void> {
      await redis.del(membersKey(projectId));
    },

    async isMember(projectId: string, userId: string): Promise<boolean> {
      return (await redis.sismember(membersKey(projectId), userId)) === 1;
    },
  };
}

export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;
