import { describe, expect, it } from 'vitest';
import { toProblem } from '@taskflow/service-kit/http';
import { createPasswordHasher } from '../src/domain/password-hasher';

describe('password hasher', () => {
  it('refuses work past its queue with a typed overloaded error, which HTTP answers 503 + Retry-After', async () => {
    const hasher = createPasswordHasher({ concurrency: 1, queueLimit: 1 });
    const running = hasher.hash('first password');
    const queued = hasher.hash('second password');
    const refused = await hasher.hash('third password').catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'overloaded' });
    const { problem, headers } = toProblem(refused);
    expect(problem.status).toBe(503);
    expect(headers).toEqual({ 'Retry-After': '1' });
    await expect(Promise.all([running, queued])).resolves.toHaveLength(2);
  });
});
