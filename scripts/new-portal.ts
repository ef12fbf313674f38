import fs from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../src/errors';
import { parseTargetUrl } from '../src/portals/settings';
import { dataDir, portalTasksFile } from '../src/data';
import { loadPortals, portalsDir } from '../src/portals/registry';

/**
 * `npm run new-portal -- <id> "<Display name>" <url> [--sign-in]`: scaffolds a portal plug-in that `npm run matrix`
 * runs straight away — its definition, a first page object, a first spec ("the portal opens and shows its sign-in
 * or home page") and its task list data/<id>/tasks.csv; with --sign-in also a sign-in page object wired into the
 * definition, which the harness signs in with (<PREFIX>_USERNAME / _PASSWORD). Nothing under src/ is touched.
 */
const ROOT = path.resolve(__dirname, '..');
const USAGE = 'Usage: npm run new-portal -- <id> "<Display name>" <url> [--sign-in]   e.g. npm run new-portal -- vcenter "VMware vCenter" https://vcenter.example.com/ui/ --sign-in';

const pascal = (id: string) => id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const camel = (id: string) => pascal(id)[0]!.toLowerCase() + pascal(id).slice(1);
const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The sign-in page object a portal with a sign-in form starts from: the usual labels, which the user adjusts to
 * the portal's own. The harness checks after \`signIn\` that the form is gone, so it need not wait for anything.
 */
const signInPageSource = (name: string, className: string) => `import type { Locator, Page } from '@playwright/test';

/** ${name}'s sign-in form. Adjust the labels and the button's name to what the portal shows. */
export class ${className} {
  readonly username: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.signInButton = page.getByRole('button', { name: 'Sign in' });
  }

  /** Fills in the form and submits it; the harness then checks that the form is gone, or reports what the page says. */
  async signIn(username: string, password: string): Promise<void> {
    await this.page.goto(this.baseUrl);
    await this.username.fill(username);
    await this.password.fill(password);
    await this.signInButton.click();
  }

  /** Whether a saved session still opens the portal rather than this form (lets runs reuse a session). */
  async isSignedIn(): Promise<boolean> {
    await this.page.goto(this.baseUrl);
    await this.page.waitForLoadState();
    return !(await this.password.isVisible());
  }
}
`;

function write(file: string, content: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { flag: 'wx' });
  return path.relative(ROOT, file);
}

