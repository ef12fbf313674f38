import fs from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../src/config/errors';
import { parseTargetUrl } from '../src/config/settings';
import { dataFile } from '../src/data';
import { loadPortals, portalsDir } from '../src/portals/registry';

/**
 * `npm run new-portal -- <id> "<Display name>" <url>`: scaffolds a portal plug-in that `npm run matrix` runs
 * straight away — its definition, a first page object, a first spec ("the portal opens and shows its sign-in or
 * home page") and its row in data/tasks.csv. Nothing under src/ is touched.
 */
const ROOT = path.resolve(__dirname, '..');
const USAGE = 'Usage: npm run new-portal -- <id> "<Display name>" <url>   e.g. npm run new-portal -- vcenter "VMware vCenter" https://vcenter.example.com/ui/';

const pascal = (id: string) => id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const camel = (id: string) => pascal(id)[0]!.toLowerCase() + pascal(id).slice(1);
const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function write(file: string, content: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { flag: 'wx' });
  return path.relative(ROOT, file);
}

function main(argv: string[]): void {
  const [id, name, url, ...extra] = argv;
  if (!id || !name || !url || extra.length) throw new UserInputError(`${USAGE}\n(got ${argv.length} argument(s); quote a display name that has spaces)`);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new UserInputError(`Portal id "${id}" must be kebab-case: lower-case letters, digits and dashes, starting with a letter (e.g. vcenter, fortigate-vpn).`);
  const address = parseTargetUrl('the portal URL', url);
  const existing = loadPortals();
  if (existing.some((p) => p.id === id) || fs.existsSync(path.join(portalsDir(), id))) throw new UserInputError(`A portal "${id}" already exists (pages/${id}/). Choose another id.`);
  const prefix = id.toUpperCase().replace(/-/g, '_');
  const taken = existing.find((p) => p.envPrefix === prefix);
  if (taken) throw new UserInputError(`The settings prefix ${prefix} is already used by portal "${taken.id}". Choose another id.`);
  const tasks = dataFile('tasks.csv');
  if (!fs.existsSync(tasks)) throw new UserInputError(`${tasks} not found: run this in a portal-matrix checkout (or set DATA_DIR).`);

  const Page = `${pascal(id)}HomePage`;
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
    const password = this.page.locator('input[type=password]');
    const content = this.page.getByRole('heading').or(this.page.getByRole('main')).or(this.page.getByRole('link'));
    const shows = (await password.count()) ? 'sign-in' : (await content.count()) ? 'content' : 'nothing';
    return { status: response?.status() ?? 0, title: await this.page.title(), shows };
  }
}
`),
    write(path.join(portalsDir(), id, 'portal.ts'), `import { definePortal } from '../../src/portals/definition';
import { portalTest } from '../../src/fixtures';
import { ${Page} } from './home-page';

/*
 * ${name}: a portal plug-in (scaffolded by npm run new-portal). Settings: ${prefix}_URL overrides the address
 * below; ${prefix}_CA_FILE / ${prefix}_TLS for a self-signed certificate. To sign in before the tasks run, replace
 * \`signIn: 'anonymous'\` with \`signIn: { run: async (pages, target) => … }\` (${prefix}_USERNAME / ${prefix}_PASSWORD);
 * see pages/cucm/portal.ts.
 */
export const portal = definePortal({
  id: '${id}',
  name: ${JSON.stringify(name)},
  envPrefix: '${prefix}',
  url: ${JSON.stringify(address)},
  signIn: 'anonymous',
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
  const csv = fs.readFileSync(tasks, 'utf8');
  fs.appendFileSync(tasks, `${csv.endsWith('\n') ? '' : '\n'}${[id, 'opens', csvField(`Open ${name}`), 'critical', csvField('The portal opens and shows its sign-in or home page.')].join(',')}\n`);
  created.push(`${path.relative(ROOT, tasks)} (one row: ${id},opens)`);
  console.log(`Portal "${id}" (${name}) added:\n${created.map((f) => `  ${f}`).join('\n')}\n\nRun it: npm run matrix -- --grep @${id}\nSettings: ${prefix}_URL (default ${address}), ${prefix}_CA_FILE or ${prefix}_TLS=insecure for a self-signed certificate.\nNext: add tasks to data/tasks.csv and a spec per task under specs/${id}/ (README: "Adding your own portal").`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UserInputError)) throw error;
  console.error(`new-portal: ${error.message}`);
  process.exit(2);
}
