/**
 * Fluent UI web components (Microsoft's Fluent design, bundled: no CDN, no web fonts) for the
 * taskpane's buttons, text fields, dropdowns and checkboxes, so it looks like Office. Their design
 * tokens are CSS custom properties set by `setTheme`: Fluent's light or dark theme, as the pane's own
 * theme (Office's, else the system's prefers-color-scheme), on a brand ramp around gridcell's green
 * accent. Each component used is registered here (addin/dom.ts reads and builds them); the date
 * fields stay native (Fluent has no date picker), drawn with the same tokens by taskpane.css.
 */
import '@fluentui/web-components/button.js';
import '@fluentui/web-components/checkbox.js';
import '@fluentui/web-components/dropdown.js';
import '@fluentui/web-components/listbox.js';
import '@fluentui/web-components/option.js';
import '@fluentui/web-components/text-input.js';
import { setTheme, type Button } from '@fluentui/web-components';
import { createDarkTheme, createLightTheme, type BrandVariants } from '@fluentui/tokens';

export type { Button as FluentButton } from '@fluentui/web-components';

/** 10 darkest .. 160 lightest; 80 is taskpane.css's light --accent, 110 its dark one. */
const GRIDCELL_GREEN: BrandVariants = {
  10: '#040c0a',
  20: '#061915',
  30: '#082620',
  40: '#0a332b',
  50: '#0c4135',
  60: '#0e4e40',
  70: '#105b4b',
  80: '#126856',
  90: '#1a7d68',
  100: '#2a927b',
  110: '#4fb89e',
  120: '#6cc7b0',
  130: '#8ad4c1',
  140: '#a8e0d1',
  150: '#c6ece1',
  160: '#e4f6f0',
};
const LIGHT = createLightTheme(GRIDCELL_GREEN);
const DARK = createDarkTheme(GRIDCELL_GREEN);

/** The components registered above, which fast-element 3 defines asynchronously (after a promise). */
const COMPONENTS = ['fluent-button', 'fluent-checkbox', 'fluent-dropdown', 'fluent-listbox', 'fluent-option', 'fluent-text-input'];

/**
 * Resolves once every component is defined, so the pane's elements are upgraded: a dropdown's
 * chosen option or a text field's value is read off the component, which a bare element has not.
 */
export async function fluentDefined(): Promise<void> {
  await Promise.all(COMPONENTS.map((tag) => customElements.whenDefined(tag)));
}

/** Sets Fluent's tokens for the pane's theme now and whenever the system's scheme changes. */
export function followThemeWithFluent(root: HTMLElement): void {
  const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = (): void => setTheme((root.dataset.theme ?? (systemDark.matches ? 'dark' : 'light')) === 'dark' ? DARK : LIGHT);
  apply();
  systemDark.addEventListener('change', apply);
}

/**
 * Enter in a native field (a date) submits its form, as it did with a native submit button: a
 * form-associated custom element is no form's default button, so the browser's implicit submission
 * skips it. (A fluent-text-input submits its own form on Enter: its event reaches here from its host.)
 */
export function submitOnEnter(form: HTMLFormElement): void {
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    const submit = form.querySelector<Button>('fluent-button[type="submit"]');
    if (!submit || submit.disabled) return;
    event.preventDefault();
    form.requestSubmit();
  });
}
