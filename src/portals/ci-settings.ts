import type { PortalDefinition } from './definition';

/**
 * What a CI system must be given for each portal plug-in to test the real portal instead of the lab: addresses
 * and modes as (visible) variables, credentials and certificates as secrets. The nightly workflow's env block
 * and the README's table are checked against this list, so a new plug-in cannot be forgotten there.
 */
export interface CiSetting {
  name: string;
  kind: 'variable' | 'secret';
  portal: string;
  what: string;
}

export function portalCiSettings(portals: readonly PortalDefinition[]): CiSetting[] {
  return portals.flatMap((p): CiSetting[] => {
    const P = p.envPrefix;
    const own = (name: string, kind: CiSetting['kind'], what: string): CiSetting => ({ name: `${P}_${name}`, kind, portal: p.id, what });
    return [
      own('URL', 'variable', p.lab ? 'the real portal\'s address (unset: the embedded lab)' : 'the portal\'s address (required: it has no lab replica)'),
      ...(p.signIn === 'anonymous' ? [] : [
        own('USERNAME', 'secret', 'account to sign in with'),
        own('PASSWORD', 'secret', 'its password'),
        own('TOTP_SECRET', 'secret', 'base32 secret of the account\'s authenticator (MFA), if it has one'),
      ]),
      own('TLS', 'variable', '`insecure` to accept any certificate (every report says so)'),
      own('CA_PEM', 'secret', 'the CA certificate of a self-signed appliance, as PEM text'),
      ...Object.entries(p.options ?? {}).map(([name, option]) => own(name, 'variable', option.describe)),
    ];
  });
}

/** `PCD_URL: ${{ vars.PCD_URL }}` — the lines of a GitHub Actions `env:` block, indented by `indent`. */
export function workflowEnvLines(settings: readonly CiSetting[], indent = ''): string[] {
  return settings.map((s) => `${indent}${s.name}: \${{ ${s.kind === 'secret' ? 'secrets' : 'vars'}.${s.name} }}`);
}

/** The README's table: one row per setting, grouped by portal. */
export function settingsTable(settings: readonly CiSetting[], portalNames: Record<string, string>): string {
  const rows = settings.map((s) => `| ${portalNames[s.portal] ?? s.portal} | \`${s.name}\` | ${s.kind} | ${s.what} |`);
  return ['| portal | name | set as | what |', '|---|---|---|---|', ...rows].join('\n');
}
