import type { Page } from '@playwright/test';
import type { TlsTrust } from '../config/tls';

export type LabMode = 'broken' | 'fixed';

/** A portal as the tests see it: where it is and how to get in, resolved from `<PREFIX>_*` settings. */
export interface PortalTarget {
  id: string;
  name: string;
  /** Its settings' prefix (PCD → PCD_URL…), for messages that name the variable to set. */
  envPrefix: string;
  url: string;
  /** True when the URL is the embedded lab (the default); false for a real portal from .env. */
  isLab: boolean;
  /** Empty for an anonymous portal. */
  username: string;
  password: string;
  /** Base32 secret for time-based one-time codes (`<PREFIX>_TOTP_SECRET`), when the account has MFA. */
  totpSecret?: string;
  /** How the portal's HTTPS certificate is checked (`<PREFIX>_CA_FILE`, `<PREFIX>_TLS`). */
  tls: TlsTrust;
  /** The portal's own extra settings (`<PREFIX>_<NAME>`), declared in its definition. */
  options: Record<string, string>;
}

/** A setting a portal declares for itself, read from `<PREFIX>_<NAME>`. */
export interface PortalOption {
  describe: string;
  default: string;
}

/** What a lab replica gets when the lab starts it. */
export interface LabAppContext {
  mode: LabMode;
  /** The portal plays "down" (LAB_MODE=down…): every page answers 503 except /lab/health. */
  down: boolean;
  /** Where the replica must listen (loopback only) and the origin the browser reaches it at. */
  host: string;
  port: number;
  origin: string;
  /** Extra loopback ports the replica declared (e.g. a payment provider on another site). */
  helperPorts: Record<string, number>;
  /** The credentials the lab accepts: the lab defaults or the ones set in .env (with MFA when totpSecret is set). */
  credentials: { username: string; password: string; totpSecret?: string };
  /** A certificate generated at lab start, when the replica is served over HTTPS. */
  tls?: { key: string; cert: string };
}

export interface RunningLabApp {
  close(): Promise<void>;
}

export interface PortalLab {
  /** Default port on localhost; `LAB_<PREFIX>_PORT` overrides it. */
  port: number;
  /** Serve the replica over HTTPS with a self-signed certificate generated when the lab starts. */
  https?: boolean;
  /** Further loopback ports the replica needs, by name; `LAB_<NAME>_PORT` overrides each. */
  helperPorts?: Record<string, number>;
  /** Credentials the replica accepts when .env sets none (a TOTP secret makes the lab account use MFA). */
  credentials?: { username: string; password: string; totpSecret?: string };
  /**
   * The replica's module, from the repository root, and the function it exports to start it
   * (`(ctx: LabAppContext) => Promise<RunningLabApp>`). Named, not imported, so test workers never load lab code.
   */
  app: { module: string; start: string };
}

/**
 * How the harness signs in. It is given the browser page and the target, not the portal's page objects, so it
 * type-checks wherever it is written in `definePortal({ … })` (a sign-in page object is built inside `run`).
 */
export interface PortalSignIn {
  /**
   * Signs in with `target.username` / `target.password` and returns once a signed-in page is shown (throw or
   * fail an expectation otherwise). Runs before the portal's first task in a browser, in a context of its own and
   * before the task's trace, screenshots and steps record anything. Afterwards
   * the harness checks for itself that the sign-in form is gone and, when given, that `isSignedIn` holds.
   */
  run(page: Page, target: PortalTarget): Promise<void>;
  /**
   * Whether the browser is signed in already: opens a page that needs a session and tells it from the sign-in
   * page. With it, a saved session (npm run sign-in, or the last run's) is tried before signing in again; without
   * it, the harness always signs in.
   */
  isSignedIn?(page: Page, target: PortalTarget): Promise<boolean>;
}

export interface PortalDefinition<Pages = unknown> {
  /** kebab-case, the same as the folder `pages/<id>/` and its data folder `data/<id>/` (its task list `data/<id>/tasks.csv`). */
  id: string;
  /** As people call it: shown in the matrix, the Allure report and messages. */
  name: string;
  /** The portal's address when `<PREFIX>_URL` is not set and there is no lab replica (e.g. an intranet portal). */
  url?: string;
  /** Settings prefix: `<PREFIX>_URL`, `_USERNAME`, `_PASSWORD`, `_TLS`, `_CA_FILE`, and the declared options. */
  envPrefix: string;
  /** How the harness signs in before the tasks run, or 'anonymous' when the tasks need no account. */
  signIn: PortalSignIn | 'anonymous';
  /** The page objects a spec gets as its portal fixture. */
  pages(page: Page, target: PortalTarget): Pages;
  /** Loads the portal's own data files, so a mistake in any of them stops the run before a browser starts. */
  checkData?(): void;
  options?: Record<string, PortalOption>;
  /** The embedded lab replica, when there is one; without it `<PREFIX>_URL` is required. */
  lab?: PortalLab;
}

/** Declares a portal plug-in (`pages/<id>/portal.ts`); the harness finds it there, nothing else is edited. */
export function definePortal<Pages>(definition: PortalDefinition<Pages>): PortalDefinition<Pages> {
  return definition;
}
