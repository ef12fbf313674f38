import { chromium, firefox, webkit } from '@playwright/test';
import { parseBrowserList, resolveBrowser } from '../src/browsers/catalog';
import { UserInputError } from '../src/errors';

/**
 * Serves one of this machine's browsers to remote Playwright runs (connectOptions.wsEndpoint), like
 * `npx playwright run-server`, but with the catalog's launch options — so system browsers (Debian
 * chromium/firefox-esr) work too. Usage: npx tsx scripts/browser-server.ts <browser> [--port N] [--host H]
 */
async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name?.trim()) throw new UserInputError('give the browser to serve: npx tsx scripts/browser-server.ts <chromium|firefox|webkit|chrome|msedge> [--port N] [--host H]');
  const [id] = parseBrowserList(name);
  const option = (flag: string) => { const i = rest.indexOf(flag); return i >= 0 ? rest[i + 1] : undefined; };
  const entry = resolveBrowser(id!, { env: {} });
  if (!entry.installed) throw new UserInputError(`${id} is not installed here: ${entry.installHint}`);
  const type = { chromium, firefox, webkit }[entry.engine];
  const server = await type.launchServer({ ...entry.launchOptions, port: Number(option('--port') ?? 0), host: option('--host') ?? '127.0.0.1' });
  console.log(server.wsEndpoint());
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof UserInputError ? `browser-server: ${error.message}` : error);
  process.exit(2);
});
