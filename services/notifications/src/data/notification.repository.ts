import type { Redis, Result } from 'ioredis';
import type { Notification, NotificationKind } from '@taskflow/contracts/api';
import { OUTBOX_LUA, outboxKeysOf } from './email-outbox.repository';
import { preferencesKey } from './preference.repository';

/**
 * Per-user notification store in Redis. Every key of one user carries the hash tag `{<uid>}` so a
 * user's keys share a cluster slot and each Lua script below touches a single slot.
 *
 *   n:{uid}:list     sorted set, score = createdAt ms, member = notification id
 *   n:{uid}:items    hash id → notification JSON (without readAt)
 *   n:{uid}:unread   set of unread ids (SCARD is the exact unread count)
 *   n:{uid}:read     hash id → readAt ISO string
 *   n:{uid}:seen:<eventId>   idempotency marker of one (event, recipient), 7 days
 *   n:{uid}:outbox…  the email outbox (email-outbox.repository.ts), written by the same insert
 *   n:{uid}:prefs    the preferences (preference.repository.ts), read by the same insert
 *
 * Ids start with the zero-padded createdAt ms, so their string order is (score, id) order and the
 * id itself is the keyset cursor.
 */

export const MAX_NOTIFICATIONS_PER_USER = 1000;
export const NOTIFICATION_TTL_MS = 90 * 24 * 3600 * 1000;
const SEEN_TTL_SECONDS = 7 * 24 * 3600;

const keysOf = (userId: string) => {
  const base = `n:{${userId}}`;
  return { list: `${base}:list`, items: `${base}:items`, unread: `${base}:unread`, read: `${base}:read` };
};
const seenKey = (userId: string, eventId: string) => `n:{${userId}}:seen:${eventId}`;

/** Lua helper: removes ids from the list, items, unread set and read hash. */
const REMOVE_IDS = `
local function removeIds(list, items, unread, read, ids)
  for _, id in ipairs(ids) do
    redis.call('ZREM', list, id)
    redis.call('HDEL', items, id)
    redis.call('SREM', unread, id)
    redis.call('HDEL', read, id)
  end
end
local function pruneExpired(list, items, unread, read, cutoff)
  removeIds(list, items, unread, read, redis.call('ZRANGEBYSCORE', list, '-inf', '(' .. cutoff))
end
`;

/**
 * Lua: whether a channel is on. `mode` is '1' or '0', or `p<1|0>:<kind>`: the recipient's stored
 * preference for that kind on that channel, and the digit when they have stored none (or something
 * not a boolean). The same reading as preference.service's `withDefaults`, for one kind; the
 * preferences are read once per call, in the recipient's slot.
 */
const CHANNEL_LUA = `
local storedPreferences
local function channelOn(prefsKey, mode, channel)
  if mode == '1' then return true elseif mode == '0' then return false end
  local otherwise, kind = string.match(mode, '^p([01]):(.+)$')
  if storedPreferences == nil then
    storedPreferences = false
    local raw = redis.call('GET', prefsKey)
    if raw then
      local ok, decoded = pcall(cjson.decode, raw)
      if ok and type(decoded) == 'table' then storedPreferences = decoded end
    end
  end
  if storedPreferences and type(storedPreferences[channel]) == 'table' then
    local value = storedPreferences[channel][kind]
    if type(value) == 'boolean' then return value end
  end
  return otherwise == '1'
end
`;

/**
 * KEYS: seen, list, items, unread, read, outbox, outbox due, outbox state, preferences.
 * ARGV: id, score, json, max, ttlMs, seenTtlSeconds, cutoff, inApp mode, email mode, emailDelayMs
 * (modes as CHANNEL_LUA reads them).
 * Decides the channels from the recipient's preferences, then stores the notification in the bell
 * (if inApp) and in the email outbox (if email), both or neither: the idempotency marker guards them
 * together. Returns {unread count, email due or -1, 1 if this call put it in the bell}; the count is -1 when
 * this (event, recipient) was already stored, -2 when no channel is on (nothing stored, no marker).
 * The email due is given when the index of recipients must hear of it: on a redelivery (the first
 * delivery may have stopped before indexing), or when this insert moved it — the first pending item,
 * or one due sooner than the rest. Otherwise the recipient is indexed already (or claimed by a
 * dispatcher, whose next due, computed in this slot, sees this item): -1, and the caller skips that
 * second round trip.
 */
