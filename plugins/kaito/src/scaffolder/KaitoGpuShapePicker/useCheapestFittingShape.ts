import { useEffect, useRef } from 'react';
import type { GpuShapeOption } from './fittingShapes';

/**
 * Keeps the field on a shape that fits: once the fitting shapes of a preset
 * are known, a value that is not among them (the template's default, or the
 * choice made for another model) becomes the cheapest fitting one, and so
 * does any value when the model changes while the field is shown.
 *
 * @internal
 */
export function useCheapestFittingShape(props: {
  preset?: string;
  /** Fitting shapes of `preset`, cheapest first; `undefined` while loading. */
  options?: GpuShapeOption[];
  value?: string;
  onChange(value: string): void;
}): void {
  const { preset, options, value, onChange } = props;
  // The preset whose shapes were last applied.
  const settledFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!preset || !options) {
      return;
    }
    const cheapest = options[0]?.instanceType;
    const modelChanged =
      settledFor.current !== undefined && settledFor.current !== preset;
    settledFor.current = preset;
    const fits = options.some(option => option.instanceType === value);
    if (cheapest && cheapest !== value && (modelChanged || !fits)) {
      onChange(cheapest);
    }
  }, [preset, options, value, onChange]);
}
