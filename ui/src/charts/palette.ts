/**
 * Series colours of charts. Each keeps at least 3:1 contrast against the chart's background in
 * its theme (WCAG 2.1 AA 1.4.11, graphical objects); contrast.test.ts checks it.
 */
const LIGHT = ['#1d4ed8', '#b45309', '#047857', '#be123c', '#6d28d9', '#0e7490', '#4d7c0f', '#9d174d'] as const;
const DARK = ['#8ab4ff', '#f5a524', '#4ade80', '#fb7185', '#c4a7ff', '#22d3ee', '#a3e635', '#f9a8d4'] as const;

/** The background charts are drawn on (the theme's --surface). */
export const CHART_BACKGROUND = { light: '#ffffff', dark: '#181b21' } as const;

export function chartPalette(theme: 'light' | 'dark'): readonly string[] {
  return theme === 'dark' ? DARK : LIGHT;
}
