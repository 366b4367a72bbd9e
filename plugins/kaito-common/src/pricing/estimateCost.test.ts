import { estimateCost, pricePerNodeHour } from './estimateCost';
import { EXAMPLE_PRICES } from './examplePrices';
import { lookupSku } from '../sku/lookupSku';

const prices = { currency: 'EUR', perHour: { Standard_NC24ads_A100_v4: 3.5 } };

describe('pricePerNodeHour', () => {
  it.each([
    ['Standard_NC24ads_A100_v4', 3.5],
    ['standard_nc24ads_a100_v4', 3.5],
    ['Standard_NV36ads_A10_v5', undefined],
  ])('prices %s at %s', (sku, expected) => {
    expect(pricePerNodeHour(sku, prices)).toBe(expected);
  });

  it('has no price without a table', () => {
    expect(pricePerNodeHour('Standard_NC24ads_A100_v4', undefined)).toBeUndefined();
  });
});

describe('estimateCost', () => {
  it.each([
    [1, { currency: 'EUR', perHour: 3.5, perMonth: 2555 }],
    [3, { currency: 'EUR', perHour: 10.5, perMonth: 7665 }],
  ])('multiplies by %i node(s)', (nodes, expected) => {
    expect(estimateCost('Standard_NC24ads_A100_v4', nodes, prices)).toEqual(expected);
  });

  it('is undefined for an unpriced SKU', () => {
    expect(estimateCost('g5.xlarge', 1, prices)).toBeUndefined();
  });
});

describe('EXAMPLE_PRICES', () => {
  it.each(Object.entries(EXAMPLE_PRICES.perHour))('%s is a known SKU with a positive price', (sku, price) => {
    expect(lookupSku(sku)).toBeDefined();
    expect(price).toBeGreaterThan(0);
  });
});
