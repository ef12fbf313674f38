import readline from 'node:readline';
import { chromium, firefox, webkit } from '@playwright/test';
import { UserInputError } from '../src/errors';
import { loadSettings } from '../src/portals/settings';
import { chooseBrowser, localBrowser } from '../src/browsers/catalog';
import { portalById } from '../src/portals/registry';
import { importSession, saveSession, savedSessionFile } from '../src/auth/sign-in-state';
import { preflight } from '../src/preflight';

/**
 * `npm run sign-in -- <portal> [--browser <id>] [--import <storage-state.json>]`
 * Sign in once by hand — single sign-on, push MFA, a smart card: whatever the portal demands — in a browser
 * window from the harness's own catalog (system browsers included); the session is saved under .auth/saved/
 * (0600, gitignored, never under reports/) and the next runs use it for as long as the portal accepts it.
 * `--import` saves a session captured on another machine (this command's file, copied over).
 */
const USAGE = 'Usage: npm run sign-in -- <portal> [--browser chromium|firefox|webkit|chrome|msedge] [--import <file>]';

function parseArgs(argv: string[]): { portal: string; browser?: string; importFile?: string } {
  const rest: string[] = [];
  let browser: string | undefined;
  let importFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--browser') browser = argv[++i];
    else if (arg === '--import') importFile = argv[++i];
    else if (arg.startsWith('-')) throw new UserInputError(`Unknown option ${arg}. ${USAGE}`);
    else rest.push(arg);
  }
  if (rest.length !== 1 || (argv.includes('--browser') && !browser) || (argv.includes('--import') && !importFile)) throw new UserInputError(USAGE);
  return { portal: rest[0]!, browser, importFile };
}

const waitForEnter = (prompt: string) => new Promise<void>((resolve) => {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  rl.question(prompt, () => { rl.close(); resolve(); });
  rl.on('close', resolve);
});

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const portal = portalById(args.portal);
  if (portal.signIn === 'anonymous') throw new UserInputError(`${portal.name} needs no sign-in (its plug-in says 'anonymous').`);
  const settings = loadSettings();
  const target = settings.targets[portal.id]!;
  const browserId = chooseBrowser(args.browser, 'to sign in with');

  if (args.importFile) {
    const saved = importSession(browserId, portal.id, args.importFile);
    console.log(`Saved ${portal.name} session for ${browserId}: ${saved.file} (mode 0600). The next run checks that it still works before using it.`);
    return 0;
  }
  const entry = localBrowser(browserId);
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new UserInputError(
      `No display here (DISPLAY is not set), so no browser window can open for you to sign in.\n` +
        `  On a desktop with this repository: npm run sign-in -- ${portal.id} --browser ${browserId}\n` +
        `  then copy its ${savedSessionFile(browserId, portal.id).replace(process.cwd() + '/', '')} here and run:\n` +
        `  npm run sign-in -- ${portal.id} --browser ${browserId} --import <copied file>\n` +
        `  (or, with Xvfb and a VNC viewer: xvfb-run npm run sign-in -- ${portal.id})`,
    );
  }
  const check = await preflight(target);
  if (!check.reachable) throw new UserInputError(`${portal.name} is unreachable: ${check.reason}`);

  const engine = { chromium, firefox, webkit }[entry.engine];
  const browser = await engine.launch({ ...entry.launchOptions, headless: false });
  try {
    // The certificate was checked by the pre-flight against the portal's trust; the window must not stop on it.
    const context = await browser.newContext({ ignoreHTTPSErrors: target.tls.mode !== 'verify' });
    const page = await context.newPage();
    await page.goto(target.url);
    console.log(`A ${entry.product} window shows ${portal.name} (${target.url}).\nSign in there however the portal asks (single sign-on, push approval, smart card…).`);
    await waitForEnter('When the portal\'s signed-in page shows, press Enter here to save the session… ');
    if (portal.signIn.isSignedIn) {
      const probe = await context.newPage();
      if (!(await portal.signIn.isSignedIn(probe, target))) {
        console.error(`Not signed in to ${portal.name} yet: nothing saved. Run the command again.`);
        return 1;
      }
    }
    const saved = saveSession(browserId, portal.id, JSON.stringify(await context.storageState()), 'by hand (npm run sign-in)');
    console.log(`Saved ${portal.name} session for ${browserId}: ${saved.file} (mode 0600). Runs use it until the portal ends the session; then this command again.`);
    return 0;
  } finally {
    await browser.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  if (!(error instanceof UserInputError)) throw error;
  console.error(`sign-in: ${error.message}`);
  process.exit(2);
});
