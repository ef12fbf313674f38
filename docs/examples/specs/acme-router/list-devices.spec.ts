import { test, expect } from '../../pages/acme-router/portal';

test('the device list shows the core switch online', { tag: ['@acme-router', '@list-devices'] }, async ({ acmeRouter }) => {
  await test.step('Open Devices', () => acmeRouter.devices.open());

  await test.step('The core switch is online', async () => {
    await expect(acmeRouter.devices.statusOf('core-switch')).toHaveText('Online');
  });
});
