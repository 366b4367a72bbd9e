import { RateLimiter } from './rateLimiter';

describe('RateLimiter', () => {
  it('allows perMinute requests per user in any minute, then says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.tryTake('ann')).toEqual({ ok: true });
    now = 10_000;
    expect(limiter.tryTake('ann')).toEqual({ ok: true });
    expect(limiter.tryTake('bob')).toEqual({ ok: true });
    now = 20_000;
    expect(limiter.tryTake('ann')).toEqual({ ok: false, retryAfterSeconds: 40 });
    now = 60_001;
    expect(limiter.tryTake('ann')).toEqual({ ok: true });
  });
});
