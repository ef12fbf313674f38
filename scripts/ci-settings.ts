import { loadPortals, portalNames } from '../src/portals/registry';
import { portalCiSettings, settingsTable, workflowEnvLines } from '../src/portals/ci-settings';
import { orExitOnBadInput } from '../src/errors';

/**
 * `npm run ci-settings`: what to configure in CI for each portal plug-in — the env block for the nightly
 * workflow's shard step, and the table of repository variables and secrets (the README shows the same table).
 */
const settings = orExitOnBadInput(() => portalCiSettings(loadPortals()), 'ci-settings');
console.log('# env block for .github/workflows/nightly.yml (shard step):');
console.log(workflowEnvLines(settings, '  ').join('\n'));
console.log('\n# repository variables and secrets:');
console.log(settingsTable(settings, portalNames()));
