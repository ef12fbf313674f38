import { test, expect, expectNoPortalError } from '../../pages/webex/portal';
import { loadMeetings } from '../../pages/webex/data';

const meeting = loadMeetings().find((m) => m.state === 'open' && m.lobby);

test('wait in the lobby until the host admits me', { tag: ['@webex', '@lobby-admit'] }, async ({ webex }) => {
  test.skip(!meeting, 'data/webex/meetings.csv lists no meeting with a lobby');
  await webex.join.findMeeting(meeting!.number);
  await webex.join.joinFromThisBrowser();

  await test.step('Join meeting puts me in the lobby', async () => {
    expectNoPortalError(await webex.prejoin.joinMeeting(webex.guest, meeting!.password), 'Join meeting');
    expect(await webex.meeting.isInLobby()).toBe(true);
  });

  await test.step('The host lets me in', async () => {
    await webex.meeting.waitUntilAdmitted();
    await expect(webex.meeting.leaveButton).toBeVisible();
  });
});
