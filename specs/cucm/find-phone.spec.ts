import { test, expect } from '../../pages/cucm/portal';
import { loadPhones } from '../../pages/cucm/data';

const phone = loadPhones().find((p) => p.in_lab);

test(`find phone ${phone?.device_name}`, { tag: ['@cucm', '@find-phone'] }, async ({ cucm }) => {
  test.skip(!phone, 'data/cucm/phones.csv lists no existing phone (in_lab=yes)');

  await test.step('Device › Phone', async () => {
    await cucm.admin.openHome();
    await cucm.admin.openMenu('Device', 'Phone');
  });

  await test.step(`Find Phone where Device Name begins with ${phone!.device_name}`, async () => {
    const found = await cucm.phones.findPhones(phone!.device_name);
    expect(found).toEqual([expect.objectContaining({ deviceName: phone!.device_name, description: phone!.description, protocol: phone!.protocol })]);
  });
});
