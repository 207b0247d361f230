import type { Redis, Result } from 'ioredis';

/**
 * Projections of other services' data, fed by events: who users are (for actor names and, later,
 * email) and who belongs to which project (to authorise `subscribe_project`).
 *
 *   u:{<uid>}              hash {name, email, timezone, at}
 *   p:{<pid>}:members      set of member user ids
 *   p:{<pid>}:at           hash user id → time (ms) of the membership event last applied
 *   p:{<pid>}:deleted      present once the project is deleted
 *
 * Events can arrive out of order (several handled at once, redeliveries after retries), so every
 * write carries its event's `occurredAt` and is applied only if it is not older than what the
 * projection already reflects: a late `member_added` cannot undo a newer `member_removed`.
 */

export interface UserProfile {
  name: string;
  email: string;
  timezone: string;
}

const userKey = (userId: string) => `u:{${userId}}`;
const projectKeys = (projectId: string) => ({
  members: `p:{${projectId}}:members`,
  at: `p:{${projectId}}:at`,
  deleted: `p:{${projectId}}:deleted`,
});
/** A deleted project's tombstone outlives any plausible redelivery. */
const TOMBSTONE_SECONDS = 30 * 86_400;

const SAVE_USER = `
local last = tonumber(redis.call('HGET', KEYS[1], 'at') or '-1')
if tonumber(ARGV[4]) < last then return 0 end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'email', ARGV[2], 'timezone', ARGV[3], 'at', ARGV[4])
return 1`;

const SET_MEMBERSHIP = `
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '-1')
if tonumber(ARGV[2]) < last then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if ARGV[3] == 'add' then redis.call('SADD', KEYS[1], ARGV[1]) else redis.call('SREM', KEYS[1], ARGV[1]) end
return 1`;

const DELETE_PROJECT = `
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SET', KEYS[3], '1', 'EX', ARGV[1])
return 1`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    directorySaveUser(user: string, ...argv: (string | number)[]): Result<number, Context>;
    directorySetMembership(
      members: string,
      at: string,
      deleted: string,
      ...argv: (string | number)[]
    ): Result<number, Context>;
    directoryDeleteProject(members: string, at: string, deleted: string, ttl: number): Result<number, Context>;
  }
}

export function createDirectoryRepository(redis: Redis) {
  redis.defineCommand('directorySaveUser', { numberOfKeys: 1, lua: SAVE_USER });
  redis.defineCommand('directorySetMembership', { numberOfKeys: 3, lua: SET_MEMBERSHIP });
  redis.defineCommand('directoryDeleteProject', { numberOfKeys: 3, lua: DELETE_PROJECT });
  /** Returns whether the change was applied (false: an older event, or a deleted project). */
  const setMembership = async (
    projectId: string,
    userId: string,
    at: string,
    op: 'add' | 'remove',
  ): Promise<boolean> => {
    const k = projectKeys(projectId);
    return (await redis.directorySetMembership(k.members, k.at, k.deleted, userId, Date.parse(at), op)) === 1;
  };

  return {
    async saveUser(userId: string, profile: UserProfile, at: string): Promise<void> {
      await redis.directorySaveUser(userKey(userId), profile.name, profile.email, profile.timezone, Date.parse(at));
    },

    async findUser(userId: string): Promise<UserProfile | null> {
      const hash = await redis.hgetall(userKey(userId));
      if (!hash.name) return null;
      return { name: hash.name, email: hash.email ?? '', timezone: hash.timezone ?? 'UTC' };
    },

    addMember: (projectId: string, userId: string, at: string) => setMembership(projectId, userId, at, 'add'),

    removeMember: (projectId: string, userId: string, at: string) => setMembership(projectId, userId, at, 'remove'),

    async deleteProject(projectId: string): Promise<void> {
      const k = projectKeys(projectId);
      await redis.directoryDeleteProject(k.members, k.at, k.deleted, TOMBSTONE_SECONDS);
    },

    async isMember(projectId: string, userId: string): Promise<boolean> {
      return (await redis.sismember(projectKeys(projectId).members, userId)) === 1;
    },
  };
}

export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;
