import { test, expect } from '../../pages/pcd/portal';

test.use({ signedOut: true });

test('three failed sign-ins lock the account', { tag: ['@pcd', '@sign-in-lockout'] }, async ({ pcd, target, destructive }) => {
  destructive('Locks the real administrator account for 5 minutes');
  await pcd.login.open();

  await test.step('Enter a wrong password three times', async () => {
    for (const attempt of [1, 2, 3]) {
      const error = await pcd.login.attemptSignIn(target.username, `wrong-password-${attempt}`);
      expect(error, `attempt ${attempt} should be refused`).toBeTruthy();
    }
  });

  await test.step('The right password is refused while the account is locked', async () => {
    const error = await pcd.login.attemptSignIn(target.username, target.password);
    expect(error).toContain('locked');
    await expect(pcd.navigation.menuButton).toBeHidden();
  });
});
