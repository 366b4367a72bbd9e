import { PriceTable } from '../catalog/kaitoCatalog';

/**
 * Illustrative pay-as-you-go list prices (USD per node-hour, Azure East US / AWS us-east-1,
 * rounded) so cost estimates work out of the box. Real prices vary by region, contract
 * and date: configure your own under `kaito.catalog.prices`.
 *
 * @public
 */
export const EXAMPLE_PRICES: PriceTable = Object.freeze({
  currency: 'USD',
  perHour: Object.freeze({
    Standard_NV36ads_A10_v5: 3.2,
    Standard_NV72ads_A10_v5: 6.52,
    Standard_NC24ads_A100_v4: 3.67,
    Standard_NC48ads_A100_v4: 7.35,
    Standard_NC96ads_A100_v4: 14.69,
    Standard_ND96asr_A100_v4: 27.2,
    Standard_ND96amsr_A100_v4: 32.77,
    Standard_NC40ads_H100_v5: 6.98,
    Standard_NC80adis_H100_v5: 13.96,
    Standard_NCC40ads_H100_v5: 6.98,
    Standard_ND96isr_H100_v5: 98.32,
    Standard_ND96isr_H200_v5: 110.24,
    Standard_NC6s_v3: 3.06,
    Standard_NC12s_v3: 6.12,
    Standard_NC24s_v3: 12.24,
    Standard_NC4as_T4_v3: 0.53,
    Standard_NC8as_T4_v3: 0.75,
    Standard_NC16as_T4_v3: 1.2,
    Standard_NC64as_T4_v3: 4.35,
    'p4d.24xlarge': 32.77,
    'p4de.24xlarge': 40.97,
    'p5.48xlarge': 98.32,
    'g5.xlarge': 1.01,
    'g5.2xlarge': 1.21,
    'g5.4xlarge': 1.62,
    'g5.12xlarge': 5.67,
    'g5.48xlarge': 16.29,
    'g6.xlarge': 0.8,
    'g6.2xlarge': 0.98,
    'g6.12xlarge': 4.6,
    'g6.48xlarge': 13.35,
  }),
});
