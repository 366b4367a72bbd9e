import { StreamLimiter } from './streamLimiter';

describe('StreamLimiter', () => {
  it('gives each user perUser slots and frees one on release, once', () => {
    const limiter = new StreamLimiter(2);
    const first = limiter.tryAcquire('ann');
    const second = limiter.tryAcquire('ann');
    expect(first && second).toBeDefined();
    expect(limiter.tryAcquire('ann')).toBeUndefined();
    expect(limiter.tryAcquire('bob')).toBeDefined();
    first!();
    first!();
    expect(limiter.held('ann')).toBe(1);
    expect(limiter.tryAcquire('ann')).toBeDefined();
    expect(limiter.tryAcquire('ann')).toBeUndefined();
  });
});
