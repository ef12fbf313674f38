import { test, expect, expectNoPortalError } from '../../pages/webex/portal';
import { loadMeetings } from '../../pages/webex/data';

const meeting = loadMeetings().find((m) => m.state === 'open' && m.password && !m.lobby);

test('join a password-protected meeting', { tag: ['@webex', '@meeting-password'] }, async ({ webex }) => {
  test.skip(!meeting, 'data/webex/meetings.csv lists no password-protected meeting');
  await webex.join.findMeeting(meeting!.number);
  await webex.join.joinFromThisBrowser();

  await test.step('A wrong password is refused', async () => {
    expect(await webex.prejoin.joinMeeting(webex.guest, 'not-the-password')).toContain('Incorrect password');
  });

  await test.step('The right password lets me in', async () => {
    expectNoPortalError(await webex.prejoin.joinMeeting(webex.guest, meeting!.password), 'Join with the meeting password');
    await webex.meeting.waitUntilAdmitted();
  });
});
