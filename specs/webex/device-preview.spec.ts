import { test, expect } from '../../pages/webex/portal';
import { loadMeetings } from '../../pages/webex/data';

const meeting = loadMeetings().find((m) => m.state === 'open');

test('preview camera and microphone before joining', { tag: ['@webex', '@device-preview'] }, async ({ webex }) => {
  test.skip(!meeting, 'data/webex/meetings.csv lists no open meeting');
  await webex.join.findMeeting(meeting!.number);
  await webex.join.joinFromThisBrowser();

  await test.step('The camera preview starts', async () => {
    const preview = await webex.prejoin.readDevicePreview();
    expect(preview.status).toContain('Camera preview is on');
    expect(preview.videoPlaying, `preview: ${preview.status}`).toBe(true);
  });

  await test.step('Mute and Stop video switch the devices off', async () => {
    expect(await webex.prejoin.muteAndStopVideo()).toEqual(['Unmute', 'Start video']);
  });
});
