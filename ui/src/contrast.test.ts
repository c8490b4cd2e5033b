// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_BACKGROUND, chartPalette } from './charts/palette';

// Reads the theme variables straight from styles.css, so a colour edit that
// breaks WCAG 2.1 AA contrast fails the build.
const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

function themeVars(theme: 'light' | 'dark'): Record<string, string> {
  const block = css.match(new RegExp(`:root\\[data-theme='${theme}'\\]\\s*\\{([^}]*)\\}`));
  if (!block) throw new Error(`no ${theme} theme block in styles.css`);
  return Object.fromEntries([...block[1].matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1], m[2]]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// [foreground, background, minimum ratio]
const PAIRS: [string, string, number][] = [
  ['text', 'bg', 4.5],
  ['text', 'surface', 4.5],
  ['text', 'accent-soft', 4.5],
  ['text-muted', 'bg', 4.5],
  ['text-muted', 'surface', 4.5],
  ['link', 'bg', 4.5],
  ['link', 'surface', 4.5],
  ['accent-text', 'accent', 4.5],
  ['error', 'surface', 4.5],
  ['error', 'bg', 4.5],
  ['error', 'error-bg', 4.5],
  ['nav-active-text', 'nav-active-bg', 4.5],
  ['focus', 'bg', 3],
  ['focus', 'surface', 3],
  ['border', 'surface', 3],
  ['warning', 'warning-bg', 4.5],
  ['warning', 'surface', 4.5],
  ['text', 'warning-bg', 4.5],
  ['success', 'surface', 4.5],
  ['success', 'bg', 4.5],
  // SQL highlighting in the query editor, also on a selection and on a line marked as an error.
  ...(['code-keyword', 'code-string', 'code-number', 'code-type', 'code-template', 'text', 'text-muted'] as const).flatMap(
    (fg): [string, string, number][] => [
      [fg, 'surface', 4.5],
      [fg, 'selection', 4.5],
      [fg, 'error-bg', 4.5],
    ],
  ),
  ['code-template', 'accent-soft', 4.5],
];

describe.each(['light', 'dark'] as const)('%s theme contrast', (theme) => {
  const vars = themeVars(theme);
  it.each(PAIRS)('%s on %s is at least %d:1', (fg, bg, min) => {
    expect(vars[fg], `--${fg}`).toBeDefined();
    expect(vars[bg], `--${bg}`).toBeDefined();
    expect(contrast(vars[fg], vars[bg])).toBeGreaterThanOrEqual(min);
  });
});

it('computes known ratios', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
});

// Chart series against the chart background: graphical objects need 3:1 (WCAG 2.1 1.4.11).
describe.each(['light', 'dark'] as const)('%s chart palette', (theme) => {
  const vars = themeVars(theme);
  it.each([...chartPalette(theme)])('%s on the surface is at least 3:1', (colour) => {
    expect(CHART_BACKGROUND[theme]).toBe(vars.surface);
    expect(contrast(colour, vars.surface)).toBeGreaterThanOrEqual(3);
  });
});
