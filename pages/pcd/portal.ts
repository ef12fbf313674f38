import { expect } from '@playwright/test';
import { definePortal } from '../../src/portals/definition';
import { portalTest } from '../../src/fixtures';
import { PcdLoginPage } from './login-page';
import { PcdNavigation } from './navigation';
import { ClustersPage } from './clusters-page';
import { EsxiHostsPage } from './esxi-hosts-page';
import { DatabaseReplicationPage } from './database-replication-page';
import { UpgradeTaskPage } from './upgrade-task-page';
import { MonitoringPage } from './monitoring-page';
import { loadClusters, loadEsxiHosts } from './data';

export const portal = definePortal({
  id: 'pcd',
  name: 'Cisco Prime Collaboration Deployment',
  envPrefix: 'PCD',
  pages: (page, target) => ({
    login: new PcdLoginPage(page, target.url),
    navigation: new PcdNavigation(page, target.url),
    clusters: new ClustersPage(page),
    esxiHosts: new EsxiHostsPage(page),
    database: new DatabaseReplicationPage(page),
    upgrade: new UpgradeTaskPage(page),
    monitoring: new MonitoringPage(page),
  }),
  signIn: {
    async run(page, target) {
      await new PcdLoginPage(page, target.url).signIn(target.username, target.password);
      await expect(new PcdNavigation(page, target.url).menuButton).toBeVisible();
    },
    isSignedIn: (page, target) => new PcdLoginPage(page, target.url).isSignedIn(),
  },
  checkData() {
    loadClusters();
    loadEsxiHosts();
  },
  lab: {
    port: 47101,
    credentials: { username: 'admin', password: 'Lab-Admin-1!' },
    app: { module: 'lab/pcd/app.ts', start: 'startPcdLab' },
  },
});

export const test = portalTest(portal, 'pcd');
export { expect } from '@playwright/test';
export { expectNoPortalError } from '../../src/fixtures';
