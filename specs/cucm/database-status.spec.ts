import { test, expect } from '../../pages/cucm/portal';
import { loadNodes } from '../../pages/cucm/data';

const nodes = loadNodes();

test('Unified CM Database Status: every node replicates (state 2, Setup Completed)', { tag: ['@cucm', '@database-status'] }, async ({ cucm }) => {
  await test.step('Navigation › Cisco Unified Reporting', async () => {
    await cucm.admin.openHome();
    await cucm.admin.switchTo('Cisco Unified Reporting');
  });

  const report = await test.step('System Reports › Unified CM Database Status › Generate a new report', async () => cucm.reporting.generateDatabaseStatus());

  await test.step('Every node of the cluster is listed with replication state 2', async () => {
    expect(report.map((n) => n.server)).toEqual(nodes.map((n) => n.node));
    const notReplicating = report.filter((n) => n.state !== 2);
    expect(notReplicating, `nodes not in state 2 (Setup Completed): ${notReplicating.map((n) => `${n.server}: ${n.state} (${n.stateText})`).join(', ')}`).toEqual([]);
  });
});