function main(argv: string[]): void {
  const signIn = argv.includes('--sign-in');
  const [id, name, url, ...extra] = argv.filter((a) => a !== '--sign-in');
  if (!id || !name || !url || extra.length) throw new UserInputError(`${USAGE}\n(got ${argv.length} argument(s); quote a display name that has spaces)`);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new UserInputError(`Portal id "${id}" must be kebab-case: lower-case letters, digits and dashes, starting with a letter (e.g. vcenter, fortigate-vpn).`);
  const address = parseTargetUrl('the portal URL', url);
  const existing = loadPortals();
  if (existing.some((p) => p.id === id) || fs.existsSync(path.join(portalsDir(), id)) || fs.existsSync(portalTasksFile(id))) throw new UserInputError(`A portal "${id}" already exists (pages/${id}/). Choose another id.`);
  const prefix = id.toUpperCase().replace(/-/g, '_');
  const taken = existing.find((p) => p.envPrefix === prefix);
  if (taken) throw new UserInputError(`The settings prefix ${prefix} is already used by portal "${taken.id}". Choose another id.`);
  if (!fs.existsSync(dataDir())) throw new UserInputError(`${dataDir()} not found: run this in a portal-matrix checkout (or set DATA_DIR).`);
  const tasks = portalTasksFile(id);

  const Page = `${pascal(id)}HomePage`;
  const SignInPage = `${pascal(id)}SignInPage`;
  const fixture = camel(id);
  const created = [
    write(path.join(portalsDir(), id, 'home-page.ts'), `import type { Page } from '@playwright/test';

/** What a person sees when they open ${name}: a sign-in form or the portal's own page. */
export interface FirstView {
  status: number;
  title: string;
  shows: 'sign-in' | 'content' | 'nothing';
}

/** The page ${name} opens on. Add methods named after what users do (e.g. \`approveRequest\`), not clicks. */
export class ${Page} {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open(): Promise<FirstView> {
    const response = await this.page.goto(this.baseUrl);
    await this.page.waitForLoadState();
    // eslint-disable-next-line playwright/no-raw-locators -- a password field has no role, and its label is the portal's own
    const password = this.page.locator('input[type=password]');
    const content = this.page.getByRole('heading').or(this.page.getByRole('main')).or(this.page.getByRole('link'));
    const shows = (await password.count()) ? 'sign-in' : (await content.count()) ? 'content' : 'nothing';
    return { status: response?.status() ?? 0, title: await this.page.title(), shows };
  }
}
`),
    ...(signIn ? [write(path.join(portalsDir(), id, 'sign-in-page.ts'), signInPageSource(name, SignInPage))] : []),
    write(path.join(portalsDir(), id, 'portal.ts'), `import { definePortal } from '../../src/portals/definition';
import { portalTest } from '../../src/fixtures';
${signIn ? `import { ${SignInPage} } from './sign-in-page';
` : ''}import { ${Page} } from './home-page';

/*
 * ${name}: a portal plug-in (scaffolded by npm run new-portal). Settings: ${prefix}_URL overrides the address
 * below; ${prefix}_CA_FILE / ${prefix}_TLS for a self-signed certificate.${signIn ? ` ${prefix}_USERNAME / ${prefix}_PASSWORD are the
 * account the harness signs in with (sign-in-page.ts: adjust its labels to the portal's form).` : ` To sign in before the tasks run, scaffold
 * with --sign-in, or replace \`signIn: 'anonymous'\` as README "Adding your own portal" shows.`}
 */
export const portal = definePortal({
  id: '${id}',
  name: ${JSON.stringify(name)},
  envPrefix: '${prefix}',
  url: ${JSON.stringify(address)},
${signIn ? `  signIn: {
    run: (page, target) => new ${SignInPage}(page, target.url).signIn(target.username, target.password),
    isSignedIn: (page, target) => new ${SignInPage}(page, target.url).isSignedIn(),
  },` : "  signIn: 'anonymous',"}
  pages: (page, target) => ({
    home: new ${Page}(page, target.url),
  }),
});

export const test = portalTest(portal, '${fixture}');
export { expect } from '@playwright/test';
export { expectNoPortalError } from '../../src/fixtures';
`),
    write(path.join(ROOT, 'specs', id, 'opens.spec.ts'), `import { test, expect } from '../../pages/${id}/portal';

test(${JSON.stringify(`${name} opens and shows its sign-in or home page`)}, { tag: ['@${id}', '@opens'] }, async ({ ${fixture} }) => {
  const view = await test.step('Open the portal', async () => ${fixture}.home.open());

  await test.step('It answers and shows a sign-in form or its own page', async () => {
    expect(view.status, \`${name} answered HTTP \${view.status}\`).toBeLessThan(400);
    expect(view.shows, \`the page "\${view.title}" shows neither a sign-in form nor any content\`).not.toBe('nothing');
  });
});
`),
  ];
  created.push(`${write(tasks, `portal,task,title,severity,description\n${[id, 'opens', csvField(`Open ${name}`), 'critical', csvField('The portal opens and shows its sign-in or home page.')].join(',')}\n`)} (its task list, one row: ${id},opens)`);
  const account = signIn ? `\nAccount: set ${prefix}_USERNAME and ${prefix}_PASSWORD in .env (or capture a session by hand: npm run sign-in -- ${id}); adjust the labels in pages/${id}/sign-in-page.ts to the portal's form.` : '';
  console.log(`Portal "${id}" (${name}) added:\n${created.map((f) => `  ${f}`).join('\n')}\n\nRun it: npm run matrix -- --grep @${id}\nSettings: ${prefix}_URL (default ${address}), ${prefix}_CA_FILE or ${prefix}_TLS=insecure for a self-signed certificate.${account}\nNext: add tasks to data/${id}/tasks.csv and a spec per task under specs/${id}/ (README: "Adding your own portal"); a task that changes something on the portal calls destructive('…') first.`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UserInputError)) throw error;
  console.error(`new-portal: ${error.message}`);
  process.exit(2);
}
