import { test, expect, expectNoPortalError } from '../../pages/webex/portal';
import { loadMeetings } from '../../pages/webex/data';

const meeting = loadMeetings().find((m) => m.state === 'open' && !m.password && !m.lobby);

test(`join ${meeting?.title} by meeting number`, { tag: ['@webex', '@join-meeting'] }, async ({ webex }) => {
  test.skip(!meeting, 'data/webex/meetings.csv lists no open meeting without password or lobby');

  await test.step(`Enter meeting number ${meeting!.number}`, async () => {
    const found = await webex.join.findMeeting(meeting!.number);
    expectNoPortalError(found.error, 'Find the meeting');
    expect(found.title).toBe(meeting!.title);
  });

  await test.step('Join from this browser with name and e-mail', async () => {
    await webex.join.joinFromThisBrowser();
    expectNoPortalError(await webex.prejoin.joinMeeting(webex.guest), 'Join meeting');
  });

  await test.step('The meeting controls appear and I am among the participants', async () => {
    await webex.meeting.waitUntilAdmitted();
    expect(await webex.meeting.listParticipants()).toContain(`${webex.guest.name} (me)`);
  });

  await test.step('Leave the meeting', async () => {
    expect(await webex.meeting.leaveMeeting()).toBe("You've left the meeting");
  });
});
