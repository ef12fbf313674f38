import { test, expect, expectNoPortalError } from '../../pages/pcd/portal';
import { loadEsxiHosts } from '../../pages/pcd/data';

for (const host of loadEsxiHosts()) {
  test(`add ESXi host ${host.hostname}`, { tag: ['@pcd', '@add-esxi-host'] }, async ({ pcd, destructive }) => {
    destructive('Adds a host to the real inventory');

    await test.step('Open Inventory › ESXi Hosts', async () => {
      await pcd.navigation.openHome();
      await pcd.navigation.goTo('ESXi Hosts');
    });

    await test.step(`Add ${host.hostname}`, async () => {
      const result = await pcd.esxiHosts.addEsxiHost({ hostname: host.hostname, username: host.username, password: 'Esx1-Lab-Pass' });
      expectNoPortalError(result.error, 'Add ESXi Host');
      expect(result.confirmation).toContain(host.hostname);
    });

    await test.step('The host is listed in the inventory', async () => {
      expect(await pcd.esxiHosts.hostnames()).toContain(host.hostname);
    });
  });
}
