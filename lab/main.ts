import { loadSettings } from '../src/portals/settings';
import { UserInputError } from '../src/errors';
import { startLab } from './server';

/** `npm run lab`: start the portal lab by hand (Playwright's webServer runs this same file). */
async function main(): Promise<void> {
  const settings = loadSettings();
  const lab = await startLab(settings);
  const down = settings.labDown.length ? ` (down: ${settings.labDown.join(', ')})` : '';
  console.log(`portal lab running, LAB_MODE=${settings.labMode}${down}`);
  for (const portal of lab.portals) {
    const target = settings.targets[portal.id]!;
    const signIn = target.username ? `   sign in as ${target.username}` : '';
    console.log(`  ${portal.name.padEnd(40)} ${lab.urls[portal.id]}${signIn}`);
  }
  const stop = () => void lab.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof UserInputError ? `portal lab: ${error.message}` : error);
  process.exit(2);
});
