import { test, expect } from '../../pages/pcd/portal';
import { loadClusters } from '../../pages/pcd/data';

const [cluster] = loadClusters();

test('create an upgrade task and run it to Successful', { tag: ['@pcd', '@upgrade-task'] }, async ({ pcd, destructive }) => {
  destructive('Upgrades a real cluster');
  test.skip(!cluster, 'data/pcd/clusters.csv lists no cluster');
  const nickname = `Upgrade ${cluster!.nickname} to 15`;

  await test.step('Open Task › Upgrade', async () => {
    await pcd.navigation.openHome();
    await pcd.navigation.goTo('Upgrade');
  });

  await test.step('Add an upgrade task for every node, to start manually', async () => {
    const wizard = await pcd.upgrade.createUpgradeTask({ nickname, cluster: cluster!.nickname, nodes: cluster!.nodes, file: 'UCSInstall_UCOS_15.0.1.10000-10.sgn.iso', startManually: true });
    expect(wizard.nextDisabledWithoutNodes, 'Next must stay disabled until a node is chosen').toBe(true);
    expect(await pcd.monitoring.taskStatus()).toBe('Wait_for_manual_start');
  });

  await test.step('Start it from Monitoring and follow it to the end', async () => {
    const result = await pcd.monitoring.startTaskAndWaitForResult();
    expect(result.finalState).toBe('Successful');
    expect(result.steps.every((s) => s.status === 'Successful'), JSON.stringify(result.steps)).toBe(true);
  });
});
