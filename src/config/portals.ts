export const PORTAL_IDS = ['pcd', 'm365', 'webex'] as const;
export type PortalId = (typeof PORTAL_IDS)[number];

export const PORTAL_NAMES: Record<PortalId, string> = {
  pcd: 'Cisco Prime Collaboration Deployment',
  m365: 'Microsoft 365 billing',
  webex: 'Webex',
};

export function isPortalId(value: string): value is PortalId {
  return (PORTAL_IDS as readonly string[]).includes(value);
}
