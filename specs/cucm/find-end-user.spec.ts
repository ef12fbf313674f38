import { test, expect } from '../../pages/cucm/portal';
import { loadEndUsers } from '../../pages/cucm/data';

const [user] = loadEndUsers();

test(`find end user ${user?.user_id}`, { tag: ['@cucm', '@find-end-user'] }, async ({ cucm }) => {
  test.skip(!user, 'data/cucm/end-users.csv lists no user');

  await test.step('User Management › End User', async () => {
    await cucm.admin.openHome();
    await cucm.admin.openMenu('User Management', 'End User');
  });

  await test.step(`Find User where User ID begins with ${user!.user_id}`, async () => {
    expect(await cucm.endUsers.findUsers(user!.user_id)).toContainEqual({ userId: user!.user_id, firstName: user!.first_name, lastName: user!.last_name, department: user!.department });
  });
});
