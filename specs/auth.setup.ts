import { test as setup } from '../src/fixtures';
import { loadPortals } from '../src/portals/registry';
import { portalSelected } from '../src/portals/selection';

/*
 * One session per browser and portal, before the tasks run: a saved session that still works, else the
 * portal's own sign-in (pages/<portal>/portal.ts). This project records no trace, screenshot or video, so
 * passwords and codes typed here never reach a report. A portal that cannot be signed in to is recorded as
 * such and only its own tasks are affected. Anonymous portals need no setup.
 */
for (const portal of loadPortals().filter((p) => p.signIn !== 'anonymous')) {
  setup.describe(portal.name, () => {
    setup.use({ portal: portal.id });
    // A run that selected none of this portal's tasks (--grep, --project, a file, --last-failed) needs no session:
    // skipped here, before any fixture, so no browser starts for it.
    setup.skip(!portalSelected(portal.id), `no selected task of ${portal.name} needs a session`);

    setup(`sign in to ${portal.name}`, async ({ signInToPortal }) => {
      await signInToPortal(portal);
    });
  });
}
