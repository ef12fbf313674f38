import { definePortal } from '../../src/portals/definition';
import { portalTest } from '../../src/fixtures';
import { M365SignInPage } from './sign-in-page';
import { BillsPage } from './bills-page';
import { InvoicePage } from './invoice-page';
import { PaymentMethodsPage } from './payment-methods-page';
import { loadInvoices, loadPaymentCards } from './data';

export const portal = definePortal({
  id: 'm365',
  name: 'Microsoft 365 billing',
  envPrefix: 'M365',
  pages: (page, target) => ({
    signIn: new M365SignInPage(page, target.url),
    bills: new BillsPage(page, target.url),
    invoice: new InvoicePage(page),
    paymentMethods: new PaymentMethodsPage(page),
  }),
  signIn: {
    // Through every screen (TOTP code with M365_TOTP_SECRET, "Stay signed in?" Yes) to Billing › Bills & payments.
    async run(page, target) {
      const refused = await new M365SignInPage(page, target.url).signIn({ email: target.username, password: target.password, totpSecret: target.totpSecret });
      if (refused) throw new Error(`Microsoft 365 refused the sign-in: ${refused}`);
    },
    isSignedIn: (page, target) => new M365SignInPage(page, target.url).isSignedIn(),
  },
  checkData() {
    loadInvoices();
    loadPaymentCards();
  },
  lab: {
    port: 47102,
    // The payment provider the admin center embeds: a different site (127.0.0.1), as in production.
    helperPorts: { payments: 47104 },
    // The lab account has MFA with an authenticator app (a lab-only secret): the default run types a real TOTP code.
    credentials: { username: 'billing.admin@contoso.example', password: 'Lab-Billing-1!', totpSecret: 'KRUGS4ZANFZSAYJAONUWO3RNNFXCA3DB' },
    app: { module: 'lab/m365/app.ts', start: 'startM365Lab' },
  },
});

export const test = portalTest(portal, 'm365');
export { expect } from '@playwright/test';
export { expectNoPortalError } from '../../src/fixtures';
