import { test, expect, expectNoPortalError } from '../../pages/pcd/portal';
import { loadClusters } from '../../pages/pcd/data';

// Clusters with a node that is unreachable at first exercise "Resume Discovery" (the first row of the file is
// already in the inventory).
const clusters = loadClusters().slice(1).filter((c) => c.unreachable_node);

for (const cluster of clusters) {
  test(`discover cluster ${cluster.nickname}`, { tag: ['@pcd', '@discover-cluster'] }, async ({ pcd, destructive }) => {
    destructive('Adds a cluster to the real inventory');

    await test.step('Open Inventory › Clusters', async () => {
      await pcd.navigation.openHome();
      await pcd.navigation.goTo('Clusters');
    });

    await test.step(`Discover ${cluster.nickname} from publisher ${cluster.publisher}`, async () => {
      const error = await pcd.clusters.discoverCluster({ nickname: cluster.nickname, publisher: cluster.publisher, osUser: 'administrator', osPassword: 'Disc0very-Lab' });
      expectNoPortalError(error, 'Start cluster discovery');
    });

    await test.step('Wait for discovery to finish on every node', async () => {
      const { nodes, error } = await pcd.clusters.waitForDiscoveryToSettle();
      expectNoPortalError(error, 'Discovery status');
      expect(nodes.map((n) => n.host)).toEqual(cluster.nodes);
      const unreachable = nodes.filter((n) => n.status === 'Node Unreachable').map((n) => n.host);
      expect(unreachable).toEqual([cluster.unreachable_node]);
    });

    await test.step(`Resume discovery once ${cluster.unreachable_node} is back`, async () => {
      const nodes = await pcd.clusters.resumeDiscoveryOfUnreachableNodes();
      expect(nodes.every((n) => n.status === 'Successful'), JSON.stringify(nodes)).toBe(true);
    });

    await test.step('Finish and find the cluster in the inventory as Discovered', async () => {
      expect(await pcd.clusters.finishDiscovery()).toContain(cluster.nickname);
      expect(await pcd.clusters.clusterType(cluster.nickname)).toBe('Discovered');
    });
  });
}
