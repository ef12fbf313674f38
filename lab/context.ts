import type { LabMode, LabPorts } from '../src/config/settings';
import type { PortalId } from '../src/config/portals';
import type { Cluster, Invoice, Meeting, PaymentCard } from '../src/data';

export interface LabContext {
  mode: LabMode;
  down: PortalId[];
  ports: LabPorts;
  credentials: Record<'pcd' | 'm365', { username: string; password: string }>;
  data: { clusters: Cluster[]; invoices: Invoice[]; meetings: Meeting[]; paymentCards: PaymentCard[] };
  /** Where the browser reaches the payment provider: 127.0.0.1 is a different *site* from localhost. */
  paymentsOrigin: string;
  m365Origin: string;
}