const INSERT = `${REMOVE_IDS}${OUTBOX_LUA}${CHANNEL_LUA}
local inApp = channelOn(KEYS[9], ARGV[8], 'inApp')
local email = channelOn(KEYS[9], ARGV[9], 'email')
if not inApp and not email then return {-2, -1, 0} end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[6]) then return {-1, emailDue(KEYS[7], KEYS[8]), 0} end
if inApp then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
  redis.call('SADD', KEYS[4], ARGV[1])
  pruneExpired(KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[7])
  local overflow = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
  if overflow > 0 then
    removeIds(KEYS[2], KEYS[3], KEYS[4], KEYS[5], redis.call('ZRANGE', KEYS[2], 0, overflow - 1))
  end
  for i = 2, 5 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
end
local due = -1
if email then
  local before = emailDue(KEYS[7], KEYS[8])
  enqueueEmail(KEYS[6], KEYS[7], ARGV[1], ARGV[3], ARGV[10])
  due = emailDue(KEYS[7], KEYS[8])
  if due == before then due = -1 end
end
return {redis.call('SCARD', KEYS[4]), due, inApp and 1 or 0}
`;

/** KEYS: list, items, unread, read. ARGV: cutoff. Drops expired items, returns the unread count. */
const COUNT = `${REMOVE_IDS}
pruneExpired(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1])
return redis.call('SCARD', KEYS[3])
`;

/**
 * KEYS: list, items, read, unread. ARGV: maxScore, cursorId ('' for the first page), count, minScore,
 * unreadOnly ('1'/'0'). Returns up to `count` entries [id, json, readAt or '', ...] newest first,
 * strictly older than the cursor; with unreadOnly, only those in the unread set.
 *
 * Unread only walks the list from the cursor down and skips what was read, in steps of at least 100
 * ids: a page costs one SISMEMBER per id it passes, and never passes more than the list holds
 * (MAX_NOTIFICATIONS_PER_USER), however sparse the unread ones are. With nothing unread it stops at once.
 */
const PAGE = `
local maxScore, cursor, count, minScore = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local unreadOnly = ARGV[5] == '1'
if unreadOnly and redis.call('SCARD', KEYS[4]) == 0 then return {} end
local step = count
if unreadOnly then step = math.max(count, 100) end
local out, found, offset = {}, 0, 0
while found < count do
  local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], maxScore, minScore, 'LIMIT', offset, step)
  if #ids == 0 then break end
  offset = offset + #ids
  for _, id in ipairs(ids) do
    if found < count and (cursor == '' or id < cursor)
      and (not unreadOnly or redis.call('SISMEMBER', KEYS[4], id) == 1) then
      local json = redis.call('HGET', KEYS[2], id)
      if json then
        found = found + 1
        out[#out + 1] = id
        out[#out + 1] = json
        out[#out + 1] = redis.call('HGET', KEYS[3], id) or ''
      end
    end
  end
end
return out
`;

/** KEYS: items, unread, read. ARGV: id, readAt. Returns -1 if unknown, else 1 when it was unread, 0 if already read. */
const MARK_READ = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return -1 end
local changed = redis.call('SREM', KEYS[2], ARGV[1])
if changed == 1 then redis.call('HSET', KEYS[3], ARGV[1], ARGV[2]) end
return changed
`;

/** KEYS: unread, read. ARGV: readAt. Returns how many were unread. */
const MARK_ALL_READ = `
local ids = redis.call('SMEMBERS', KEYS[1])
for _, id in ipairs(ids) do redis.call('HSET', KEYS[2], id, ARGV[1]) end
redis.call('DEL', KEYS[1])
return #ids
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    notificationInsert(
      seen: string,
      list: string,
      items: string,
      unread: string,
      read: string,
      outbox: string,
      outboxDue: string,
      outboxState: string,
      preferences: string,
      ...argv: (string | number)[]
    ): Result<[number, number, number], Context>;
    notificationCount(
      list: string,
      items: string,
      unread: string,
      read: string,
      cutoff: number,
    ): Result<number, Context>;
    notificationPage(
      list: string,
      items: string,
      read: string,
      unread: string,
      ...argv: (string | number)[]
    ): Result<string[], Context>;
    notificationMarkRead(
      items: string,
      unread: string,
      read: string,
      id: string,
      readAt: string,
    ): Result<number, Context>;
    notificationMarkAllRead(unread: string, read: string, readAt: string): Result<number, Context>;
  }
}

/**
 * A channel of one notification: on, off, or as the recipient's stored preference for `kind` says
 * (`otherwise` when they have stored none), read by the insert itself.
 */
export type ChannelSetting = boolean | { preference: NotificationKind; otherwise: boolean };

const channelMode = (setting: ChannelSetting): string =>
  typeof setting === 'boolean' ? (setting ? '1' : '0') : `p${setting.otherwise ? 1 : 0}:${setting.preference}`;

/** A notification as stored: everything but readAt, which lives in its own hash. */
export type StoredNotification = Omit<Notification, 'readAt'>;

export interface NotificationPage {
  items: Notification[];
  /** Id of the last item when more may follow. */
  nextCursor: string | null;
}

