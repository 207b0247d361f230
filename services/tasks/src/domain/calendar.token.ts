import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Calendar feed tokens. The token in a feed's address is the only thing that guards it, so it is
 * unguessable (an HMAC-SHA-256 of 128 random bits, 256 bits long) and never stored: the database
 * keeps the random nonce and the token's SHA-256, and the token is derived again from the nonce
 * with a secret that lives outside the database. That is what lets the owner see their address as
 * often as they like while a copy of the database alone opens no feed.
 */

/** 128 random bits, new on creation and on every rotation. */
export const newFeedNonce = (): string => randomBytes(16).toString('base64url');

export const feedToken = (secret: Buffer, userId: string, nonce: string): string =>
  createHmac('sha256', secret).update(`calendar-feed:${userId}:${nonce}`).digest('base64url');

export const feedTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** What a token looks like (43 base64url characters); anything else names no feed and is not looked up. */
export const isFeedTokenShaped = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);
