/** Building DOM without innerHTML for anything that comes from data, and reading the pane's Fluent controls. */
import type { Button, Checkbox, Dropdown, DropdownOption, Listbox, TextInput } from '@fluentui/web-components';

export type {
  Button as FluentButton,
  Checkbox as FluentCheckbox,
  Dropdown as FluentDropdown,
  DropdownOption as FluentOption,
  TextInput as FluentTextInput,
} from '@fluentui/web-components';

/** The Fluent UI web components the pane uses, by tag (registered by addin/fluent.ts). */
interface FluentElementTagNameMap {
  'fluent-button': Button;
  'fluent-checkbox': Checkbox;
  'fluent-dropdown': Dropdown;
  'fluent-listbox': Listbox;
  'fluent-option': DropdownOption;
  'fluent-text-input': TextInput;
}
type ElementTagNameMap = HTMLElementTagNameMap & FluentElementTagNameMap;

type Child = Node | string | null | undefined | false;

export function el<K extends keyof ElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): ElementTagNameMap[K] {
  const node = document.createElement(tag) as ElementTagNameMap[K];
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, '');
    else if (typeof value === 'string') node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`taskpane.html has no #${id}`);
  return node as T;
}

/** A Fluent component of the pane by id, checked to be the one named. */
export function fluentById<K extends keyof FluentElementTagNameMap>(id: string, tag: K): FluentElementTagNameMap[K] {
  const node = byId(id);
  if (node.localName !== tag) throw new Error(`#${id} is a <${node.localName}>, not a <${tag}>`);
  return node as FluentElementTagNameMap[K];
}

/** A text field (fluent-text-input) by id. */
export function textField(id: string): TextInput {
  return fluentById(id, 'fluent-text-input');
}

/** A dropdown (fluent-dropdown) by id. */
export function dropdown(id: string): Dropdown {
  return fluentById(id, 'fluent-dropdown');
}

/**
 * A secret's field by id: a native password input, not Fluent's text input, which copies what is
 * typed into its `current-value` attribute, where a key would sit in the page's markup.
 */
export function secretInput(id: string): HTMLInputElement {
  const node = byId(id);
  if (!(node instanceof HTMLInputElement) || node.type !== 'password') throw new Error(`#${id} is not a password field`);
  return node;
}

/** A native date field by id (Fluent has no date picker). */
export function dateInput(id: string): HTMLInputElement {
  const node = byId(id);
  if (!(node instanceof HTMLInputElement) || node.type !== 'date') throw new Error(`#${id} is not a date field`);
  return node;
}

/** A text field's text: '' until it is typed in or set (its `value` is undefined then, though typed a string). */
export function textOf(field: TextInput): string {
  return field.value ?? '';
}

/** What a field holds: a text field's text, a dropdown's chosen value ('' when none is chosen). */
export function fieldValue(id: string): string {
  const node = byId(id);
  if (node.localName === 'fluent-dropdown') return chosenValue(node as Dropdown);
  if (node.localName === 'fluent-text-input') return textOf(node as TextInput);
  throw new Error(`#${id} is a <${node.localName}>, not a field`);
}

/** A dropdown's options as they are in the DOM now. */
function optionsOf(list: Dropdown): DropdownOption[] {
  return [...list.querySelectorAll<DropdownOption>('fluent-option')];
}

/**
 * The value of a dropdown's chosen option, or '' when none is. Read off the options in the DOM:
 * the dropdown's own `value` reads its listbox's list of options, which follows a replacement only
 * after the slotchange (a task later), so it would still give an old market's run.
 */
export function chosenValue(list: Dropdown): string {
  return optionsOf(list).find((option) => option.selected)?.value ?? '';
}

/**
 * Chooses a dropdown's option by value (none when no option has it). Like setting a native select's
 * value it fires no change event; the dropdown's text follows the options' selected state.
 */
export function choose(list: Dropdown, value: string): void {
  for (const option of optionsOf(list)) option.selected = option.value === value;
}

/**
 * Replaces a dropdown's options with [value, label] pairs, `chosen` selected when one has that
 * value and the first otherwise (as a native select shows its first option).
 */
export function setOptions(list: Dropdown, options: [value: string, label: string][], chosen?: string): void {
  const picked = options.some(([value]) => value === chosen) ? chosen : options[0]?.[0];
  let listbox = list.querySelector<Listbox>('fluent-listbox');
  if (!listbox) listbox = list.appendChild(el('fluent-listbox'));
  listbox.replaceChildren(...options.map(([value, label]) => el('fluent-option', { value, selected: value === picked }, label)));
}
