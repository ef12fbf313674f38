import { test, expect, expectNoPortalError } from '../../pages/cucm/portal';
import { loadEndUsers, loadPhones } from '../../pages/cucm/data';

const phone = loadPhones().find((p) => p.in_lab);
const owner = loadEndUsers().find((u) => u.user_id !== phone?.owner);

test(`set the owner of ${phone?.device_name} with the user lookup`, { tag: ['@cucm', '@set-phone-owner'] }, async ({ cucm, destructive }) => {
  destructive('Changes the owner of a real phone');
  test.skip(!phone || !owner, 'needs an existing phone in data/cucm/phones.csv and another user in data/cucm/end-users.csv');

  await test.step(`Open the Phone Configuration of ${phone!.device_name}`, async () => {
    await cucm.admin.openHome();
    await cucm.admin.openMenu('Device', 'Phone');
    await cucm.phones.findPhones(phone!.device_name);
    await cucm.phones.openPhone(phone!.device_name);
  });

  await test.step(`Owner User ID › Select… › pick ${owner!.user_id}`, async () => {
    const opened = await cucm.phones.chooseOwnerWithLookup(owner!.user_id);
    expect(opened, 'Select… did nothing: the "Find and List Users" lookup window did not open').toBe(true);
    expect(await cucm.phones.ownerUserId()).toBe(owner!.user_id);
  });

  await test.step('Save shows Update successful', async () => {
    const result = await cucm.phones.save();
    expectNoPortalError(result.error, 'Save the phone');
    expect(result.status).toContain('Update successful');
  });
});
