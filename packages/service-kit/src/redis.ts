import { Redis } from 'ioredis';

export { Redis };

/** A Redis client whose keys all carry the service's prefix (so test runs never collide). */
export function createRedis(url: string, keyPrefix = ''): Redis {
  return new Redis(url, { keyPrefix, maxRetriesPerRequest: 3, enableAutoPipelining: true });
}
