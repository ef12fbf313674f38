import { test, expect, expectNoPortalError } from '../../pages/webex/portal';
import { loadMeetings } from '../../pages/webex/data';

const meeting = loadMeetings().find((m) => m.state === 'open' && !m.password && !m.lobby);

test('remote media flows once in the meeting', { tag: ['@webex', '@media-flowing'] }, async ({ webex }) => {
  test.skip(!meeting, 'data/webex/meetings.csv lists no open meeting without password or lobby');
  await webex.join.findMeeting(meeting!.number);
  await webex.join.joinFromThisBrowser();
  expectNoPortalError(await webex.prejoin.joinMeeting(webex.guest), 'Join meeting');
  await webex.meeting.waitUntilAdmitted();

  const media = await test.step('Wait for remote video', async () => webex.meeting.readMedia());

  await test.step('The connection statistics show video bytes received', async () => {
    expectNoPortalError(media.error, 'Connect meeting media');
    expect(media.bytesReceived, media.status).toBeGreaterThan(0);
  });
});
