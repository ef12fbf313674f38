import { definePortal } from '../../src/portals/definition';
import { portalTest } from '../../src/fixtures';
import { CucmSignInPage } from './sign-in-page';
import { CucmAdministration } from './administration';
import { PhonesPage } from './phones-page';
import { EndUsersPage } from './end-users-page';
import { UnifiedReporting } from './reporting';
import { CdrExportPage } from './cdr-export-page';
import { loadEndUsers, loadNodes, loadPhones } from './data';

export const portal = definePortal({
  id: 'cucm',
  name: 'Cisco Unified CM Administration',
  envPrefix: 'CUCM',
  pages: (page, target) => ({
    signIn: new CucmSignInPage(page, target.url),
    admin: new CucmAdministration(page, target.url),
    phones: new PhonesPage(page),
    endUsers: new EndUsersPage(page),
    reporting: new UnifiedReporting(page),
    cdr: new CdrExportPage(page),
  }),
  signIn: {
    async run(page, target) {
      const refused = await new CucmSignInPage(page, target.url).signIn(target.username, target.password);
      if (refused) throw new Error(`Cisco Unified CM Administration refused the sign-in: ${refused}`);
    },
    isSignedIn: (page, target) => new CucmSignInPage(page, target.url).isSignedIn(),
  },
  checkData() {
    loadPhones();
    loadEndUsers();
    loadNodes();
  },
  lab: {
    port: 47105,
    // Like the appliance: HTTPS with a self-signed certificate (generated when the lab first starts).
    https: true,
    credentials: { username: 'ccmadmin', password: 'Lab-Cucm-1!' },
    app: { module: 'lab/cucm/app.ts', start: 'startCucmLab' },
  },
});

export const test = portalTest(portal, 'cucm');
export { expect } from '@playwright/test';
export { expectNoPortalError } from '../../src/fixtures';
