import { loadDataFile, oneOf, text, yesNo } from '../../src/data';

export const phoneSchema = {
  key: 'device_name' as const,
  columns: {
    // Cisco's device name for a phone: SEP and the 12 hex digits of its MAC address.
    device_name: { required: true, expected: 'SEP followed by 12 hex digits (the MAC address)', read: (raw: string) => (/^SEP[0-9A-F]{12}$/.test(raw) ? raw : undefined) },
    model: text(), protocol: oneOf(['SIP', 'SCCP'] as const), description: text(), device_pool: text(), owner: text(false),
    /** yes: the phone already exists on the cluster; no: a phone the add-phone task creates. */
    in_lab: yesNo(),
  },
};
export const endUserSchema = { key: 'user_id' as const, columns: { user_id: text(), first_name: text(), last_name: text(), department: text() } };
export const nodeSchema = {
  key: 'node' as const,
  columns: {
    node: text(), role: oneOf(['publisher', 'subscriber'] as const),
    /** `utils dbreplication runtimestate`: 0/1 initialising, 2 Setup Completed, 3 mismatched tables, 4 setup failed. */
    replication_state: oneOf(['0', '1', '2', '3', '4'] as const),
  },
};

export const loadPhones = (file?: string) => loadDataFile('cucm/phones.csv', phoneSchema, file);
export const loadEndUsers = (file?: string) => loadDataFile('cucm/end-users.csv', endUserSchema, file);
export const loadNodes = (file?: string) => loadDataFile('cucm/nodes.csv', nodeSchema, file);

export type Phone = ReturnType<typeof loadPhones>[number];
export type EndUser = ReturnType<typeof loadEndUsers>[number];
export type ClusterNode = ReturnType<typeof loadNodes>[number];

/** Cisco's wording of each replication state, as Unified Reporting prints it. */
export const REPLICATION_STATES: Record<string, string> = {
  0: 'Initialization State', 1: 'Number of Replicates not correct', 2: 'Setup Completed', 3: 'Mismatched tables', 4: 'Setup Failed / Dropped',
};
