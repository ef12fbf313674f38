import { test, expect, expectNoPortalError } from '../../pages/pcd/portal';
import { loadClusters } from '../../pages/pcd/data';

const [cluster] = loadClusters();

test(`database replication of ${cluster?.nickname} is healthy`, { tag: ['@pcd', '@database-status'] }, async ({ pcd }) => {
  test.skip(!cluster, 'data/pcd/clusters.csv lists no cluster');

  await test.step('Open Monitoring › Database Replication', async () => {
    await pcd.navigation.openHome();
    await pcd.navigation.goTo('Database Replication');
  });

  const status = await test.step(`Check replication status of ${cluster!.nickname}`, async () => pcd.database.readReplicationStatus(cluster!.nickname));

  await test.step('No database access error is shown', async () => {
    expectNoPortalError(status.error, 'Check database replication');
  });

  await test.step('One Primary, the other nodes Secondary, every connection OK', async () => {
    expect(status.nodes.map((n) => n.node)).toEqual(cluster!.nodes);
    expect(status.nodes.filter((n) => n.role === 'Primary')).toHaveLength(1);
    expect(status.nodes.filter((n) => n.role === 'Secondary')).toHaveLength(cluster!.nodes.length - 1);
    expect(status.nodes.every((n) => n.connection === 'Connected'), JSON.stringify(status.nodes)).toBe(true);
  });
});
