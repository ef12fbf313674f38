import { test, expect, expectNoPortalError } from '../../pages/cucm/portal';
import { loadPhones } from '../../pages/cucm/data';

const phone = loadPhones().find((p) => !p.in_lab);

test(`add phone ${phone?.device_name}`, { tag: ['@cucm', '@add-phone'] }, async ({ cucm, destructive }) => {
  destructive('Adds a phone to the real cluster');
  test.skip(!phone, 'data/cucm/phones.csv lists no phone to add (in_lab=no)');

  await test.step('Device › Phone › Add New', async () => {
    await cucm.admin.openHome();
    await cucm.admin.openMenu('Device', 'Phone');
  });

  await test.step(`Add a ${phone!.model} (${phone!.protocol}) named ${phone!.device_name}`, async () => {
    const result = await cucm.phones.addPhone({ deviceName: phone!.device_name, model: phone!.model, protocol: phone!.protocol, description: phone!.description, devicePool: phone!.device_pool });
    expectNoPortalError(result.error, 'Save the new phone');
    expect(result.status).toContain('Add successful');
  });

  await test.step('The phone is listed by Find and List Phones', async () => {
    await cucm.admin.openMenu('Device', 'Phone');
    expect((await cucm.phones.findPhones(phone!.device_name)).map((p) => p.deviceName)).toEqual([phone!.device_name]);
  });
});
