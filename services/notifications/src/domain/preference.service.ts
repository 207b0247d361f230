import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  NOTIFICATION_KINDS,
  type ChannelPreferences,
  type NotificationPreferences,
} from '@taskflow/contracts/api';
import type { PreferenceRepository } from '../data/preference.repository';

const CHANNELS = ['email', 'inApp'] as const;

/**
 * Stored preferences laid over the defaults key by key, so a kind added after someone saved theirs
 * starts at its default, and a value that is not a boolean (never written by this version) is ignored.
 */
export function withDefaults(stored: unknown): NotificationPreferences {
  // Two levels of booleans: a spread per channel copies them (structuredClone cost more, once per event).
  const result: NotificationPreferences = {
    email: { ...DEFAULT_NOTIFICATION_PREFERENCES.email },
    inApp: { ...DEFAULT_NOTIFICATION_PREFERENCES.inApp },
  };
  if (typeof stored !== 'object' || stored === null) return result;
  for (const channel of CHANNELS) {
    const saved = (stored as Record<string, unknown>)[channel];
    if (typeof saved !== 'object' || saved === null) continue;
    for (const kind of NOTIFICATION_KINDS) {
      const value = (saved as Partial<Record<string, unknown>>)[kind];
      if (typeof value === 'boolean') (result[channel] as ChannelPreferences)[kind] = value;
    }
  }
  return result;
}

/** Who wants to hear about what, and where. */
export function createPreferenceService(preferences: PreferenceRepository) {
  return {
    async get(userId: string): Promise<NotificationPreferences> {
      return withDefaults(await preferences.find(userId));
    },

    /** Replaces the whole object (already validated by the caller). */
    async replace(userId: string, value: NotificationPreferences): Promise<NotificationPreferences> {
      await preferences.save(userId, value);
      return value;
    },
  };
}

export type PreferenceService = ReturnType<typeof createPreferenceService>;
