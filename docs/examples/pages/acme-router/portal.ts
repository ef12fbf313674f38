import { definePortal } from '../../src/portals/definition';
import { portalTest } from '../../src/fixtures';
import { AcmeRouterSignInPage } from './sign-in-page';
import { AcmeRouterHomePage } from './home-page';
import { DevicesPage } from './devices-page';

export const portal = definePortal({
  id: 'acme-router',                  // = the folders pages/, specs/, data/ (and lab/) acme-router
  name: 'Acme Router Console',        // shown in the matrix, Allure and messages
  envPrefix: 'ACME_ROUTER',           // ACME_ROUTER_URL, _USERNAME, _PASSWORD, _CA_FILE, _TLS
  url: 'https://router.example.com/', // default address; ACME_ROUTER_URL overrides it
  signIn: {                           // or 'anonymous'; runs once per browser and records nothing
    run: (page, target) => new AcmeRouterSignInPage(page, target.url).signIn(target.username, target.password),
    isSignedIn: (page, target) => new AcmeRouterSignInPage(page, target.url).isSignedIn(),
  },
  pages: (page, target) => ({         // what specs get as `acmeRouter`
    home: new AcmeRouterHomePage(page, target.url),
    devices: new DevicesPage(page, target.url),
  }),
});

export const test = portalTest(portal, 'acmeRouter'); // the fixture name: the id in camelCase
export { expect } from '@playwright/test';
export { expectNoPortalError } from '../../src/fixtures';
