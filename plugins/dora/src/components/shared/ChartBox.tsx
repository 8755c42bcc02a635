import { cloneElement, ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

const FIXED_WIDTH = 480;

/**
 * Sizes a chart: to its container where the browser can measure it (a
 * `ResizeObserver`), else at a fixed size (jsdom, where containers measure 0).
 */
export function ChartBox(props: {
  height: number;
  width?: number;
  children: ReactElement<{ width?: number; height?: number }>;
}) {
  const { height, width, children } = props;
  if (width !== undefined || typeof ResizeObserver === 'undefined') {
    const fixedWidth = width ?? FIXED_WIDTH;
    return (
      <div style={{ width: fixedWidth, height }}>
        {cloneElement(children, { width: fixedWidth, height })}
      </div>
    );
  }
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}
