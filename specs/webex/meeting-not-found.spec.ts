import { test, expect } from '../../pages/webex/portal';
import { loadMeetings } from '../../pages/webex/data';

const unknown = loadMeetings().filter((m) => m.state === 'unknown');

for (const meeting of unknown) {
  test(`unknown meeting ${meeting.number} says Meeting not found`, { tag: ['@webex', '@meeting-not-found'] }, async ({ webex }) => {
    const found = await webex.join.findMeeting(meeting.number);
    expect(found.error).toContain('Meeting not found');
  });
}
