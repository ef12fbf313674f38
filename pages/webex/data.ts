import { loadDataFile, oneOf, text, yesNo } from '../../src/data';

export const meetingSchema = {
  key: 'id' as const,
  columns: {
    id: text(),
    number: { required: true, expected: 'a meeting number of 9 to 11 digits', read: (raw: string) => (/^\d{9,11}$/.test(raw) ? raw : undefined) },
    title: text(), password: text(false), lobby: yesNo(), state: oneOf(['open', 'ended', 'unknown'] as const),
  },
};

export const loadMeetings = (file?: string) => loadDataFile('webex/meetings.csv', meetingSchema, file);

export type Meeting = ReturnType<typeof loadMeetings>[number];
