import type { Redis } from 'ioredis';
import type { NotificationPreferences } from '@taskflow/contracts/api';

/**
 * Each user's notification preferences, one JSON string per user (`n:{uid}:prefs`, in the user's
 * slot). No expiry: a choice someone made stays made. Absent means "the defaults".
 */
export const preferencesKey = (userId: string) => `n:{${userId}}:prefs`;

export function createPreferenceRepository(redis: Redis) {
  return {
    /** The stored object as it was written (possibly by an older version), or null. */
    async find(userId: string): Promise<unknown> {
      const json = await redis.get(preferencesKey(userId));
      if (json === null) return null;
      try {
        return JSON.parse(json) as unknown;
      } catch {
        return null;
      }
    },

    async save(userId: string, preferences: NotificationPreferences): Promise<void> {
      await redis.set(preferencesKey(userId), JSON.stringify(preferences));
    },
  };
}

export type PreferenceRepository = ReturnType<typeof createPreferenceRepository>;
