import type { LocatorDescription } from './recording';

/**
 * A recorded element as page-object code: Playwright's structured locator → `getByRole` / `getByLabel` /
 * `getByText`… on `this.page`, and a field name from its accessible name (`saveButton`, `deviceNameField`).
 * Raw CSS only where the recorder found nothing better; such code says so in a comment.
 */
export interface LocatorCode {
  code: string;
  /** The recorder fell back to CSS or XPath: the generated field gets a comment saying why. */
  raw: boolean;
  field: string;
}

/** A TypeScript string literal in single quotes, as the project writes them. */
export const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const words = (s: string) => s.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/).filter(Boolean).slice(0, 5);
export const camelCase = (s: string): string => {
  const w = words(s).map((x) => x.toLowerCase());
  const name = w.map((x, i) => (i ? x[0]!.toUpperCase() + x.slice(1) : x)).join('');
  return /^[a-z_$]/.test(name) ? name : `item${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
};
export const pascalCase = (s: string): string => { const c = camelCase(s); return c[0]!.toUpperCase() + c.slice(1); };

const ROLE_NOUN: Record<string, string> = {
  button: 'Button', link: 'Link', textbox: 'Field', searchbox: 'Field', spinbutton: 'Field', combobox: 'Select', listbox: 'List',
  checkbox: 'Checkbox', radio: 'Option', tab: 'Tab', menuitem: 'MenuItem', option: 'Option', heading: 'Heading', row: 'Row', cell: 'Cell',
  dialog: 'Dialog', alert: 'Alert', status: 'Status', img: 'Image', navigation: 'Navigation', table: 'Table', switch: 'Switch',
};

const nameOf = (d: LocatorDescription): string | undefined => {
  const n = d.options?.name;
  return typeof n === 'string' ? n : n?.source;
};

function options(d: LocatorDescription, withName: boolean): string {
  const parts: string[] = [];
  const name = d.options?.name;
  if (withName && name !== undefined) parts.push(`name: ${typeof name === 'string' ? quote(name) : `/${name.source}/${name.flags}`}`);
  if (d.options?.exact) parts.push('exact: true');
  if (d.options?.level !== undefined) parts.push(`level: ${d.options.level}`);
  if (d.options?.checked !== undefined) parts.push(`checked: ${d.options.checked}`);
  return parts.length ? `, { ${parts.join(', ')} }` : '';
}

/** One link of the chain as a call on `base` (`this.page`, or the locator so far). Undefined: not expressible. */
function call(d: LocatorDescription): { code: string; raw: boolean } | undefined {
  const body = typeof d.body === 'string' ? d.body : '';
  switch (d.kind) {
    case 'role': return { code: `.getByRole(${quote(body)}${options(d, true)})`, raw: false };
    case 'label': return { code: `.getByLabel(${quote(body)}${options(d, false)})`, raw: false };
    case 'text': return { code: `.getByText(${quote(body)}${options(d, false)})`, raw: false };
    case 'placeholder': return { code: `.getByPlaceholder(${quote(body)}${options(d, false)})`, raw: false };
    case 'alt': return { code: `.getByAltText(${quote(body)}${options(d, false)})`, raw: false };
    case 'title': return { code: `.getByTitle(${quote(body)}${options(d, false)})`, raw: false };
    case 'test-id': return { code: `.getByTestId(${quote(body)})`, raw: false };
    case 'first': return { code: '.first()', raw: false };
    case 'last': return { code: '.last()', raw: false };
    case 'nth': return { code: `.nth(${Number(body)})`, raw: false };
    case 'visible': return { code: '.filter({ visible: true })', raw: false };
    case 'has-text': return { code: `.filter({ hasText: ${quote(body)} })`, raw: false };
    case 'frame': return { code: '.contentFrame()', raw: false };
    case 'default': {
      // An iframe the recorder knew only by its title attribute: getByTitle finds the same element.
      const titled = /^iframe\[title="([^"]+)"(?:i|s)?\]$/.exec(body);
      if (titled) return { code: `.getByTitle(${quote(titled[1]!)})`, raw: false };
      // A bare heading tag (the recorder's choice when it was unique on the page): the heading role of that level.
      const heading = /^h([1-6])$/.exec(body);
      if (heading) return { code: `.getByRole('heading', { level: ${heading[1]} })`, raw: false };
      return { code: `.locator(${quote(body)})`, raw: true };
    }
    default: return undefined;
  }
}

/**
 * The field's name: the last named element of the chain and what it is (`deviceNameField`, `saveButton`); for an
 * element the recorder found by CSS, the text a check expects of it (`joinAMeetingHeading`).
 */
function fieldName(d: LocatorDescription, hint?: string): string {
  const chain: LocatorDescription[] = [];
  for (let x: LocatorDescription | undefined = d; x; x = x.next) chain.push(x);
  const named = [...chain].reverse().find((x) => ['role', 'label', 'text', 'placeholder', 'alt', 'title', 'test-id'].includes(x.kind));
  if (!named) {
    const tag = typeof chain.at(-1)?.body === 'string' ? String(chain.at(-1)!.body) : '';
    const noun = /^h[1-6]$/.test(tag) ? 'Heading' : 'Text';
    return hint && words(hint).length ? `${camelCase(hint)}${noun}` : /^h[1-6]$/.test(tag) ? 'heading' : 'element';
  }
  const text = named.kind === 'role' ? nameOf(named) ?? named.body as string : String(named.body);
  const noun = named.kind === 'role' ? ROLE_NOUN[named.body as string] ?? pascalCase(named.body as string)
    : named.kind === 'label' || named.kind === 'placeholder' ? 'Field' : named.kind === 'text' ? 'Text' : '';
  // An unnamed element (a status line, a dialog) is called what it is.
  if (!words(text).length) return noun ? noun[0]!.toLowerCase() + noun.slice(1) : 'element';
  const base = camelCase(text);
  return noun && !base.toLowerCase().endsWith(noun.toLowerCase()) ? `${base}${noun}` : base;
}

export function locatorCode(d: LocatorDescription, hint?: string): LocatorCode | undefined {
  let code = 'this.page';
  let raw = false;
  for (let x: LocatorDescription | undefined = d; x; x = x.next) {
    const c = call(x);
    if (!c) return undefined;
    code += c.code;
    raw ||= c.raw;
  }
  return { code, raw, field: fieldName(d, hint) };
}

/** What the element is, in words, for step titles and messages ("button 'Save'", "field 'Device Name'"). */
export function describeElement(d: LocatorDescription): string {
  let last = d;
  for (let x: LocatorDescription | undefined = d; x; x = x.next) if (['role', 'label', 'text', 'placeholder', 'alt', 'title'].includes(x.kind)) last = x;
  if (last.kind === 'role') return `${last.body as string} '${nameOf(last) ?? ''}'`.replace(/ ''$/, '');
  return `'${String(last.body)}'`;
}

/** Whether the element is a password-like field: what is typed there is a secret and is never written down. */
export function isSecretField(d: LocatorDescription | undefined): boolean {
  if (!d) return false;
  for (let x: LocatorDescription | undefined = d; x; x = x.next) {
    const text = x.kind === 'role' ? nameOf(x) ?? '' : typeof x.body === 'string' ? x.body : '';
    if (/pass(word|code|phrase)?\b|\bpin\b|secret|one-time|otp\b|kennwort|mot de passe|contraseña/i.test(text) || /type=["']?password/i.test(text)) return true;
  }
  return false;
}
