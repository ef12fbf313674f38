import { loadDataFile, list, text } from '../../src/data';

/** data/pcd/clusters.csv: the CUCM clusters PCD manages. */
export const clusterSchema = {
  key: 'id' as const,
  columns: { id: text(), nickname: text(), publisher: text(), product: text(), nodes: list(), unreachable_node: text(false) },
};
export const esxiHostSchema = { key: 'id' as const, columns: { id: text(), hostname: text(), username: text() } };

export const loadClusters = (file?: string) => loadDataFile('pcd/clusters.csv', clusterSchema, file);
export const loadEsxiHosts = (file?: string) => loadDataFile('pcd/esxi-hosts.csv', esxiHostSchema, file);

export type Cluster = ReturnType<typeof loadClusters>[number];
export type EsxiHost = ReturnType<typeof loadEsxiHosts>[number];
