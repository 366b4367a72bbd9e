import { seededRandom } from './seededRandom';

describe('seededRandom', () => {
  const take = (seed: number, n = 5) => {
    const random = seededRandom(seed);
    return Array.from({ length: n }, () => random.next());
  };

  it('repeats the same sequence for the same seed', () => {
    expect(take(42)).toEqual(take(42));
  });

  it('gives another sequence for another seed', () => {
    expect(take(42)).not.toEqual(take(43));
  });

  it('gives forks their own sequence, itself reproducible', () => {
    const a = seededRandom(7).fork();
    const b = seededRandom(7).fork();
    expect(a.next()).toBe(b.next());
    expect(take(7, 1)[0]).not.toBe(seededRandom(7).fork().next());
  });

  it('keeps int(n) within [0, n) and reaches both ends', () => {
    const random = seededRandom(3);
    const values = new Set(Array.from({ length: 1000 }, () => random.int(4)));
    expect([...values].sort()).toEqual([0, 1, 2, 3]);
  });

  it.each([
    [0, 0],
    [1, 1000],
  ])('is true %s of the time with chance(%s)', (p, expected) => {
    const random = seededRandom(5);
    expect(Array.from({ length: 1000 }, () => random.chance(p)).filter(Boolean).length).toBe(expected);
  });
});
