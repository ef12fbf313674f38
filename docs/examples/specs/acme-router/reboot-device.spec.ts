import { test, expect } from '../../pages/acme-router/portal';

test('reboot the lobby access point', { tag: ['@acme-router', '@reboot-device'] }, async ({ acmeRouter, destructive }) => {
  // Restarts a real device: skipped on the real router unless ALLOW_DESTRUCTIVE=1 (always runs on a lab replica).
  destructive('reboots a device on the router');
  await acmeRouter.devices.open();

  await test.step('Reboot the access point', () => acmeRouter.devices.rebootDevice('lobby-ap'));

  await test.step('The console confirms it and the device restarts', async () => {
    await expect(acmeRouter.devices.confirmation).toHaveText('Reboot of lobby-ap requested.');
    await expect(acmeRouter.devices.statusOf('lobby-ap')).toHaveText('Rebooting');
  });
});
