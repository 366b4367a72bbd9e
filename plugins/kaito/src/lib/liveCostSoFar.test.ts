import { liveCostSoFar } from './liveCostSoFar';

describe('liveCostSoFar', () => {
  const createdAt = '2026-11-22T10:00:00Z';
  it('counts on from creation while the workspace runs', () => {
    expect(liveCostSoFar({ costPerHour: 3.2, createdAt, costSoFar: 3.2 }, Date.parse('2026-11-22T12:30:00Z'))).toBe(8);
  });
  it("keeps the backend's figure once it stopped", () => {
    expect(liveCostSoFar({ costPerHour: 0, createdAt, costSoFar: 1.6, costStoppedAt: '2026-11-22T10:30:00Z' }, Date.parse('2026-11-23T10:00:00Z'))).toBe(1.6);
  });
  it('is undefined without a price', () => {
    expect(liveCostSoFar({ createdAt }, Date.parse('2026-11-22T12:30:00Z'))).toBeUndefined();
  });
});
