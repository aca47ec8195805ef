import { useEffect, useRef } from 'react';
import { echarts, FONT } from './charts';

/** One echarts chart; `label` is read out instead of the canvas, which screen readers cannot see into. */
export function Chart({ option, label, height = 320 }: { option: Record<string, unknown>; label: string; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({ textStyle: { fontFamily: FONT }, aria: { enabled: true }, animation: false, ...option });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} className="chart" style={{ height }} role="img" aria-label={label} />;
}
