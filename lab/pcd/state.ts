import type { Cluster } from '../../pages/pcd/data';
import { newId } from '../shared/sessions';

export type DiscoveryStatus = 'Contacting' | 'Discovering' | 'Successful' | 'Node Unreachable';
export type TaskState = 'Wait_for_manual_start' | 'Started' | 'Successful' | 'Canceled';

export interface InventoryCluster { nickname: string; product: string; type: 'Discovered'; nodes: string[] }
export interface Discovery { id: string; nickname: string; publisher: string; nodes: string[]; unreachable?: string; startedAt: number; resumedAt?: number }
export interface UpgradeTask { id: string; nickname: string; cluster: string; nodes: string[]; file: string; state: TaskState; startedAt?: number; canceledAt?: number }

export interface PcdState {
  clusters: InventoryCluster[];
  esxiHosts: { hostname: string; username: string }[];
  discoveries: Map<string, Discovery>;
  tasks: Map<string, UpgradeTask>;
  splitBrain: boolean;
  failedLogins: Map<string, { count: number; lockedUntil?: number }>;
}

export const UPGRADE_STEPS = ['Validate the upgrade file', 'Export data', 'Upgrade nodes', 'Database Replication', 'Switch version'];
/**
 * How long the lab pretends each step takes: long enough to watch progress in the demo, short enough not to
 * be what a run waits on (npm run bench showed these waits leading the slowest tests; halved).
 */
export const STEP_MS = 300;

export function seedPcd(clusters: Cluster[]): PcdState {
  const first = clusters[0];
  return {
    // The first cluster in data/pcd/clusters.csv is already in the inventory; the others are there to discover.
    clusters: first ? [{ nickname: first.nickname, product: first.product, type: 'Discovered', nodes: first.nodes }] : [],
    esxiHosts: [],
    discoveries: new Map(),
    tasks: new Map(),
    splitBrain: false,
    failedLogins: new Map(),
  };
}

export function startDiscovery(state: PcdState, known: Cluster, nickname: string): Discovery {
  // A 12-character base64url id, like the object ids real portals put in their URLs.
  const discovery: Discovery = { id: newId(9), nickname, publisher: known.publisher, nodes: known.nodes, unreachable: known.unreachable_node, startedAt: Date.now() };
  state.discoveries.set(discovery.id, discovery);
  return discovery;
}

/** Statuses move on with time, like PCD's: Contacting → Discovering → Successful | Node Unreachable. */
export function discoveryStatus(d: Discovery, now = Date.now()): { host: string; status: DiscoveryStatus }[] {
  const elapsed = now - d.startedAt;
  return d.nodes.map((host) => {
    if (elapsed < 250) return { host, status: 'Contacting' };
    if (elapsed < 700) return { host, status: 'Discovering' };
    if (host !== d.unreachable) return { host, status: 'Successful' };
    if (!d.resumedAt) return { host, status: 'Node Unreachable' };
    return { host, status: now - d.resumedAt < 450 ? 'Discovering' : 'Successful' };
  });
}

export function taskProgress(task: UpgradeTask, now = Date.now()): { state: TaskState; steps: { name: string; status: string }[] } {
  if (!task.startedAt || task.state === 'Canceled') {
    return { state: task.state, steps: UPGRADE_STEPS.map((name) => ({ name, status: task.state === 'Canceled' ? 'Canceled' : 'Pending' })) };
  }
  const done = Math.floor((now - task.startedAt) / STEP_MS);
  const steps = UPGRADE_STEPS.map((name, i) => ({ name, status: i < done ? 'Successful' : i === done ? 'Started' : 'Pending' }));
  return { state: done >= UPGRADE_STEPS.length ? 'Successful' : 'Started', steps };
}