export function createNotificationRepository(redis: Redis, now: () => number = Date.now) {
  redis.defineCommand('notificationInsert', { numberOfKeys: 9, lua: INSERT });
  redis.defineCommand('notificationCount', { numberOfKeys: 4, lua: COUNT });
  redis.defineCommand('notificationPage', { numberOfKeys: 4, lua: PAGE });
  redis.defineCommand('notificationMarkRead', { numberOfKeys: 3, lua: MARK_READ });
  redis.defineCommand('notificationMarkAllRead', { numberOfKeys: 2, lua: MARK_ALL_READ });
  const cutoff = () => now() - NOTIFICATION_TTL_MS;

  return {
    /**
     * Stores one notification for (event, recipient) exactly once, in the bell (`inApp`, atomically
     * with the trim and the count) and/or the email outbox (`email`; `emailDelayMs`: how long it may
     * wait for a batch), each channel on, off, or as the recipient's preference says, read in the same
     * call. `count` is the new unread count, or null when it was stored before (a redelivery) or not at
     * all (no channel on); `inApp` whether this call put it in the bell; `emailDue` is when the recipient's
     * pending email is due, if the index must be told (on a redelivery, or when this insert moved it),
     * else null.
     */
    async insert(
      userId: string,
      eventId: string,
      notification: StoredNotification,
      channels: { inApp: ChannelSetting; email: ChannelSetting; emailDelayMs?: number } = { inApp: true, email: false },
    ): Promise<{ count: number | null; emailDue: number | null; inApp: boolean }> {
      const k = keysOf(userId);
      const o = outboxKeysOf(userId);
      const [count, emailDue, inApp] = await redis.notificationInsert(
        seenKey(userId, eventId),
        k.list,
        k.items,
        k.unread,
        k.read,
        o.outbox,
        o.due,
        o.state,
        preferencesKey(userId),
        notification.id,
        scoreOfId(notification.id),
        JSON.stringify(notification),
        MAX_NOTIFICATIONS_PER_USER,
        NOTIFICATION_TTL_MS,
        SEEN_TTL_SECONDS,
        cutoff(),
        channelMode(channels.inApp),
        channelMode(channels.email),
        Math.max(0, Math.round(channels.emailDelayMs ?? 0)),
      );
      return { count: count < 0 ? null : count, emailDue: emailDue < 0 ? null : emailDue, inApp: inApp === 1 };
    },

    async unreadCount(userId: string): Promise<number> {
      const k = keysOf(userId);
      return redis.notificationCount(k.list, k.items, k.unread, k.read, cutoff());
    },

    /**
     * Newest first; `cursor` is the id of the last item of the previous page (of either listing: the
     * keyset is the same). `unreadOnly` lists only what is unread.
     */
    async page(userId: string, limit: number, cursor?: string, unreadOnly = false): Promise<NotificationPage> {
      const k = keysOf(userId);
      const maxScore = cursor ? scoreOfId(cursor) : '+inf';
      const flat = await redis.notificationPage(
        k.list,
        k.items,
        k.read,
        k.unread,
        maxScore,
        cursor ?? '',
        limit + 1,
        cutoff(),
        unreadOnly ? '1' : '0',
      );
      const items: Notification[] = [];
      for (let i = 0; i + 1 < flat.length; i += 3) {
        const json = flat[i + 1];
        if (typeof json !== 'string') continue;
        items.push({ ...(JSON.parse(json) as StoredNotification), readAt: flat[i + 2] || null });
      }
      const more = items.length > limit;
      const pageItems = more ? items.slice(0, limit) : items;
      return { items: pageItems, nextCursor: more ? (pageItems.at(-1)?.id ?? null) : null };
    },

    /** Returns null when the user has no such notification, else whether it was unread. */
    async markRead(userId: string, id: string): Promise<boolean | null> {
      const k = keysOf(userId);
      const result = await redis.notificationMarkRead(k.items, k.unread, k.read, id, new Date(now()).toISOString());
      return result < 0 ? null : result === 1;
    },

    /** Returns how many notifications were unread. */
    async markAllRead(userId: string): Promise<number> {
      const k = keysOf(userId);
      return redis.notificationMarkAllRead(k.unread, k.read, new Date(now()).toISOString());
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;

const ID_PATTERN = /^(\d{13})-[0-9a-f]{12}$/;

/** A notification id: 13-digit createdAt ms, then 12 hex digits; sorts by time as a string. */
export function newNotificationId(createdAtMs: number, random: string): string {
  return `${String(Math.max(0, Math.floor(createdAtMs))).padStart(13, '0')}-${random}`;
}

export const isNotificationId = (value: string): boolean => ID_PATTERN.test(value);

function scoreOfId(id: string): number {
  const match = ID_PATTERN.exec(id);
  if (!match?.[1]) throw new Error(`not a notification id: ${id}`);
  return Number(match[1]);
}
