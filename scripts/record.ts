import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, firefox, webkit, type BrowserContext, type Page } from '@playwright/test';
import { UserInputError } from '../src/errors';
import { loadSettings, type PortalTarget } from '../src/portals/settings';
import { chooseBrowser, localBrowser } from '../src/browsers/catalog';
import { portalById } from '../src/portals/registry';
import type { PortalDefinition } from '../src/portals/definition';
import { savedSessionsFor } from '../src/auth/sign-in-state';
import { expectSignedIn } from '../src/auth/sign-in-check';
import { preflight } from '../src/preflight';
import { loadTasks } from '../src/data';
import { readRecording, recordingText, type RecordedAction } from '../src/record/recording';
import { isSecretField } from '../src/record/locator-code';
import { startRecording } from '../src/record/live';
import { generateTask } from '../src/record/generate';
import { fixtureName, plannedChanges, pluginView, writeChanges } from '../src/record/apply';

/**
 * `npm run record -- <portal> <task-id> ["Task title"] [--from <file.jsonl>] [--dry-run] [--replace]
 *  [--browser <id>]`: do a task once in a browser window (already signed in the way the harness signs in,
 * Playwright's recorder attached); closing the window writes it into the plug-in as page objects, a spec and
 * its task row. The raw recording is kept (secrets removed) under .cache/recordings/ so nothing is lost.
 * `--drive <module>` lets a script be the user (its default export gets the page; headless): demos and tests.
 */
const ROOT = path.resolve(__dirname, '..');
const USAGE = 'Usage: npm run record -- <portal> <task-id> ["Task title"] [--from <recording.jsonl>] [--dry-run] [--replace] [--browser <id>]';

interface Args { portal: string; task: string; title?: string; from?: string; dryRun: boolean; replace: boolean; browser?: string; drive?: string }

function parseArgs(argv: string[]): Args {
  const rest: string[] = [];
  const args: Partial<Args> = { dryRun: false, replace: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new UserInputError(`${arg} needs a value. ${USAGE}`);
      return v;
    };
    if (arg === '--from') args.from = value();
    else if (arg === '--browser') args.browser = value();
    else if (arg === '--drive') args.drive = value();
    else if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--replace') args.replace = true;
    else if (arg.startsWith('--')) throw new UserInputError(`Unknown option ${arg}. ${USAGE}`);
    else rest.push(arg);
  }
  const [portal, task, title, ...extra] = rest;
  if (!portal || !task || extra.length) throw new UserInputError(`${USAGE}\n(got ${rest.length} argument(s); quote a title that has spaces)`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(task)) throw new UserInputError(`Task id "${task}" must be kebab-case: lower-case letters, digits and dashes (e.g. add-phone).`);
  return { ...args, portal, task, title } as Args;
}

const humanTitle = (task: string) => task.split('-').join(' ').replace(/^./, (c) => c.toUpperCase());

/** What is typed into a password field, or equals a configured secret, never leaves this process. */
function withoutSecrets(actions: RecordedAction[], secrets: string[]): RecordedAction[] {
  return actions.map((a) => {
    if (a.name !== 'fill') return a;
    if (secrets.some((s) => s && a.text === s)) return { ...a, text: '', secret: 'portal-password' };
    if (isSecretField(a.locator)) return { ...a, text: '', secret: 'typed' };
    return a;
  });
}

/** Signs the recording browser in the way the harness does: a saved session that still works, else the plug-in's sign-in. */
async function signIn(portal: PortalDefinition, target: PortalTarget, context: BrowserContext, browserId: string): Promise<string> {
  if (portal.signIn === 'anonymous') return 'the portal needs no sign-in';
  const { run, isSignedIn } = portal.signIn;
  const page = await context.newPage();
  try {
    for (const saved of isSignedIn ? savedSessionsFor(portal.id, browserId) : []) {
      const state = JSON.parse(fs.readFileSync(saved.file, 'utf8')) as { cookies: Parameters<BrowserContext['addCookies']>[0] };
      await context.addCookies(state.cookies);
      if (await isSignedIn!(page, target).catch(() => false)) return `signed in with the session saved ${saved.savedAt.slice(0, 10)}`;
      await context.clearCookies();
    }
    if (!target.username) return `not signed in (no saved session, no ${target.envPrefix}_USERNAME): sign in in the window; those steps are left out of the task`;
    await run(page, target);
    await expectSignedIn(page, isSignedIn && (() => isSignedIn(page, target)));
    return `signed in as ${target.username}`;
  } finally {
    await page.close();
  }
}

