import { test, expect } from '../../pages/cucm/portal';

test.use({ signedOut: true });

test('sign in to Cisco Unified CM Administration', { tag: ['@cucm', '@sign-in'] }, async ({ cucm, target }) => {
  await test.step('Installed Applications › Cisco Unified Communications Manager, sign in', async () => {
    const refused = await cucm.signIn.signIn(target.username, target.password);
    expect(refused, `Cisco Unified CM Administration refused the administrator: "${refused}"`).toBeUndefined();
  });

  await test.step('The administration menus are shown', async () => {
    await expect(cucm.admin.menus.getByRole('button', { name: 'Device' })).toBeVisible();
    await expect(cucm.admin.menus.getByRole('button', { name: 'User Management' })).toBeVisible();
  });
});
