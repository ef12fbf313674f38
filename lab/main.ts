import { loadSettings } from '../src/config/settings';
import { UserInputError } from '../src/config/errors';
import { startLab } from './server';

/** `npm run lab`: start the portal lab by hand (Playwright's webServer runs this same file). */
async function main(): Promise<void> {
  const settings = loadSettings();
  const lab = await startLab(settings);
  const down = settings.labDown.length ? ` (down: ${settings.labDown.join(', ')})` : '';
  console.log(`portal lab running, LAB_MODE=${settings.labMode}${down}`);
  console.log(`  PCD            ${lab.urls.pcd}   sign in as ${settings.targets.pcd.username}`);
  console.log(`  Microsoft 365  ${lab.urls.m365}   sign in as ${settings.targets.m365.username}`);
  console.log(`  Webex          ${lab.urls.webex}`);
  console.log(`  payment site   ${lab.urls.payments}  (a different site, embedded by Microsoft 365)`);
  const stop = () => void lab.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof UserInputError ? `portal lab: ${error.message}` : error);
  process.exit(2);
});
