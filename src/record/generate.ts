import { normalizePath } from '../diagnosis/endpoints';
import { UserInputError } from '../errors';
import type { RecordedAction } from './recording';
import { camelCase, describeElement, isSecretField, locatorCode, pascalCase, quote, type LocatorCode } from './locator-code';
import { isSignInScreen, splitIntoScreens, type Screen } from './screens';

/**
 * A recording → the code a careful engineer would write in the portal plug-in: page objects grouped by screen
 * (locators as readonly fields, one intent method per visit), a spec with one step per screen and the recorded
 * checks as web-first expectations, the task's row. Pure: the caller decides what exists and writes the files.
 */
export interface PluginView {
  portal: string;
  fixture: string;
  /** The plug-in signs in itself: sign-in steps in the recording are dropped. */
  signsIn: boolean;
  /** Existing page objects by class name: their file and the property name in `pages:` (if registered). */
  pageObjects: Record<string, { file: string; property?: string; source: string }>;
  /** Values never to write down (the configured password, TOTP secret). */
  secrets: string[];
  /** The plug-in's settings prefix, for a setting that holds a password typed during the task. */
  envPrefix: string;
  baseUrl: string;
}

export interface TaskRequest {
  task: string;
  title: string;
  recordedAt: string;
}

export interface GeneratedPageObject {
  className: string;
  file: string;
  property: string;
  /** The whole file for a new page object; the members to add for an existing one. */
  source: string;
  isNew: boolean;
}

export interface Generated {
  pageObjects: GeneratedPageObject[];
  spec: { file: string; source: string };
  taskRow: string[];
  /** A sign-in for a plug-in that had none: its page object and the definition's new `signIn`. */
  signIn?: { file: string; className: string; source: string; definition: string };
  warnings: string[];
  destructive?: string;
}

const GENERIC = /^(ok|save|submit|next|apply|continue|yes|done|go|search|find|add|add new|update|confirm|finish|close|back|cancel)$/i;
/** Pressing these only looks something up or moves on: not a change to the portal. */
const LOOKS_ONLY = /^(find|search|filter|go|view|show|open|refresh|next|back|previous|cancel|close|sign in|log ?in|details|more|join)\b/i;
/** A screen named for what it does ("Add ESXi Host", "Edit user"): its generic OK/Save does exactly that. */
const ACTION_TITLE = /^(add|create|new|edit|delete|remove|upgrade|install|join|pay|replace|change|reset|assign|import|export|schedule|book|request|register|set|update)\b/i;
const SIDE_EFFECT = /\b(save|submit|delete|remove|add|create|apply|reboot|restart|pay|update|confirm|upgrade|reset|finish|send|approve|assign|import|upload|resume|start|stop|lock|disable|enable)\b/i;
const kebab = (s: string) => camelCase(s).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const constName = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
const ASSERTIONS = new Set(['assertText', 'assertValue', 'assertChecked', 'assertVisible']);

/** A screen's name: its heading, else the last words of its path (`phoneFindList.do` → "Phone Find List"), else Home. */
function screenName(screen: Screen): string {
  // Words with digits are this run's data (an amount, an invoice number), not the screen's name.
  const heading = screen.heading?.replace(/\S*\d\S*/g, ' ').replace(/[·•|–—:]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (heading && /\p{L}/u.test(heading)) return heading.slice(0, 60);
  const last = screen.path.split('/').filter((s) => s && normalizePath(`/${s}`) !== '/:id').at(-1)?.replace(/\.\w+$/, '');
  return last ? last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase()) : 'Home';
}

interface Field { name: string; code: LocatorCode; element: string }

/** The page object of one screen being built: its fields, methods and what the spec calls. */
class PageObjectDraft {
  readonly fields = new Map<string, Field>();
  readonly methods: string[] = [];
  readonly methodNames = new Set<string>();
  needsOpen?: string;

