import type { Redis, Result } from 'ioredis';

/**
 * The email outbox: what is still to be emailed to whom, written by the same Lua script that stores
 * the notification (notification.repository.ts), so an event is enqueued for email exactly when
 * its idempotency marker is set, and a redelivery cannot enqueue it twice.
 *
 * Per recipient, hash-tagged like the rest of their keys (one cluster slot):
 *   n:{uid}:outbox        hash  notification id → notification JSON
 *   n:{uid}:outbox:due    zset  notification id → time it may be sent (enqueued + batch window, or at once)
 *   n:{uid}:outbox:state  hash  lease, leaseUntil (who is sending, until when), attempts, retryAt (back-off)
 *
 * And one index of recipients with pending email, so a dispatcher need not scan every user:
 *   mail:{outbox}:due     zset  uid → when to look at that recipient next
 *   mail:{outbox}:touch   hash  uid → counter bumped by every enqueue
 *
 * The index lives in its own slot, so it is updated by a second call right after an insert that
 * moves the recipient's due (their first pending item, or one due sooner); the consumer acks only
 * after both, and repeats the second on a redelivery, so a recipient with pending email is always
 * indexed. A dispatcher removes a recipient from the index only if nothing was
 * enqueued since it claimed them (the touch counter), so a concurrent enqueue is never unindexed.
 * All times are Redis's clock (TIME), so instances with skewed clocks agree on leases and windows.
 */

export const outboxKeysOf = (userId: string) => {
  const base = `n:{${userId}}:outbox`;
  return { outbox: base, due: `${base}:due`, state: `${base}:state` };
};
const INDEX = { due: 'mail:{outbox}:due', touch: 'mail:{outbox}:touch' };

/**
 * Lua helpers shared with the insert script. `emailDue(due, state)` is when the recipient's pending
 * email may go: the earliest item's time (a batch window starts at the first pending item), but not
 * before a back-off ends; -1 when nothing is pending.
 */
export const OUTBOX_LUA = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function emailDue(dueKey, stateKey)
  local first = redis.call('ZRANGE', dueKey, 0, 0, 'WITHSCORES')
  if #first == 0 then return -1 end
  local retryAt = tonumber(redis.call('HGET', stateKey, 'retryAt') or '0')
  return math.max(tonumber(first[2]), retryAt)
end
local function enqueueEmail(outboxKey, dueKey, id, json, delayMs)
  redis.call('HSET', outboxKey, id, json)
  redis.call('ZADD', dueKey, nowMs() + tonumber(delayMs), id)