async function record(args: Args, portal: PortalDefinition, target: PortalTarget): Promise<RecordedAction[]> {
  const browserId = chooseBrowser(args.browser, 'to record in');
  const entry = localBrowser(browserId);
  const headless = !!args.drive;
  if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new UserInputError(`No display here (DISPLAY is not set), so no browser window can open to record in. Record on a desktop and convert here with --from <recording.jsonl> (it is kept under .cache/recordings/).`);
  }
  const check = await preflight(target);
  if (!check.reachable) throw new UserInputError(`${portal.name} is unreachable: ${check.reason}`);
  const browser = await { chromium, firefox, webkit }[entry.engine].launch({ ...entry.launchOptions, headless });
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: target.tls.mode !== 'verify', viewport: { width: 1280, height: 720 } });
    console.log(`record: ${await signIn(portal, target, context, browserId)}.`);
    const recording = await startRecording(context);
    const page = await context.newPage();
    await page.goto(target.url);
    if (args.drive) {
      const driver = (await import(pathToFileURL(path.resolve(args.drive)).href)) as { default: (page: Page, target: PortalTarget) => Promise<void> };
      await driver.default(page, target);
    } else {
      console.log(`A ${entry.product} window shows ${portal.name}. Do the task once; to add a check, use the toolbar's eye (visible), "ab" (text) or value tool and click the result.\nClose the window when done.`);
      await new Promise<void>((resolve) => {
        page.on('close', () => resolve());
        browser.on('disconnected', () => resolve());
        process.once('SIGINT', () => resolve());
      });
    }
    return [...(await recording.stop())];
  } finally {
    await browser.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const portal = portalById(args.portal);
  const fixture = fixtureName(ROOT, portal.id);
  if (!args.replace && loadTasks().some((t) => t.portal === portal.id && t.task === args.task)) {
    throw new UserInputError(`Task "${args.task}" exists in data/${portal.id}/tasks.csv. Choose another id, or record again with --replace.`);
  }
  const settings = loadSettings();
  const target = settings.targets[portal.id]!;
  const secrets = [target.password, target.totpSecret ?? ''].filter(Boolean);
  const raw = args.from ? readRecording(args.from) : await record(args, portal, target);
  const actions = withoutSecrets(raw, secrets);
  let kept: string | undefined;
  if (!args.from) {
    kept = path.join(ROOT, '.cache', 'recordings', `${portal.id}-${args.task}-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    fs.writeFileSync(kept, recordingText(actions), { mode: 0o600 });
  }
  try {
    const generated = generateTask(actions, pluginView(ROOT, portal, fixture, target.url, secrets), {
      task: args.task, title: args.title ?? humanTitle(args.task), recordedAt: new Date().toISOString().slice(0, 10),
    });
    const changes = plannedChanges(ROOT, generated, portal.id, args.task, args.replace);
    for (const w of generated.warnings) console.warn(`record: warning: ${w}`);
    if (args.dryRun) {
      for (const c of changes) console.log(`--- ${c.file} (${c.created ? 'new' : 'changed'})\n${c.content}`);
      console.log(`record: dry run — nothing written${kept ? `; the recording is kept at ${path.relative(ROOT, kept)}` : ''}.`);
      return 0;
    }
    writeChanges(ROOT, changes);
    console.log(`record: task ${portal.id}/${args.task} written:\n${changes.map((c) => `  ${c.file} (${c.created ? 'new' : 'changed'})`).join('\n')}${generated.destructive ? `\nIt ${generated.destructive.replace(/ \(recorded\)$/, '')}: marked destructive (skipped on the real portal unless ALLOW_DESTRUCTIVE=1); remove the destructive(…) line in the spec if it changes nothing.` : ''}\nRun it: npm run matrix -- --grep @${args.task}`);
    return 0;
  } catch (error) {
    if (error instanceof UserInputError && kept) throw new UserInputError(`${error.message}\nThe recording is kept: ${path.relative(ROOT, kept)} (convert it again with --from).`);
    throw error;
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  if (!(error instanceof UserInputError)) throw error;
  console.error(`record: ${error.message}`);
  process.exit(2);
});
