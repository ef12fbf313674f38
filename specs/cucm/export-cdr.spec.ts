import { test, expect, expectNoPortalError } from '../../pages/cucm/portal';

// Last month, as YYYY-MM: a whole month of records.
const now = new Date();
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const month = lastMonth.toISOString().slice(0, 7);
const monthName = lastMonth.toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

test(`export the call detail records of ${monthName}`, { tag: ['@cucm', '@export-cdr'] }, async ({ cucm }) => {
  await test.step('Navigation › Cisco Unified Serviceability › CDR Analysis and Reporting', async () => {
    await cucm.admin.openHome();
    await cucm.admin.switchTo('Cisco Unified Serviceability');
    await cucm.cdr.open();
  });

  await test.step(`Export ${month}`, async () => {
    const result = await cucm.cdr.exportMonth(month);
    expectNoPortalError(result.error, 'Export CDR records');
    expect(result.status).toContain(`CDR records for ${monthName}`);
  });
});