end
`;

/** KEYS: index due, touch. ARGV: uid, due. Looks at the recipient no later than `due`. */
const SCHEDULE = `
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not current or tonumber(ARGV[2]) < tonumber(current) then redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) end
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
return 1`;

/**
 * KEYS: index due, touch. ARGV: leaseMs, limit. Takes recipients whose time has come and pushes
 * their time a lease ahead, so other instances skip them meanwhile (and retake them if this one
 * dies). Returns [uid, touch, ...].
 */
const CLAIM_RECIPIENTS = `${OUTBOX_LUA}
local now = nowMs()
local out = {}
for _, uid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))) do
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), uid)
  out[#out + 1] = uid
  out[#out + 1] = redis.call('HGET', KEYS[2], uid) or '0'
end
return out`;

/** KEYS: index due, touch. ARGV: uid, touch at claim, next due (-1: nothing pending). */
const RESCHEDULE = `
local untouched = (redis.call('HGET', KEYS[2], ARGV[1]) or '0') == ARGV[2]
local nextDue = tonumber(ARGV[3])
if untouched and nextDue < 0 then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
elseif untouched then
  redis.call('ZADD', KEYS[1], nextDue, ARGV[1])
elseif nextDue >= 0 then
  local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
  if not current or nextDue < tonumber(current) then redis.call('ZADD', KEYS[1], nextDue, ARGV[1]) end
end
return 1`;

/**
 * KEYS: outbox, due, state. ARGV: token, leaseMs, max. Leases the recipient's pending items if they
 * are due and nobody else holds a live lease. Returns ['busy', until] | ['later', due] | ['empty'] |
 * ['claimed', attempts, id, json, ...].
 */
const CLAIM_ITEMS = `${OUTBOX_LUA}
local now = nowMs()
local holder = redis.call('HGET', KEYS[3], 'lease')
local leaseUntil = tonumber(redis.call('HGET', KEYS[3], 'leaseUntil') or '0')
if holder and holder ~= ARGV[1] and leaseUntil > now then return {'busy', leaseUntil} end
local due = emailDue(KEYS[2], KEYS[3])
if due < 0 then
  redis.call('DEL', KEYS[3])
  return {'empty'}
end
if due > now then return {'later', due} end
redis.call('HSET', KEYS[3], 'lease', ARGV[1], 'leaseUntil', now + tonumber(ARGV[2]))
local out = {'claimed', redis.call('HGET', KEYS[3], 'attempts') or '0'}
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[3]) - 1)) do
  local json = redis.call('HGET', KEYS[1], id)
  if json then
    out[#out + 1] = id
    out[#out + 1] = json
  else
    redis.call('ZREM', KEYS[2], id)
  end
end
return out`;

/** KEYS: outbox, due, state. ARGV: token, ids... Marks items sent. Returns the next due or -1. */
const COMPLETE = `${OUTBOX_LUA}
for i = 2, #ARGV do
  redis.call('HDEL', KEYS[1], ARGV[i])
  redis.call('ZREM', KEYS[2], ARGV[i])
end
if redis.call('HGET', KEYS[3], 'lease') == ARGV[1] then redis.call('HDEL', KEYS[3], 'lease', 'leaseUntil') end
redis.call('HDEL', KEYS[3], 'attempts', 'retryAt')
return emailDue(KEYS[2], KEYS[3])`;

/**
 * KEYS: outbox, due, state. ARGV: token, delayMs, countAttempt ('1'/'0'). Gives the items back
 * untouched, to be retried after `delayMs`. Returns the next due.
 */
const RELEASE = `${OUTBOX_LUA}
if ARGV[3] == '1' then redis.call('HINCRBY', KEYS[3], 'attempts', 1) end
redis.call('HSET', KEYS[3], 'retryAt', nowMs() + tonumber(ARGV[2]))
if redis.call('HGET', KEYS[3], 'lease') == ARGV[1] then redis.call('HDEL', KEYS[3], 'lease', 'leaseUntil') end
return emailDue(KEYS[2], KEYS[3])`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    outboxSchedule(due: string, touch: string, uid: string, at: number): Result<number, Context>;
    outboxClaimRecipients(due: string, touch: string, leaseMs: number, limit: number): Result<string[], Context>;
    outboxReschedule(due: string, touch: string, uid: string, touched: string, next: number): Result<number, Context>;
    outboxClaimItems(
      outbox: string,
      due: string,
      state: string,
      token: string,
      leaseMs: number,
      max: number,
    ): Result<(string | number)[], Context>;
    outboxComplete(outbox: string, due: string, state: string, ...argv: string[]): Result<number, Context>;
    outboxRelease(
      outbox: string,
      due: string,
      state: string,
      token: string,
      delayMs: number,
      countAttempt: string,
    ): Result<number, Context>;
  }
}

export interface ClaimedRecipient {
  userId: string;
  /** The recipient's enqueue counter when claimed; see RESCHEDULE. */
  touch: string;
}

export type ItemsClaim =
  | { kind: 'busy'; until: number }
  | { kind: 'later'; due: number }
  | { kind: 'empty' }
  | { kind: 'claimed'; attempts: number; items: { id: string; json: string }[] };

/** How many recipients a depth reading looks at, at most. */
const DEPTH_SCAN_LIMIT = 10_000;

export function createEmailOutboxRepository(redis: Redis) {
  redis.defineCommand('outboxSchedule', { numberOfKeys: 2, lua: SCHEDULE });
  redis.defineCommand('outboxClaimRecipients', { numberOfKeys: 2, lua: CLAIM_RECIPIENTS });
  redis.defineCommand('outboxReschedule', { numberOfKeys: 2, lua: RESCHEDULE });
  redis.defineCommand('outboxClaimItems', { numberOfKeys: 3, lua: CLAIM_ITEMS });
  redis.defineCommand('outboxComplete', { numberOfKeys: 3, lua: COMPLETE });
  redis.defineCommand('outboxRelease', { numberOfKeys: 3, lua: RELEASE });

  return {
    /** Indexes a recipient whose pending email is due at `due` (idempotent; also after a redelivery). */
    async schedule(userId: string, due: number): Promise<void> {
      await redis.outboxSchedule(INDEX.due, INDEX.touch, userId, due);
    },

    async claimRecipients(leaseMs: number, limit: number): Promise<ClaimedRecipient[]> {
      const flat = await redis.outboxClaimRecipients(INDEX.due, INDEX.touch, leaseMs, limit);
      const out: ClaimedRecipient[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) out.push({ userId: flat[i]!, touch: flat[i + 1]! });
      return out;
    },

    /** After looking at a claimed recipient: when to look again (`nextDue`), or -1 for nothing pending. */
    async reschedule(claimed: ClaimedRecipient, nextDue: number): Promise<void> {
      await redis.outboxReschedule(INDEX.due, INDEX.touch, claimed.userId, claimed.touch, nextDue);
    },

    async claimItems(userId: string, token: string, leaseMs: number, max: number): Promise<ItemsClaim> {
      const k = outboxKeysOf(userId);
      const [kind, first, ...rest] = await redis.outboxClaimItems(k.outbox, k.due, k.state, token, leaseMs, max);
      if (kind === 'busy') return { kind, until: Number(first) };
      if (kind === 'later') return { kind, due: Number(first) };
      if (kind === 'empty') return { kind };
      const items: { id: string; json: string }[] = [];
      for (let i = 0; i + 1 < rest.length; i += 2) items.push({ id: String(rest[i]), json: String(rest[i + 1]) });
      return { kind: 'claimed', attempts: Number(first), items };
    },

    /** Removes sent items; returns when the rest (enqueued meanwhile) is due, or -1. */
    complete(userId: string, token: string, ids: string[]): Promise<number> {
      const k = outboxKeysOf(userId);
      return redis.outboxComplete(k.outbox, k.due, k.state, token, ...ids);
    },

    /** Keeps the items for a retry after `delayMs`; returns when they are due again. */
    release(userId: string, token: string, delayMs: number, countAttempt: boolean): Promise<number> {
      const k = outboxKeysOf(userId);
      return redis.outboxRelease(k.outbox, k.due, k.state, token, Math.round(delayMs), countAttempt ? '1' : '0');
    },

    /** Notifications waiting to be emailed, over every indexed recipient. */
    async pendingCount(): Promise<number> {
      const userIds = await redis.zrange(INDEX.due, 0, DEPTH_SCAN_LIMIT - 1);
      if (userIds.length === 0) return 0;
      const pipeline = redis.pipeline();
      for (const userId of userIds) pipeline.hlen(outboxKeysOf(userId).outbox);
      const results = (await pipeline.exec()) ?? [];
      return results.reduce((sum, [err, n]) => sum + (err ? 0 : Number(n)), 0);
    },
  };
}

export type EmailOutboxRepository = ReturnType<typeof createEmailOutboxRepository>;