  constructor(readonly className: string, readonly title: string, readonly existing?: { file: string; property?: string; source: string }) {
    for (const m of existing?.source.matchAll(/^\s+(?:readonly\s+|get\s+|async\s+)?(\w+)[(:]/gm) ?? []) this.methodNames.add(m[1]!);
  }

  field(action: RecordedAction): Field {
    const code = action.locator && locatorCode(action.locator, action.name === 'assertText' ? action.text : undefined);
    if (!code) throw new UserInputError(`the element of a recorded "${action.name}" (${action.selector ?? 'no selector'}) cannot be written as a locator.`);
    const same = [...this.fields.values()].find((f) => f.code.code === code.code);
    if (same) return same;
    let name = code.field;
    for (let i = 2; this.fields.has(name) || (this.methodNames.has(name) && !this.existingField(name, code)); i++) name = `${code.field}${i}`;
    const field = { name, code, element: describeElement(action.locator!) };
    this.fields.set(name, field);
    return field;
  }

  private existingField(name: string, code: LocatorCode): boolean {
    return !!this.existing?.source.includes(code.code.replace('this.page', 'page')) && this.methodNames.has(name);
  }

  /** Its name in the plug-in's `pages:` (and so in specs): the existing one, else the screen's title in camelCase. */
  get property(): string {
    return this.existing?.property ?? camelCase(this.title);
  }

  uniqueMethod(name: string): string {
    let unique = name;
    for (let i = 2; this.methodNames.has(unique) || this.fields.has(unique); i++) unique = `${name}${i}`;
    this.methodNames.add(unique);
    return unique;
  }
}

interface SpecStep { title: string; lines: string[] }

export function generateTask(actions: readonly RecordedAction[], plugin: PluginView, request: TaskRequest): Generated {
  const warnings: string[] = [];
  const isSecret = (a: RecordedAction) => a.name === 'fill' && (isSecretField(a.locator) || plugin.secrets.some((s) => s && a.text === s));
  let screens = splitIntoScreens(actions, plugin.baseUrl);
  if (!screens.some((s) => s.actions.length)) throw new UserInputError('the recording has no actions: click, type or check something in the portal while recording.');
  const mappable = screens.flatMap((s) => s.actions).filter((a) => a.locator && locatorCode(a.locator));
  if (!mappable.length) throw new UserInputError('none of the recorded actions could be written as a locator (no role, label, text or CSS the recorder could name).');

  let signIn: Generated['signIn'];
  // A sign-in at the start (on the first screen, or right after following a link to it) is not part of the task.
  const signInAt = screens.findIndex((s) => isSignInScreen(s));
  if (signInAt === 0 || signInAt === 1) {
    if (!plugin.signsIn) signIn = signInFrom(screens[signInAt]!, screens[signInAt + 1], plugin);
    else warnings.push('the sign-in steps at the start were left out: the harness signs in to this portal before every task.');
    screens = screens.slice(signInAt + 1);
    if (!screens.length) throw new UserInputError('the recording has only the sign-in: after signing in, do the task itself before closing the window.');
    screens[0]!.opened = true;
  }
  // A password typed during the task itself (a device's root password…): the portal's own when it was that,
  // else read from a setting the spec names, never written down.
  const secretSettings = new Map<string, string>();
  const secretValue = (action: RecordedAction, param: string): string => {
    if (action.secret === 'portal-password' || plugin.secrets.some((s) => s && action.text === s)) return 'target.password';
    const variable = `${plugin.envPrefix}_${request.task.replace(/-/g, '_').toUpperCase()}_${param.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
    const name = constName(param);
    secretSettings.set(name, variable);
    warnings.push(`a password was typed into ${describeElement(action.locator!)}: the spec reads it from ${variable} (set it in .env; it is masked in reports) and skips with that hint while it is unset.`);
    return name;
  };

  const drafts = new Map<string, PageObjectDraft>();
  const draftFor = (screen: Screen): PageObjectDraft => {
    const title = screenName(screen);
    const className = `${pascalCase(title)}Page`;
    let draft = drafts.get(className);
    if (!draft) {
      draft = new PageObjectDraft(className, title, plugin.pageObjects[className]);
      drafts.set(className, draft);
    }
    return draft;
  };

  const constants = new Map<string, string>();
  const steps: SpecStep[] = [];
  let destructive: string | undefined;
  let checks = 0;
  for (const screen of screens) {
    const draft = draftFor(screen);
    const ref = `${plugin.fixture}.${draft.property}`;
    if (screen.opened) {
      draft.needsOpen = screen.path;
      steps.push({ title: `Open ${draft.title}`, lines: [`await ${ref}.open();`] });
    }
    const doing = withoutFocusClicks(screen.actions.filter((a) => !ASSERTIONS.has(a.name)));
    const checking = screen.actions.filter((a) => ASSERTIONS.has(a.name));
    if (doing.length) {
      const params: { name: string; value: string }[] = [];
      const body: string[] = [];
      for (const action of doing) {
        const field = draft.field(action);
        const target = `this.${field.name}`;
        if (action.name === 'fill') {
          const secret = isSecret(action);
          const param = secret ? 'password' : field.name.replace(/(Field|Text|Select)$/, '') || 'value';
          const unique = params.some((p) => p.name === param) ? `${param}${params.length + 1}` : param;
          params.push({ name: unique, value: secret ? secretValue(action, unique) : constant(constants, unique, action.text ?? '') });
          body.push(`await ${target}.fill(${unique});`);
        } else if (action.name === 'select') {
          const param = field.name.replace(/(Select|Field|List)$/, '') || 'choice';
          params.push({ name: param, value: constant(constants, param, action.options?.[0] ?? '') });
          body.push(`await ${target}.selectOption(${param});`);
        } else if (action.name === 'click') body.push(`await ${target}.click();`);
        else if (action.name === 'press') body.push(`await ${target}.press(${quote(action.key ?? 'Enter')});`);
        else if (action.name === 'check') body.push(`await ${target}.check();`);
        else if (action.name === 'uncheck') body.push(`await ${target}.uncheck();`);
        else if (action.name === 'setInputFiles') body.push(`await ${target}.setInputFiles(${JSON.stringify(action.options ?? [])});`);
      }
      const decisive = [...doing].reverse().find((a) => a.name === 'click' || a.name === 'press' || a.name === 'check');
      const decisiveName = decisive?.locator ? describeElement(decisive.locator).replace(/^\w+ /, '').replace(/'/g, '') : '';
      const role = decisive?.locator?.kind === 'role' ? decisive.locator.body : '';
      const base = decisive?.name === 'click' && decisiveName
        ? (['link', 'menuitem', 'tab'].includes(role as string) ? `open${pascalCase(decisiveName)}`
          // "OK" on "Add ESXi Host" adds an ESXi host; "Save" on "Phone Configuration" saves the configuration.
          : GENERIC.test(decisiveName) ? (ACTION_TITLE.test(draft.title) ? camelCase(draft.title) : `${camelCase(decisiveName)}${pascalCase(draft.title.split(' ').at(-1)!)}`) : camelCase(decisiveName))
        : `fill${pascalCase(draft.title)}`;
      const method = draft.uniqueMethod(/^(open|click)$/.test(base) ? `${base}${pascalCase(draft.title)}` : base);
      const signature = params.length === 0 ? '' : params.length === 1 ? `${params[0]!.name}: string` : `{ ${params.map((p) => p.name).join(', ')} }: { ${params.map((p) => `${p.name}: string`).join('; ')} }`;
      const args = params.length === 0 ? '' : params.length === 1 ? params[0]!.value : `{ ${params.map((p) => (p.value === p.name ? p.name : `${p.name}: ${p.value}`)).join(', ')} }`;
      const doc = `/** ${sentence(doing, draft)} (recorded). */`;
      draft.methods.push([doc, `async ${method}(${signature}): Promise<void> {`, ...body.map((l) => `  ${l}`), '}'].join('\n'));
      steps.push({ title: `${draft.title} › ${decisiveName || 'fill in the form'}`, lines: [`await ${ref}.${method}(${args});`] });
      const submits = doing.some((a) => a.name === 'fill') && decisive?.name === 'click';
      // Buttons change things; links and menus only go somewhere.
      const button = role === 'button' || !role;
      if (!destructive && decisive?.name === 'click' && button && (SIDE_EFFECT.test(decisiveName) || (submits && !LOOKS_ONLY.test(decisiveName)))) destructive = `${decisiveName ? `presses "${decisiveName}"` : 'submits a form'} on ${draft.title} (recorded)`;
    }
    if (checking.length) {
      const lines = checking.map((a) => {
        const field = draft.field(a);
        const target = `${ref}.${field.name}`;
        checks++;
        if (a.name === 'assertVisible') return `await expect(${target}).toBeVisible();`;
        if (a.name === 'assertValue') return `await expect(${target}).toHaveValue(${quote(a.value ?? '')});`;
        if (a.name === 'assertChecked') return a.checked === false ? `await expect(${target}).not.toBeChecked();` : `await expect(${target}).toBeChecked();`;
        return a.substring ? `await expect(${target}).toContainText(${quote(a.text ?? '')});` : `await expect(${target}).toHaveText(${quote(a.text ?? '')});`;
      });
      steps.push({ title: `${draft.title} shows the result`, lines });
    }
  }
  if (!checks) {
    const last = screens.at(-1)!;
    const pattern = normalizePath(`/${last.path}`).split('/').map((s) => (s === ':id' ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('\\/');
    steps.push({ title: `The task ends on ${screenName(last)}`, lines: [`await expect(page).toHaveURL(/${pattern}(?:[?#].*)?$/);`] });
    warnings.push('no check was recorded: the spec only asserts that every element was found and where the recording ended. Record it again with a check (the recorder\'s eye, "ab" or value tool on the result), or add an expect to the spec.');
  }

  const pageObjects = [...drafts.values()].map((d) => pageObjectSource(d, plugin));
  const usesPage = steps.some((s) => s.lines.some((l) => l.includes('expect(page)')));
  const usesTarget = steps.some((s) => s.lines.some((l) => l.includes('target.')));
  const fixtures = [plugin.fixture, ...(destructive ? ['destructive'] : []), ...(usesPage ? ['page'] : []), ...(usesTarget ? ['target'] : [])];
  const spec = [
    `import { test, expect } from '../../pages/${plugin.portal}/portal';`,
    '',
    `// Recorded with npm run record -- ${plugin.portal} ${request.task} (${request.recordedAt}); edit freely.`,
    ...[...constants].map(([name, value]) => `const ${name} = ${quote(value)};`),
    ...[...secretSettings].map(([name, variable]) => `const ${name} = process.env.${variable} ?? '';`),
    ...(constants.size || secretSettings.size ? [''] : []),
    `test(${quote(request.title)}, { tag: [${quote(`@${plugin.portal}`)}, ${quote(`@${request.task}`)}] }, async ({ ${fixtures.join(', ')} }) => {`,
    ...[...secretSettings].map(([name, variable]) => `  test.skip(!${name}, ${quote(`set ${variable}: the password this task types (recorded, never written down)`)});`),
    ...(destructive ? [`  destructive(${quote(destructive)});`] : []),
    ...(destructive || secretSettings.size ? [''] : []),
    steps.map((s) => s.lines.length === 1 && !s.lines[0]!.startsWith('await expect')
      ? `  await test.step(${quote(s.title)}, () => ${s.lines[0]!.replace(/^await /, '').replace(/;$/, '')});`
      : [`  await test.step(${quote(s.title)}, async () => {`, ...s.lines.map((l) => `    ${l}`), '  });'].join('\n')).join('\n\n'),
    '});',
    '',
  ].join('\n');
  const description = `Recorded (${request.recordedAt}): ${steps.map((s) => s.title).join(' › ')}`.slice(0, 300);
  return {
    pageObjects,
    spec: { file: `specs/${plugin.portal}/${request.task}.spec.ts`, source: spec },
    taskRow: [plugin.portal, request.task, request.title, 'normal', description],
    signIn,
    warnings,
    destructive,
  };

  function constant(map: Map<string, string>, param: string, value: string): string {
    if (plugin.secrets.some((s) => s && value === s)) return 'target.password';
    let name = constName(param) || 'VALUE';
    for (let i = 2; map.has(name) && map.get(name) !== value; i++) name = `${constName(param)}_${i}`;
    map.set(name, value);
    return name;
  }
}

/** A click into a field that is then filled is how a person types, not a step: `fill` focuses it itself. */
function withoutFocusClicks(actions: RecordedAction[]): RecordedAction[] {
  return actions.filter((a, i) => !(a.name === 'click' && actions[i + 1]?.name === 'fill' && actions[i + 1]!.selector === a.selector));
}

/** "Fills in Device Name and Description, then presses Save" — the intent method's comment. */
function sentence(actions: RecordedAction[], draft: PageObjectDraft): string {
  const fills = actions.filter((a) => a.name === 'fill' || a.name === 'select').map((a) => describeElement(a.locator!).replace(/^\w+ /, '').replace(/'/g, ''));
  const last = [...actions].reverse().find((a) => a.name === 'click' || a.name === 'press');
  const press = last?.locator ? `presses ${describeElement(last.locator).replace(/'/g, '"')}` : '';
  const fill = fills.length ? `Fills in ${fills.join(', ')}` : '';
  return [fill, press].filter(Boolean).join(', then ').replace(/^presses/, 'Presses') || `Works on ${draft.title}`;
}

const indent = (block: string) => block.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');

/** A recorded page object's file: its locators set in the constructor, then its members (empty ones left out). */
function classSource(doc: string, draft: PageObjectDraft, members: string[]): string {
  const { declarations, assignments } = fieldLines(draft.fields.values(), '  ');
  return [
    "import type { Locator, Page } from '@playwright/test';",
    '',
    `/** ${doc} */`,
    `export class ${draft.className} {`,
    ...declarations,
    '',
    '  constructor(readonly page: Page, readonly baseUrl: string) {',
    ...assignments,
    '  }',
    ...members.filter(Boolean).flatMap((m) => ['', indent(m)]),
    '}',
    '',
  ].join('\n');
}

function fieldLines(fields: Iterable<Field>, indent: string): { declarations: string[]; assignments: string[] } {
  const declarations: string[] = [];
  const assignments: string[] = [];
  for (const f of fields) {
    declarations.push(`${indent}readonly ${f.name}: Locator;`);
    if (f.code.raw) assignments.push(`${indent}  // eslint-disable-next-line playwright/no-raw-locators -- the recorder found no role, label or text for ${f.element}`);
    assignments.push(`${indent}  this.${f.name} = ${f.code.code.replace(/^this\.page/, 'page')};`);
  }
  return { declarations, assignments };
}

function pageObjectSource(draft: PageObjectDraft, plugin: PluginView): GeneratedPageObject {
  const property = draft.property;
  const open = draft.needsOpen !== undefined
    ? [`/** Opens ${draft.title} directly. */`, 'async open(): Promise<void> {', `  await this.page.goto(new URL(${quote(draft.needsOpen)}, this.baseUrl).href);`, '}']
    : [];
  if (draft.existing) {
    // New members for an existing page object: getters, so its constructor stays as its author wrote it.
    const getters = [...draft.fields.values()].filter((f) => !new RegExp(`\\b${f.name}\\b`).test(draft.existing!.source)).map((f) => [
      `/** ${f.element} (recorded). */`,
      ...(f.code.raw ? [`// eslint-disable-next-line playwright/no-raw-locators -- the recorder found no role, label or text for ${f.element}`] : []),
      `get ${f.name}(): Locator {`, `  return ${f.code.code};`, '}'].join('\n'));
    const opening = draft.needsOpen !== undefined && !/\basync open\(/.test(draft.existing.source) ? [open.join('\n')] : [];
    return { className: draft.className, file: draft.existing.file, property, isNew: false, source: [...getters, ...opening, ...draft.methods].map(indent).join('\n\n') };
  }
  const source = classSource(`${draft.title} (recorded with npm run record).`, draft, [open.join('\n'), ...draft.methods]);
  // A file name no other page object of the plug-in uses (a scaffold's home-page.ts holds another class).
  const taken = new Set(Object.values(plugin.pageObjects).map((p) => p.file));
  let file = `pages/${plugin.portal}/${kebab(draft.title)}-page.ts`;
  for (let i = 2; taken.has(file); i++) file = `pages/${plugin.portal}/${kebab(draft.title)}-${i}-page.ts`;
  return { className: draft.className, file, property, isNew: true, source };
}

/** The plug-in had no sign-in and the recording starts on a sign-in form: that form becomes the plug-in's sign-in. */
function signInFrom(screen: Screen, next: Screen | undefined, plugin: PluginView): Generated['signIn'] {
  const draft = new PageObjectDraft(`${pascalCase(plugin.portal)}SignInPage`, 'Sign-in');
  const body: string[] = [`await this.page.goto(new URL(${quote(screen.path)}, this.baseUrl).href);`];
  let passwordField: string | undefined;
  for (const action of withoutFocusClicks(screen.actions)) {
    if (!['fill', 'click', 'press', 'check'].includes(action.name)) continue;
    const field = draft.field(action);
    if (action.name === 'fill') {
      const secret = isSecretField(action.locator) || plugin.secrets.includes(action.text ?? '');
      if (secret) passwordField = field.name;
      body.push(`await this.${field.name}.fill(${secret ? 'password' : 'username'});`);
    } else if (action.name === 'press') body.push(`await this.${field.name}.press(${quote(action.key ?? 'Enter')});`);
    else body.push(`await this.${field.name}.${action.name}();`);
  }
  const usesUsername = body.some((l) => l.includes('fill(username)'));
  const landing = next?.actions.find((a) => a.locator && locatorCode(a.locator));
  const signedIn = landing ? draft.field(landing) : undefined;
  const isSignedIn = signedIn && passwordField
    ? ['/** Whether a saved session still opens the portal rather than this form. */', 'async isSignedIn(): Promise<boolean> {',
      `  await this.page.goto(new URL(${quote(next!.path)}, this.baseUrl).href);`,
      `  await this.${signedIn.name}.or(this.${passwordField}).first().waitFor();`, `  return this.${signedIn.name}.isVisible();`, '}']
    : [];
  const source = classSource('The portal\'s sign-in form (recorded with npm run record). The harness checks afterwards that it is gone.', draft, [
    [`async signIn(${usesUsername ? 'username' : '_username'}: string, password: string): Promise<void> {`, ...body.map((l) => `  ${l}`), '}'].join('\n'),
    isSignedIn.join('\n'),
  ]);
  const definition = [
    'signIn: {',
    `    run: (page, target) => new ${draft.className}(page, target.url).signIn(target.username, target.password),`,
    ...(isSignedIn.length ? [`    isSignedIn: (page, target) => new ${draft.className}(page, target.url).isSignedIn(),`] : []),
    '  },',
  ].join('\n');
  return { file: `pages/${plugin.portal}/sign-in-page.ts`, className: draft.className, source, definition };
}
