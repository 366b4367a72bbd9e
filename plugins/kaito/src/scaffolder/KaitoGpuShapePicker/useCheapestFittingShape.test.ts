import { renderHook } from '@testing-library/react';
import { skus } from '../../__testUtils__/fixtures';
import type { GpuShapeOption } from './fittingShapes';
import { useCheapestFittingShape } from './useCheapestFittingShape';

const option = (instanceType: string, costPerHour: number): GpuShapeOption => ({
  instanceType,
  nodeCount: 1,
  costPerHour,
  currency: 'USD',
  sku: skus[0],
  warnings: [],
});
const a10 = option('Standard_NV36ads_A10_v5', 3.2);
const a100 = option('Standard_NC24ads_A100_v4', 3.67);

type Props = Parameters<typeof useCheapestFittingShape>[0];

function render(initial: Omit<Props, 'onChange'>) {
  const onChange = jest.fn();
  const hook = renderHook((props: Omit<Props, 'onChange'>) => useCheapestFittingShape({ ...props, onChange }), {
    initialProps: initial,
  });
  return { onChange, rerender: hook.rerender };
}

describe('useCheapestFittingShape', () => {
  it('keeps a fitting choice', () => {
    const { onChange } = render({ preset: 'phi-3-mini-4k-instruct', options: [a10, a100], value: a100.instanceType });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('replaces a choice that does not fit with the cheapest fitting shape', () => {
    const { onChange } = render({ preset: 'phi-3-mini-4k-instruct', options: [a10, a100], value: 'Standard_NC6' });
    expect(onChange).toHaveBeenCalledWith(a10.instanceType);
  });

  it('waits while the shapes load', () => {
    const { onChange } = render({ preset: 'phi-3-mini-4k-instruct', options: undefined, value: 'Standard_NC6' });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reselects the cheapest fitting shape when the model changes, even if the old choice still fits', () => {
    const { onChange, rerender } = render({ preset: 'phi-3-mini-4k-instruct', options: [a10, a100], value: a100.instanceType });
    rerender({ preset: 'mistral-7b-instruct', options: undefined, value: a100.instanceType });
    expect(onChange).not.toHaveBeenCalled();
    rerender({ preset: 'mistral-7b-instruct', options: [a10, a100], value: a100.instanceType });
    expect(onChange).toHaveBeenCalledWith(a10.instanceType);
  });

  it('leaves the field alone when nothing fits', () => {
    const { onChange } = render({ preset: 'llama-3.1-405b', options: [], value: 'Standard_NC6' });
    expect(onChange).not.toHaveBeenCalled();
  });
});
