import { test, expect } from '../../pages/pcd/portal';

test.use({ signedOut: true });

test('sign in and acknowledge the logon message', { tag: ['@pcd', '@sign-in'] }, async ({ pcd, target }) => {
  await test.step('Open the PCD sign-in page', async () => {
    await pcd.login.open();
  });

  await test.step('Sign in as the administrator', async () => {
    const error = await pcd.login.attemptSignIn(target.username, target.password);
    expect(error, `PCD refused the administrator: "${error}"`).toBeUndefined();
  });

  await test.step('Acknowledge the logon message and reach the home page', async () => {
    await pcd.login.acknowledgeLogonMessage();
    await expect(pcd.navigation.menuButton).toBeVisible();
  });
});
