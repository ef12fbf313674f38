import { definePortal } from '../../src/portals/definition';
import { portalTest } from '../../src/fixtures';
import { JoinPage } from './join-page';
import { PrejoinPage } from './prejoin-page';
import { MeetingPage } from './meeting-page';
import { loadMeetings } from './data';

export const portal = definePortal({
  id: 'webex',
  name: 'Webex',
  envPrefix: 'WEBEX',
  // Guests join meetings by number with a name and e-mail; no account.
  signIn: 'anonymous',
  options: {
    NAME: { describe: 'who joins meetings (not a secret)', default: 'Pat Support' },
    EMAIL: { describe: 'the guest\'s e-mail', default: 'pat.support@contoso.example' },
  },
  pages: (page, target) => ({
    join: new JoinPage(page, target.url),
    prejoin: new PrejoinPage(page),
    meeting: new MeetingPage(page),
    guest: { name: target.options.NAME!, email: target.options.EMAIL! },
  }),
  checkData() {
    loadMeetings();
  },
  lab: {
    port: 47103,
    app: { module: 'lab/webex/app.ts', start: 'startWebexLab' },
  },
});

export const test = portalTest(portal, 'webex');
export { expect } from '@playwright/test';
export { expectNoPortalError } from '../../src/fixtures';
